/**
 * One comparison: every chosen strategy × worker count on one scenario, in one process on one worker pool.
 * Sequential runs first in every round and is the reference both for correctness (every result must equal it: state
 * root, receipts root, logs bloom, gas, every receipt) and for speed (speedup = median sequential wall / median wall,
 * same process). The conflict analysis comes from sequential's trace. Each configuration reports its median run
 * (by wall time), so every figure in a row comes from one real run.
 */
import { abortAnatomy, type AbortAnatomy } from '../../engine/analysis/aborts.ts';
import { analyseConflicts, committedAccesses, timeWeightedBound, type ConflictAnalysis, type PlainFigures } from '../../engine/analysis/conflicts.ts';
import { runMetrics, withReference, type RunMetrics } from '../../engine/analysis/metrics.ts';
import { medianBy, roundOrder, warmUntilSteady } from '../../engine/analysis/timing.ts';
import { blockGasProblem, compareResults, compareWithHeader } from '../../engine/contract.ts';
import { coinbaseKey, describeKey } from '../../engine/evm/keys.ts';
import type { Result } from '../../engine/result.ts';
import { runScenario, type RunOutput } from '../../engine/run.ts';
import { RunCancelled, RunError } from '../../engine/runtime/errors.ts';
import type { RunHistory } from '../../engine/strategies/history.ts';
import type { Scenario, SenderMode } from '../../engine/scenario/types.ts';
import type { WorkerPool } from '../../engine/workers/pool.ts';
import { ms } from '../format.ts';
import { OVER_LIMIT_NOTE, describeCheck } from '../verify.ts';
import { AnatomyNamer, type AbortRun } from './aborts.ts';

export interface ComparisonOptions {
  /** Parallel strategies (sequential always runs as the reference). */
  strategies: string[];
  workers: number[];
  /** Timed rounds; each configuration reports its median. */
  runs: number;
  senders: SenderMode;
  /** Untimed runs first (sequential, then every strategy on the most workers), each until it has settled
   * (`engine/analysis/timing.ts` `warmUntilSteady`), so JIT warm-up is not timed. */
  warmup: boolean;
  /** Each warm-up's least number of runs (`warmUntilSteady`'s `minRuns`; 4 unless told). */
  warmupRuns?: number;
  /** Shared by every run: `dag` then takes its hints, and `predictive` its hot-key model, from earlier runs of the
   * block (the warm-up and sequential's first run included) — the "learned from a previous run" modes. */
  history?: RunHistory;
  /** Cancels the comparison (Ctrl-C): it rejects with `RunCancelled` instead of marking rows failed. */
  signal?: AbortSignal;
  /** Called before every run: `bench` forces a garbage collection there for a block of 10,000 transactions or more,
   * so that one run's garbage is not collected during the next. */
  beforeRun?: () => void;
  /** Passed to every run (`RunOptions.onWall`): where its wall time starts and ends. */
  onWall?: (edge: 'start' | 'end') => void;
  /** Every run that finished and was checked: the reference (`round` 0, `warmup` false), each strategy's warm-up run
   * (`round` 0), the timed ones. `bench` keeps its own records of them. */
  onRun?: (run: { strategy: string; workers: number; round: number; warmup: boolean; output: RunOutput }) => void;
  /** Called before timed round `round` (1-based) starts: the warm-up ends before round 1. */
  onRound?: (round: number) => void;
  /** Strategies whose rows carry the abort anatomy of their median run (`compare --why`, `bench` on real blocks). */
  anatomy?: readonly string[];
}

export interface ComparisonRow {
  strategy: string;
  workers: number;
  /** Every run equalled sequential (and, for sequential on a bundle, the block header). */
  ok: boolean;
  /** What differed, or why a run failed: one line each. */
  problems: string[];
  /** Wall ms of every timed run, in order. */
  wallMs: number[];
  /** The median run's figures; absent when no run finished. */
  metrics?: RunMetrics;
  /** Where the median run's aborts came from (keys named in words), when asked for (`anatomy`). */
  anatomy?: AbortAnatomy;
  /** Every timed run's aborts in brief, in run order (abort counts depend on timing): with `anatomy`. */
  abortRuns?: AbortRun[];
}


export interface AnalysisSummary {
  txCount: number;
  totalGas: number;
  speedupBound: number;
  /** The bound by the reference run's execution times (`ConflictAnalysis.timeBound`). */
  timeBound?: number;
  criticalPathLength: number;
  criticalPathGas: number;
  /** Transactions with no earlier dependency. */
  independent: number;
  edges: number;
  /** The keys causing the most dependencies, readable (`0xc02a…6cc2[0x3]`). */
  hotKeys: { key: string; edges: number }[];
  /** The same graph with senders read in full (`ConflictAnalysis.plain`), where lazy senders changed it. */
  plain?: PlainFigures;
}

export interface Comparison {
  scenario: { name: string; txs: number; gasUsed: string };
  runs: number;
  analysis: AnalysisSummary;
  /** Sequential first, then strategy × workers in the order asked. */
  rows: ComparisonRow[];
  /** Every mismatch or failure, with its configuration. */
  failures: string[];
}

export type Progress = (line: string) => void;

/** Problems of `actual` against sequential's `reference` (empty when equal): the mismatch check of every row. */
export function differencesFromSequential(reference: Result, actual: Result): string[] {
  return compareResults(actual, reference).filter((c) => !c.ok).map(describeCheck);
}

export function summariseAnalysis(a: ConflictAnalysis, top = 5): AnalysisSummary {
  return {
    txCount: a.txCount,
    totalGas: a.totalGas,
    speedupBound: a.speedupBound,
    ...(a.timeBound !== undefined ? { timeBound: a.timeBound } : {}),
    criticalPathLength: a.criticalPath.length,
    criticalPathGas: a.criticalPathGas,
    independent: a.independent,
    edges: a.edges.length,
    hotKeys: a.hotKeys.slice(0, top).map(({ key, edges }) => ({ key: describeKey(key), edges })),
    ...(a.plain !== undefined ? { plain: a.plain } : {}),
  };
}

interface Config {
  strategy: string;
  workers: number;
  row: ComparisonRow;
  runs: RunMetrics[];
  /** Each timed run's abort anatomy (hex keys), in the order of `runs`, when asked for. */
  anatomies: AbortAnatomy[];
}

export const configLabel = (c: { strategy: string; workers: number }): string => (c.strategy === 'sequential' ? 'sequential' : `${c.strategy} ×${c.workers}`);
const label = configLabel;

/**
 * The timing loop of `compare`, `compare:all` and `bench`: `rounds` rounds over every configuration in alternating
 * order (no configuration always runs first, or always after the same neighbour), and each configuration's finished
 * runs in the order they ran (`runOnce` returns undefined for a run that failed). `onRound` is told before each round.
 */
export async function runRounds<C, R>(
  configs: readonly C[],
  rounds: number,
  runOnce: (config: C, round: number) => Promise<R | undefined>,
  onRound: (round: number) => void = () => {},
): Promise<Map<C, R[]>> {
  const runs = new Map<C, R[]>(configs.map((c) => [c, []]));
  for (let round = 1; round <= rounds; round++) {
    onRound(round);
    for (const c of roundOrder(configs, round)) {
      const r = await runOnce(c, round);
      if (r !== undefined) runs.get(c)!.push(r);
    }
  }
  return runs;
}

/**
 * Runs the comparison. A sequential failure (e.g. a transaction the EVM rejects) is thrown: there is no reference.
 * A parallel run that throws or differs marks its row and is listed in `failures`; the other rows still run.
 * Cancellation (`o.signal`) is thrown, whichever run it stops.
 */
export async function compareStrategies(pool: WorkerPool, scenario: Scenario, o: ComparisonOptions, progress: Progress = () => {}): Promise<Comparison> {
  const run = async (strategy: string, workers: number): Promise<RunOutput> => {
    if (o.signal?.aborted) throw new RunCancelled();
    o.beforeRun?.();
    return runScenario(scenario, { strategy, workers, senders: o.senders, history: o.history, signal: o.signal, onWall: o.onWall }, pool);
  };
  const failures: string[] = [];
  const configs: Config[] = [{ strategy: 'sequential', workers: 1 }, ...o.strategies.flatMap((strategy) => o.workers.map((workers) => ({ strategy, workers })))].map(
    (c) => ({ ...c, runs: [], anatomies: [], row: { ...c, ok: true, problems: [], wallMs: [] } }),
  );
  const problem = (c: Config, line: string) => {
    c.row.ok = false;
    c.row.problems.push(line);
    failures.push(`${label(c)}: ${line}`);
    progress(`  ✗ ${label(c)}: ${line}`);
  };

  // The reference run: its result checks every other run, its trace gives the conflict analysis.
  const reference = await run('sequential', 1);
  o.onRun?.({ strategy: 'sequential', workers: 1, round: 0, warmup: false, output: reference });
  const overLimit = blockGasProblem(scenario, reference.result.receipts);
  if (overLimit !== undefined && scenario.expected) throw new RunError(`not a valid block: ${overLimit}`);
  if (overLimit !== undefined) progress(`note: ${overLimit}: ${OVER_LIMIT_NOTE}`);
  const seq = configs[0];
  if (scenario.expected) {
    for (const c of compareWithHeader(reference.result, scenario.expected)) if (!c.ok) problem(seq, describeCheck(c));
  }
  const analysis = analyseConflicts(reference.trace, coinbaseKey(scenario));
  const seqTimes: { wallMs: number; timeBound?: number }[] = [];
  const check = async (c: Config, what: string, round: number): Promise<RunOutput | undefined> => {
    try {
      const out = await run(c.strategy, c.workers);
      for (const d of differencesFromSequential(reference.result, out.result)) problem(c, `${what}: ${d}`);
      o.onRun?.({ strategy: c.strategy, workers: c.workers, round, warmup: round === 0, output: out });
      return out;
    } catch (error) {
      if (error instanceof RunCancelled || o.signal?.aborted) throw error;
      problem(c, `${what} failed: ${(error as Error).message}`);
      return undefined;
    }
  };

  if (o.warmup && configs.length > 1) {
    // Every strategy, untimed, on the most workers until its runs have settled: no timed run is taken while its
    // code paths are still being compiled.
    const most = Math.max(...o.workers);
    const firsts = o.strategies.map((s) => configs.find((c) => c.strategy === s && c.workers === most)).filter((c): c is Config => c !== undefined);
    progress(`  warm-up: sequential, ${firsts.map(label).join(', ')}`);
    const walls = [`sequential ${(await warmUntilSteady(async () => (await run('sequential', 1)).result.stats.wallMs, reference.result.stats.wallMs, o.warmupRuns)).map(ms).join(', ')}`];
    for (const c of firsts) walls.push(`${label(c)} ${(await warmUntilSteady(async () => (await check(c, 'warm-up', 0))?.result.stats.wallMs, undefined, o.warmupRuns)).map(ms).join(', ')}`);
    progress(`  warm-up runs (ms): ${walls.join('; ')}`);
  }

  await runRounds(
    configs,
    o.runs,
    async (c, round) => {
      const out = await check(c, `run ${round}/${o.runs}`, round);
      if (!out) return undefined;
      c.row.wallMs.push(out.result.stats.wallMs);
      c.runs.push(runMetrics(out.result, out.trace, { analysis }));
      if (o.anatomy?.includes(c.strategy)) c.anatomies.push(abortAnatomy(out.trace, scenario, { senders: out.result.senders }));
      // The time-weighted bound from warm runs: the reference run is cold, and JIT warm-up weighs its first
      // transactions more than the rest. Sequential's dependency graph is the same every run (the reference's), so
      // only each run's committed execution times are read.
      if (c === seq) {
        const us = committedAccesses(out.trace.events, out.trace.txCount).map((x) => x.us);
        seqTimes.push({ wallMs: out.result.stats.wallMs, timeBound: timeWeightedBound(analysis.edges, us).timeBound });
      }
      const s = out.result.stats;
      progress(`  ${`${label(c)} run ${round}/${o.runs}`.padEnd(32)} wall ${s.wallMs.toFixed(1).padStart(8)} ms  root ${s.rootMs.toFixed(1).padStart(7)} ms  executions ${s.executions}  re-exec ${s.reexecutions}`);
      return out;
    },
    o.onRound,
  );

  const seqWall = seq.runs.length ? medianBy(seq.runs, (m) => m.wallMs).wallMs : undefined;
  const namer = new AnatomyNamer(scenario, reference.result);
  for (const c of configs) {
    if (!c.runs.length) continue;
    const median = medianBy(c.runs, (m) => m.wallMs);
    c.row.metrics = withReference(median, { sequentialWallMs: seqWall, analysis });
    const anatomy = c.anatomies[c.runs.indexOf(median)];
    if (anatomy) c.row.anatomy = namer.name(anatomy);
    if (c.anatomies.length) c.row.abortRuns = c.anatomies.map((a) => ({ aborts: a.aborts, wastedGas: a.wastedGas, topKey: a.byKey[0]?.hex, topKeyAborts: a.byKey[0]?.aborts ?? 0 }));
  }
  return {
    scenario: { name: scenario.name, txs: scenario.transactions.length, gasUsed: reference.result.gasUsed },
    runs: o.runs,
    analysis: summariseAnalysis(seqTimes.length ? { ...analysis, timeBound: medianBy(seqTimes, (t) => t.wallMs).timeBound } : analysis),
    rows: configs.map((c) => c.row),
    failures,
  };
}
