/** The one timing loop of `compare`, `compare:all` and `bench`: alternating rounds, per-configuration runs. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runRounds } from './comparison.ts';

describe('runRounds', () => {
  it('runs every configuration once per round, forwards in odd rounds and backwards in even ones', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 5 }), async (n, rounds) => {
        const configs = Array.from({ length: n }, (_, i) => `c${i}`);
        const order: string[] = [];
        const started: number[] = [];
        const runs = await runRounds(configs, rounds, async (c, round) => {
          order.push(c);
          return `${c}@${round}`;
        }, (round) => started.push(round));
        expect(started).toEqual(Array.from({ length: rounds }, (_, i) => i + 1));
        for (let r = 1; r <= rounds; r++) {
          const slice = order.slice((r - 1) * n, r * n);
          expect(slice).toEqual(r % 2 === 1 ? configs : [...configs].reverse());
        }
        for (const c of configs) expect(runs.get(c)).toEqual(Array.from({ length: rounds }, (_, i) => `${c}@${i + 1}`));
      }),
    );
  });

  it('leaves out the runs that failed, keeping the others in the order they ran', async () => {
    const runs = await runRounds(['a', 'b'], 3, async (c, round) => (c === 'b' && round === 2 ? undefined : round));
    expect(runs.get('a')).toEqual([1, 2, 3]);
    expect(runs.get('b')).toEqual([1, 3]);
  });
});
