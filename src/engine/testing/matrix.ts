/**
 * How much of the strategy × worker-count × repeat matrix the heavy suites (presets, mainnet bundles) cover.
 *
 * By default each (workload, strategy) pair runs once with a worker count that rotates, so every strategy meets every
 * count somewhere and `npm test` stays within its budget on 2 cores. `PARALLAX_FULL_MATRIX=1` (`npm run
 * test:matrix`) runs the whole matrix the correctness contract names: every worker count, three runs each.
 */
export const FULL_MATRIX = process.env.PARALLAX_FULL_MATRIX === '1';

/** The runs for one (workload, strategy) pair: `rotation` picks one of `counts` by default; the full matrix is
 * 1, 2, 4 and 8 workers, three runs each. */
export function matrixRuns(counts: readonly number[], rotation: number): { workers: number; run: number }[] {
  if (!FULL_MATRIX) return [{ workers: counts[rotation % counts.length], run: 0 }];
  return [1, 2, 4, 8].flatMap((workers) => [0, 1, 2].map((run) => ({ workers, run })));
}
