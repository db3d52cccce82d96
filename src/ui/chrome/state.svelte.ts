/**
 * What the chrome's pieces share across their mount points (the toolbar in the header, the intro below it): whether
 * the intro is showing (on the first visit only, remembered) and the lessons tour.
 */
import { LESSONS } from '../../app/lessons.ts';
import { initialTour, tourStep, type TourAction, type TourState } from '../../app/tour.ts';
import { store } from './theme.ts';

const INTRO_KEY = 'parallax.intro-dismissed';
export const LESSON_IDS = LESSONS.map((l) => l.id);

export const chrome = $state<{ intro: boolean; tour: TourState }>({
  intro: store.get(INTRO_KEY) === null,
  tour: initialTour(),
});
// Shown on the first visit only: from the next one on it stays folded (the header's "What is this?" opens it).
if (chrome.intro) store.set(INTRO_KEY, 'seen');

export function dismissIntro(): void {
  chrome.intro = false;
  store.set(INTRO_KEY, '1');
}

export function dispatchTour(action: TourAction): void {
  chrome.tour = tourStep(chrome.tour, action, LESSON_IDS);
}

export function openLessons(): void {
  dismissIntro();
  dispatchTour({ type: 'open' });
}
