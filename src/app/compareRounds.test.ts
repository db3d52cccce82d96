import { describe, expect, it } from 'vitest';
import { COMPARE_WARMUP_MS, comparePlan, compareFigures, medianRun, spreadText, stepLabel, warmUp } from './compareRounds.ts';

describe('the page’s compare plan', () => {
  it('adds sequential as the reference, a warm-up step for every strategy, then alternates the rounds', () => {
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
    expect(stepLabel(plan, 0)).toBe('warm-up (untimed): sequential (step 1 of 8)');
    expect(stepLabel(plan, 0, 3)).toBe('warm-up 3 (untimed): sequential (step 1 of 8)');
    expect(stepLabel(plan, 4)).toBe('round 2 of 3: block-stm (step 5 of 8)');
    expect(stepLabel(plan, 8)).toBe('done (8 steps)');
  });

  it('warms a strategy up until its runs settle, two at least, within the time it has', async () => {
    let clock = 0;
    const runs = (walls: number[]) => {
      const made: number[] = [];
      return { made, run: async (k: number) => { made.push(k); clock += walls[k - 1]; return walls[k - 1]; } };
    };
    // Settling: 300, 150, 100 ms, then a run no longer 10 % faster than the best (100): four runs.
    const a = runs([300, 150, 100, 95, 60, 60]);
    expect(await warmUp(a.run, 10_000, () => clock)).toEqual([300, 150, 100, 95]);
    expect(a.made).toEqual([1, 2, 3, 4]);
    // Already settled: two runs.
    clock = 0;
    expect(await warmUp(runs([50, 49, 48]).run, 10_000, () => clock)).toEqual([50, 49]);
    // A long first run uses the time up: one run, as before.
    clock = 0;
    expect(await warmUp(runs([COMPARE_WARMUP_MS + 1, 10, 10]).run, COMPARE_WARMUP_MS, () => clock)).toEqual([COMPARE_WARMUP_MS + 1]);
    // The time runs out part way: no run starts after it.
    clock = 0;
    expect(await warmUp(runs([1_000, 900, 800, 700, 600]).run, 2_500, () => clock)).toEqual([1_000, 900, 800]);
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
