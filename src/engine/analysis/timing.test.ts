import { describe, expect, it } from 'vitest';
import { medianBy, roundOrder, speedupAboveBound, speedupLimit, spread } from './timing.ts';

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
