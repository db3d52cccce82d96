import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { medianBy, roundOrder, speedupAboveBound, speedupLimit, spread, warmUntilSteady } from './timing.ts';

describe('timing several runs', () => {
  it('medianBy picks the middle run, the lower middle for an even count', () => {
    expect(medianBy([{ ms: 30 }, { ms: 10 }, { ms: 20 }], (r) => r.ms)).toEqual({ ms: 20 });
    expect(medianBy([{ ms: 40 }, { ms: 10 }, { ms: 30 }, { ms: 20 }], (r) => r.ms)).toEqual({ ms: 20 });
  });

  it('spread is half the range over the median, and undefined for a single run', () => {
    expect(spread([90, 100, 110])).toBeCloseTo(0.1);
    expect(spread([100])).toBeUndefined();
    expect(spread([0, 0])).toBeUndefined();
  });

  it('a speedup above min(workers, bound) is flagged; one at the limit is not', () => {
    expect(speedupLimit(2, 1.09)).toBe(1.09);
    expect(speedupLimit(2, undefined)).toBe(2);
    expect(speedupAboveBound(3.11, 2, 1.09)).toBe(true);
    expect(speedupAboveBound(1.5, 2, undefined)).toBe(false);
    expect(speedupAboveBound(2.004, 2, 10)).toBe(false);
    expect(speedupAboveBound(2.2, 2, 10)).toBe(true);
    expect(speedupAboveBound(undefined, 2, 1)).toBe(false);
    expect(speedupAboveBound(Number.NaN, 2, 1)).toBe(false);
  });

  it('rounds alternate their order: forward in odd rounds, reversed in even ones', () => {
    expect(roundOrder(['a', 'b', 'c'], 1)).toEqual(['a', 'b', 'c']);
    expect(roundOrder(['a', 'b', 'c'], 2)).toEqual(['c', 'b', 'a']);
    expect(roundOrder(['a', 'b', 'c'], 3)).toEqual(['a', 'b', 'c']);
  });
});

/** A run that answers the walls in turn (undefined once they are used up: a failed run). */
const replay = (walls: (number | undefined)[]) => {
  let i = 0;
  return async () => walls[i++];
};

describe('warmUntilSteady', () => {
  it('runs until a run is no longer 10 % faster than the best before it, at least four', async () => {
    // block-stm × 2 on 13,287,210 in a fresh process
    expect(await warmUntilSteady(replay([292, 208, 143, 120, 118, 75, 70]))).toEqual([292, 208, 143, 120, 118]);
    // a slow run among the first four does not end it
    expect(await warmUntilSteady(replay([102, 133, 119, 75, 56, 43, 49, 50]))).toEqual([102, 133, 119, 75, 56, 43, 49]);
    // a run already made counts (the comparison's reference run)
    expect(await warmUntilSteady(replay([127, 77, 82, 80]), 294)).toEqual([294, 127, 77, 82]);
  });

  it('stops at eight runs, and at a failed run', async () => {
    expect(await warmUntilSteady(replay([100, 80, 64, 51, 41, 33, 26, 21, 17]))).toEqual([100, 80, 64, 51, 41, 33, 26, 21]);
    expect(await warmUntilSteady(replay([100, 80, undefined, 50]))).toEqual([100, 80]);
    // A larger minimum: that many runs whatever the walls, and the cap grows with it.
    expect(await warmUntilSteady(replay([50, 50, 50, 50, 50, 50]), undefined, 5)).toEqual([50, 50, 50, 50, 50]);
    expect(await warmUntilSteady(replay(Array.from({ length: 20 }, (_, i) => 100 - 4 * i)), undefined, 12)).toHaveLength(12);
  });

  it('always makes between 4 and 8 runs in all, or stops at the first failure', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 8, maxLength: 8 }), async (walls) => {
        const got = await warmUntilSteady(replay(walls));
        expect(got.length).toBeGreaterThanOrEqual(4);
        expect(got.length).toBeLessThanOrEqual(8);
        expect(got).toEqual(walls.slice(0, got.length));
        // it stopped because the last run was not 10 % faster than the best before it, or at eight
        const last = got[got.length - 1];
        if (got.length < 8) expect(last).toBeGreaterThan(0.9 * Math.min(...got.slice(0, -1)));
      }),
    );
  });
});
