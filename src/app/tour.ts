/**
 * The tour's state machine, pure: which lesson is showing, what the viewer predicted, whether its run is going, and
 * the figures of the run that revealed the answer. A lesson's run starts only after a prediction (the point is to
 * commit to one), and a prediction is locked once its run starts.
 */
import type { RunFigures } from './lessonFigures.ts';

export interface TourState {
  open: boolean;
  index: number;
  /** Choice id per lesson id. */
  answers: Readonly<Record<string, string>>;
  /** Figures of the run that revealed each lesson's answer. */
  figures: Readonly<Record<string, RunFigures>>;
  /** Lesson id whose run is going, if any. */
  running: string | null;
}

export type TourAction =
  | { type: 'open' }
  | { type: 'close' }
  | { type: 'toggle' }
  | { type: 'next' }
  | { type: 'prev' }
  | { type: 'goto'; index: number }
  | { type: 'answer'; choice: string }
  | { type: 'run' }
  | { type: 'ran'; figures: RunFigures }
  | { type: 'run-failed' };

export type LessonPhase = 'question' | 'answered' | 'running' | 'revealed';

export const initialTour = (open = false): TourState => ({ open, index: 0, answers: {}, figures: {}, running: null });

/** `ids`: the lessons' ids in order (the machine needs no more of them). */
export function tourStep(state: TourState, action: TourAction, ids: readonly string[]): TourState {
  const id = ids[state.index];
  const at = (index: number): TourState => ({ ...state, index: Math.max(0, Math.min(ids.length - 1, index)) });
  switch (action.type) {
    case 'open':
      return { ...state, open: true };
    case 'close':
      return { ...state, open: false };
    case 'toggle':
      return { ...state, open: !state.open };
    case 'next':
      return at(state.index + 1);
    case 'prev':
      return at(state.index - 1);
    case 'goto':
      return Number.isInteger(action.index) ? at(action.index) : state;
    case 'answer': {
      if (!id || state.running === id || state.figures[id]) return state;
      return { ...state, answers: { ...state.answers, [id]: action.choice } };
    }
    case 'run': {
      if (!id || state.running || !state.answers[id]) return state;
      const { [id]: _, ...figures } = state.figures;
      return { ...state, running: id, figures };
    }
    case 'ran': {
      if (!state.running) return state;
      return { ...state, figures: { ...state.figures, [state.running]: action.figures }, running: null };
    }
    case 'run-failed':
      return { ...state, running: null };
  }
}

export function phaseOf(state: TourState, ids: readonly string[]): LessonPhase {
  const id = ids[state.index];
  if (!id) return 'question';
  if (state.running === id) return 'running';
  if (state.figures[id]) return 'revealed';
  return state.answers[id] ? 'answered' : 'question';
}

/** Whether the viewer's prediction for lesson `id` was right (undefined before they made one). */
export function predictedRight(state: TourState, id: string, answer: string): boolean | undefined {
  const given = state.answers[id];
  return given === undefined ? undefined : given === answer;
}
