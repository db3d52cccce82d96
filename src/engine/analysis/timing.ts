/**
 * Timing several runs of the same configurations, the way the CLI's `compare` and the page's compare mode both do it:
 * rounds in alternating order (no configuration always runs first, or always after the same neighbour, so a cold
 * start or a slow neighbour does not always land on the same one), the median run of each (so every figure in a row
 * comes from one real run), how far apart the runs were (`spread`), and a flag on any speedup that no schedule could
 * reach with that many workers on that block (`speedupAboveBound`): noise, a warm-up effect, or sender recovery,
 * which parallelises beyond the execution's bound. Pure; no platform.
 */

/** The middle element by `key` (the lower middle for an even count), so every figure comes from one real run. */
export function medianBy<T>(items: readonly T[], key: (t: T) => number): T {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** Half the range of the timed runs' wall times, as a share of their median: how much to trust a figure
 * (undefined for fewer than two runs). */
export function spread(wallMs: readonly number[]): number | undefined {
  if (wallMs.length < 2) return undefined;
  const sorted = [...wallMs].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  return median > 0 ? (sorted[sorted.length - 1] - sorted[0]) / 2 / median : undefined;
}

/** Rounding slack: a speedup this close to the limit is the limit. */
const SLACK = 1.005;

/** The most a run on `workers` can gain on a block whose dependency bound is `bound`. */
export const speedupLimit = (workers: number, bound: number | undefined): number => Math.min(workers, bound ?? Infinity);

/** A speedup above min(workers, bound): no schedule of the execution can do that, so it must not be shown plain. */
export function speedupAboveBound(speedup: number | undefined, workers: number, bound: number | undefined): boolean {
  return speedup !== undefined && Number.isFinite(speedup) && speedup > speedupLimit(workers, bound) * SLACK;
}

/** The order of round `round` (1-based): as given in odd rounds, reversed in even ones. */
export function roundOrder<T>(items: readonly T[], round: number): T[] {
  return round % 2 === 1 ? [...items] : [...items].reverse();
}

/**
 * Untimed runs until the JIT has settled: at least `minRuns` (4 unless told), then until a run is no longer 10 % faster
 * than the best before it, at most `max(8, minRuns)` (`first`: a run already made). One run was not enough: block-stm
 * on 2 workers took five runs of 13,287,210 to settle (292, 208, 143, 120, 118, then 75 ms; sequential 294, 127, 77),
 * and with one warm-up run its first timed runs were up to 2× its later ones (docs/benchmarks.md, "Warm means
 * settled"). Against the best rather than the last run, since here one run in a few is slow for no reason of its own.
 * Returns the walls, ms; stops early when a run fails (`undefined`).
 */
export async function warmUntilSteady(run: () => Promise<number | undefined>, first?: number, minRuns = 4): Promise<number[]> {
  const max = Math.max(8, minRuns);
  const walls = first === undefined ? [] : [first];
  while (walls.length < max) {
    const wall = await run();
    if (wall === undefined) break;
    const best = Math.min(...walls);
    walls.push(wall);
    if (walls.length >= minRuns && wall > 0.9 * best) break;
  }
  return walls;
}
