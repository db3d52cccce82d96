import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FirstRunSample, firstRunLine, summarizeFirstRun } from './firstRun.ts';

const run = (totalMs: number, cpuMs: number) => ({ wallMs: totalMs - 10, rootMs: 10, recoverMs: 5, totalMs, cpuMs, workerBusyMs: [] });
const sample = (first: number, second: number, cpu1 = first, cpu2 = second): FirstRunSample => ({ warmupMs: 100, runs: [run(first, cpu1), run(second, cpu2)] });

describe('summarizeFirstRun', () => {
  it('takes the median of the per-sample ratios, not the ratio of the medians', () => {
    const s = summarizeFirstRun('cli', [sample(200, 100), sample(100, 100), sample(300, 100)]);
    expect(s.ratios).toEqual([2, 1, 3]);
    expect(s.ratio).toBe(2);
    expect(s.firstMs).toBe(200);
    expect(s.secondMs).toBe(100);
  });

  it('averages the two middle values of an even count', () => {
    const s = summarizeFirstRun('cli', [sample(100, 100, 100, 50), sample(300, 100, 300, 100)]);
    expect(s.firstMs).toBe(200);
    expect(s.ratio).toBe(2); // (1 + 3) / 2
    expect(s.cpuRatio).toBe(2.5); // (2 + 3) / 2
  });

  it('puts every ratio between the smallest and the largest of the samples', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 10_000 })), { minLength: 1, maxLength: 9 }), (pairs) => {
        const s = summarizeFirstRun('none', pairs.map(([a, b]) => sample(a, b)));
        expect(s.samples).toBe(pairs.length);
        expect(s.ratio).toBeGreaterThanOrEqual(Math.min(...s.ratios) - 1e-9);
        expect(s.ratio).toBeLessThanOrEqual(Math.max(...s.ratios) + 1e-9);
        expect(firstRunLine('x', s)).toContain(`${s.ratio.toFixed(2)}×`);
      }),
    );
  });
});
