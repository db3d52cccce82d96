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
