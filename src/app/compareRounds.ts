/**
 * The page's compare mode as a plan of runs and a table of figures, with the discipline of the CLI's `compare`
 * (`src/engine/analysis/timing.ts` is shared by both): every strategy runs untimed first until its runs settle
 * (`warmUp`: the first runs of a block pay for cold code paths and caches, several times over), then a few timed
 * rounds in alternating order; each strategy shows
 * its median run, how far apart its runs were, and its speedup against sequential's median — sequential always runs,
 * as the reference, so a speedup needs no Verify click. A speedup above min(workers, the block's dependency bound)
 * is flagged: no schedule can do that, so it is noise, a warm-up effect or sender recovery, never a result.
 */
import { medianBy, roundOrder, speedupAboveBound, speedupLimit, spread, warmUntilSteady } from '../engine/analysis/timing.ts';

/** Timed rounds per strategy (the CLI's default too). */
export const COMPARE_ROUNDS = 3;
export const REFERENCE = 'sequential';

export interface CompareStep {
  strategy: string;
  /** 0: the untimed warm-up; 1…rounds: timed. */
  round: number;
}

export interface ComparePlan {
  /** The strategies shown, sequential first when it was added as the reference. */
  strategies: string[];
  /** Sequential was not chosen, and runs anyway as the reference. */
  addedReference: boolean;
  rounds: number;
  steps: CompareStep[];
}

export function comparePlan(chosen: readonly string[], rounds = COMPARE_ROUNDS): ComparePlan {
  const addedReference = !chosen.includes(REFERENCE);
  const strategies = addedReference ? [REFERENCE, ...chosen] : [...chosen];
  const steps: CompareStep[] = strategies.map((strategy) => ({ strategy, round: 0 }));
  for (let round = 1; round <= rounds; round++) for (const strategy of roundOrder(strategies, round)) steps.push({ strategy, round });
  return { strategies, addedReference, rounds, steps };
}

/** What step `i` of the plan is doing, for the progress line: `round 2 of 3: dag (step 7 of 12)`, and which of its
 * warm-up runs (`warm-up 2 (untimed): dag (step 2 of 12)`). */
export function stepLabel(plan: ComparePlan, i: number, warmupRun = 1): string {
  const step = plan.steps[i];
  if (!step) return `done (${plan.steps.length} steps)`;
  const what = step.round === 0 ? `warm-up${warmupRun > 1 ? ` ${warmupRun}` : ''} (untimed)` : `round ${step.round} of ${plan.rounds}`;
  return `${what}: ${step.strategy} (step ${i + 1} of ${plan.steps.length})`;
}

/** How long one strategy's warm-up may go on in the page (ms): a demo should not wait long for it. */
export const COMPARE_WARMUP_MS = 3_000;

/**
 * One strategy's untimed warm-up: runs until they settle (`warmUntilSteady`'s rule, two runs at least), while
 * `budgetMs` lasts after the first. `run(k)` makes the k-th run and returns its wall ms. Returns the walls.
 */
export async function warmUp(run: (k: number) => Promise<number>, budgetMs = COMPARE_WARMUP_MS, now: () => number = () => performance.now()): Promise<number[]> {
  const t0 = now();
  let k = 0;
  return warmUntilSteady(async () => (k > 0 && now() - t0 >= budgetMs ? undefined : run(++k)), undefined, 2);
}

/** The run to show for a strategy: its median by wall time, so every figure shown comes from one real run. */
export function medianRun<R extends { wallMs: number }>(runs: readonly R[]): R | undefined {
  return runs.length === 0 ? undefined : medianBy(runs, (r) => r.wallMs);
}

export interface CompareEntry {
  strategy: string;
  workers: number;
  /** Wall ms of every timed run so far. */
  wallMs: readonly number[];
}

export interface CompareFigure {
  strategy: string;
  runs: number;
  medianMs?: number;
  /** Half the range over the median (see `spread`); undefined below two runs. */
  spread?: number;
  /** Sequential's median wall over this one's; undefined for sequential itself or without a reference. */
  speedup?: number;
  /** min(workers, bound): what no schedule can beat. */
  limit: number;
  flagged: boolean;
}

/** Median, spread and speedup per strategy; `bound` is the block's dependency bound (from sequential's trace). */
export function compareFigures(entries: readonly CompareEntry[], bound: number | undefined): CompareFigure[] {
  const median = (xs: readonly number[]): number | undefined => (xs.length ? medianBy(xs, (x) => x) : undefined);
  const reference = median(entries.find((e) => e.strategy === REFERENCE)?.wallMs ?? []);
  return entries.map((e) => {
    const medianMs = median(e.wallMs);
    const speedup = e.strategy !== REFERENCE && reference !== undefined && medianMs ? reference / medianMs : undefined;
    return {
      strategy: e.strategy,
      runs: e.wallMs.length,
      medianMs,
      spread: spread(e.wallMs),
      speedup,
      limit: speedupLimit(e.workers, bound),
      flagged: speedupAboveBound(speedup, e.workers, bound),
    };
  });
}

/** `±12%`, or `–` for a single run. */
export const spreadText = (s: number | undefined): string => (s === undefined ? '–' : `±${Math.round(s * 100)}%`);
