import { describe, expect, it } from 'vitest';
import { comparePlan, compareFigures, medianRun, spreadText, stepLabel } from './compareRounds.ts';

describe('the page’s compare plan', () => {
  it('adds sequential as the reference, warms every strategy up once, then alternates the rounds', () => {
    const plan = comparePlan(['block-stm', 'dag'], 2);
    expect(plan.strategies).toEqual(['sequential', 'block-stm', 'dag']);
    expect(plan.addedReference).toBe(true);
    expect(plan.steps.map((s) => `${s.round}:${s.strategy}`)).toEqual([
      '0:sequential', '0:block-stm', '0:dag',
      '1:sequential', '1:block-stm', '1:dag',
      '2:dag', '2:block-stm', '2:sequential',
    ]);
  });

  it('keeps the chosen order when sequential is among the chosen', () => {
    const plan = comparePlan(['block-stm', 'sequential'], 1);
    expect(plan.strategies).toEqual(['block-stm', 'sequential']);
    expect(plan.addedReference).toBe(false);
  });

  it('names each step for the progress line', () => {
    const plan = comparePlan(['block-stm'], 3);
    expect(stepLabel(plan, 0)).toBe('warm-up (untimed): sequential (run 1 of 8)');
    expect(stepLabel(plan, 4)).toBe('round 2 of 3: block-stm (run 5 of 8)');
    expect(stepLabel(plan, 8)).toBe('done (8 runs)');
  });

  it('medianRun is the run with the median wall time', () => {
    expect(medianRun([{ wallMs: 9, id: 'a' }, { wallMs: 3, id: 'b' }, { wallMs: 5, id: 'c' }])?.id).toBe('c');
    expect(medianRun([])).toBeUndefined();
  });
});

describe('compare figures', () => {
  it('gives median, spread and speedup against sequential’s median, and flags a speedup above min(workers, bound)', () => {
    const figures = compareFigures(
      [
        { strategy: 'sequential', workers: 1, wallMs: [300, 310, 290] },
        { strategy: 'dag', workers: 2, wallMs: [100, 90, 110] },
        { strategy: 'block-stm', workers: 2, wallMs: [280, 250] },
      ],
      1.09,
    );
    expect(figures[0]).toMatchObject({ strategy: 'sequential', runs: 3, medianMs: 300, speedup: undefined, flagged: false });
    expect(figures[1]).toMatchObject({ strategy: 'dag', medianMs: 100, speedup: 3, limit: 1.09, flagged: true });
    expect(figures[1].spread).toBeCloseTo(0.1);
    expect(figures[2]).toMatchObject({ strategy: 'block-stm', medianMs: 250, flagged: true });
    expect(figures[2].speedup).toBeCloseTo(1.2);
  });

  it('gives no speedup without a sequential run, and never flags then', () => {
    const [f] = compareFigures([{ strategy: 'dag', workers: 2, wallMs: [10] }], undefined);
    expect(f).toMatchObject({ speedup: undefined, flagged: false, limit: 2, spread: undefined });
    expect(spreadText(f.spread)).toBe('–');
    expect(spreadText(0.123)).toBe('±12%');
  });
});
