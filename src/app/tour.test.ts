import { describe, expect, it } from 'vitest';
import { initialTour, phaseOf, predictedRight, tourStep, type TourAction, type TourState } from './tour.ts';

const ids = ['a', 'b', 'c'];
const play = (...actions: TourAction[]): TourState => actions.reduce((s, a) => tourStep(s, a, ids), initialTour(true));

describe('the tour', () => {
  it('starts on the first lesson, waiting for a prediction', () => {
    const s = initialTour();
    expect(s.open).toBe(false);
    expect(phaseOf(s, ids)).toBe('question');
    expect(tourStep(s, { type: 'toggle' }, ids).open).toBe(true);
  });

  it('next and prev move between lessons and stop at the ends', () => {
    expect(play({ type: 'prev' }).index).toBe(0);
    expect(play({ type: 'next' }, { type: 'next' }, { type: 'next' }).index).toBe(2);
    expect(play({ type: 'goto', index: 1 }).index).toBe(1);
    expect(play({ type: 'goto', index: 99 }).index).toBe(2);
  });

  it('runs only after a prediction', () => {
    expect(play({ type: 'run' }).running).toBeNull();
    const s = play({ type: 'answer', choice: 'x' }, { type: 'run' });
    expect(s.running).toBe('a');
    expect(phaseOf(s, ids)).toBe('running');
  });

  it('locks the prediction while running and after the reveal', () => {
    const running = play({ type: 'answer', choice: 'x' }, { type: 'run' }, { type: 'answer', choice: 'y' });
    expect(running.answers.a).toBe('x');
    const revealed = tourStep(running, { type: 'ran', figures: { txCount: 5 } }, ids);
    expect(phaseOf(revealed, ids)).toBe('revealed');
    expect(revealed.figures.a).toEqual({ txCount: 5 });
    expect(tourStep(revealed, { type: 'answer', choice: 'y' }, ids).answers.a).toBe('x');
  });

  it('reveals the lesson whose run it was, even after the viewer moved on', () => {
    const s = play({ type: 'answer', choice: 'x' }, { type: 'run' }, { type: 'next' }, { type: 'ran', figures: { n: 1 } });
    expect(s.figures).toEqual({ a: { n: 1 } });
    expect(phaseOf(s, ids)).toBe('question');
    expect(phaseOf(tourStep(s, { type: 'prev' }, ids), ids)).toBe('revealed');
  });

  it('goes back to answered when the run fails, and ignores a stray result', () => {
    const failed = play({ type: 'answer', choice: 'x' }, { type: 'run' }, { type: 'run-failed' });
    expect(phaseOf(failed, ids)).toBe('answered');
    expect(tourStep(failed, { type: 'ran', figures: {} }, ids)).toBe(failed);
  });

  it('runs again from the reveal, keeping the prediction', () => {
    const again = play({ type: 'answer', choice: 'x' }, { type: 'run' }, { type: 'ran', figures: {} }, { type: 'run' });
    expect(phaseOf(again, ids)).toBe('running');
    expect(again.answers.a).toBe('x');
  });

  it('tells whether the prediction was right', () => {
    const s = play({ type: 'answer', choice: 'x' });
    expect(predictedRight(s, 'a', 'x')).toBe(true);
    expect(predictedRight(s, 'a', 'y')).toBe(false);
    expect(predictedRight(s, 'b', 'x')).toBeUndefined();
  });
});
