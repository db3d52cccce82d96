import { describe, expect, it } from 'vitest';
import { Prng } from './prng.ts';
import { Zipf } from './zipf.ts';

/** Share of `draws` samples that land on each rank. */
function shares(z: Zipf, draws: number, seed = 1): number[] {
  const rng = new Prng(seed);
  const counts = new Array<number>(z.n).fill(0);
  for (let i = 0; i < draws; i++) counts[z.sample(rng.next())]!++;
  return counts.map((c) => c / draws);
}

describe('Zipf', () => {
  it('gives rank k a probability proportional to 1/(k+1)^s', () => {
    const z = new Zipf(4, 1);
    const h = 1 + 1 / 2 + 1 / 3 + 1 / 4;
    expect([0, 1, 2, 3].map((k) => z.probability(k))).toEqual([0, 1, 2, 3].map((k) => expect.closeTo(1 / (k + 1) / h, 12)));
  });

  it('samples every rank with its probability, within four standard deviations', () => {
    const draws = 200_000;
    for (const s of [0, 0.7, 1, 1.5]) {
      const z = new Zipf(50, s);
      const measured = shares(z, draws, 7);
      for (let k = 0; k < z.n; k++) {
        const p = z.probability(k);
        expect(Math.abs(measured[k]! - p), `s=${s} rank ${k}`).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / draws) + 1e-9);
      }
    }
  });

  it('is uniform at exponent 0 and piles more onto rank 0 as the exponent grows', () => {
    expect(new Zipf(10, 0).probability(0)).toBeCloseTo(0.1, 12);
    const top = [0, 0.5, 1, 1.5, 2, 3].map((s) => new Zipf(1000, s).probability(0));
    for (let i = 1; i < top.length; i++) expect(top[i]).toBeGreaterThan(top[i - 1]!);
  });

  it('maps u in [0, 1) onto ranks 0..n-1, never outside', () => {
    const z = new Zipf(3, 2);
    expect(z.sample(0)).toBe(0);
    expect(z.sample(0.999999999)).toBe(2);
    expect(new Zipf(1, 5).sample(0.5)).toBe(0);
  });

  it('rejects an empty range or a negative exponent', () => {
    expect(() => new Zipf(0, 1)).toThrow(/n ≥ 1/);
    expect(() => new Zipf(5, -1)).toThrow(/exponent ≥ 0/);
  });
});
