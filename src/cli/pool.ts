/** The worker pool as the CLI uses it: started once, waited for, disposed at the end (or the process never exits). */
import { setFlagsFromString } from 'node:v8';
import type { Scenario, SenderMode } from '../engine/scenario/types.ts';
import { SETTLE_BUDGET_MS, type WarmupOptions, type WarmupReport, primeScenario, settleScenario, warmUp } from '../engine/warmup.ts';
import { createNodePool } from '../engine/workers/nodePool.ts';
import { EngineFailure } from '../engine/runtime/errors.ts';
import { setHeapPolicy } from '../engine/workers/gc.ts';
import { WorkerCrashed, type WorkerPool } from '../engine/workers/pool.ts';
import { warmupScenario } from '../workloads/warmup.ts';
import { trackPool, untrackPool } from './interrupt.ts';
import { useWorkerBundle } from './workerBundle.ts';

/**
 * How far V8 lets a heap grow past what survived its last full collection before collecting again, in percent, for
 * every thread of the process. V8 picks up to 300 % when collecting seems cheap to it: 100,000 payments on two workers
 * then peaked at 1.4 GB, of which well over half was garbage waiting for a collection; at 50 % the same run peaked
 * under 0.9 GB, CPU time within noise (docs/benchmarks.md, "100,000 transactions"). Set when this module loads, that
 * is before any command reads its input: a limit V8 computed earlier (after loading a 50 MB scenario, say) would
 * stand until the next full collection.
 *
 * While a block of fewer than `LARGE_BLOCK` transactions runs, V8 grows the heap as it likes (0): bounded, the light
 * mainnet blocks' runs collected in full more often, and block-stm on 2 workers fell further behind sequential on
 * 11,814,555 (0.57–0.61× against 0.67–0.93×; docs/benchmarks.md, "Warm means settled, and what a full collection did
 * between runs"). `setHeapGrowingPercent` fixes one value for every run (the browser benchmark's
 * `--heap-growing-percent`).
 */
const HEAP_GROWING_PERCENT = 50;
let fixedPercent: number | undefined;
let currentPercent = 0; // V8's default
function heapGrowingPercent(percent: number): void {
  if (percent === currentPercent) return;
  setFlagsFromString(`--heap-growing-percent=${percent}`); // read by V8 at each collection: safe to set any time
  currentPercent = percent;
}
heapGrowingPercent(HEAP_GROWING_PERCENT);
setHeapPolicy((large) => {
  if (fixedPercent !== undefined || large) return () => {};
  heapGrowingPercent(0);
  return () => heapGrowingPercent(fixedPercent ?? HEAP_GROWING_PERCENT);
});

/** One heap growth for the whole process from now on (0: V8's own). */
export function setHeapGrowingPercent(percent: number): void {
  fixedPercent = percent;
  heapGrowingPercent(percent);
}

/**
 * Starts `n` workers and waits until each answers a call, so that worker start-up (~0.1 s each from the bundle) is
 * not counted in the first run's wall time. The call is a `ping`.
 */
export async function startPool(n: number): Promise<WorkerPool> {
  await useWorkerBundle(); // workers boot from one bundled file, not through tsx (workerBundle.ts)
  const pool = createNodePool(n);
  trackPool(pool); // a Ctrl-C that cannot wait for the command to unwind still disposes it (interrupt.ts)
  try {
    await Promise.all(Array.from({ length: n }, (_, i) => pool.call(i, (api) => api.ping())));
  } catch (error) {
    disposePool(pool);
    // A worker that dies before it answers (a script that fails to load, no memory left) is ours, not the input's.
    if (error instanceof WorkerCrashed) throw new EngineFailure(`the workers could not start: ${error.message}`);
    throw error;
  }
  return pool;
}

/**
 * Warms the pool and this process up before a timed run (`src/engine/warmup.ts`): one small run of each strategy on
 * a generated block, then, given the scenario about to be timed, the beginning of a run of it with the last strategy
 * (`primeScenario`: set up on the workers, senders recovered, its first transactions executed), and whole runs of it
 * until they settle, within `SETTLE_BUDGET_MS` (`settleScenario`: up to 2,048 transactions; the first run of a real
 * block was 3–5× its settled one after the rest).
 */
export async function warmPool(
  pool: WorkerPool,
  opts: WarmupOptions & { scenario?: Scenario; senders?: SenderMode; txs?: number },
): Promise<WarmupReport & { primed: boolean; settleRuns: number }> {
  const report = await warmUp(pool, warmupScenario(opts.txs), opts);
  const strategy = opts.strategies.at(-1);
  if (report.cancelled || opts.scenario === undefined || strategy === undefined) return { ...report, primed: false, settleRuns: 0 };
  const t0 = performance.now();
  const primed = await primeScenario(pool, opts.scenario, { strategy, workers: opts.workers, senders: opts.senders, signal: opts.signal });
  const settled = primed ? await settleScenario(pool, opts.scenario, { strategy, workers: opts.workers, senders: opts.senders, signal: opts.signal, budgetMs: SETTLE_BUDGET_MS }) : undefined;
  const cancelled = !primed || settled?.cancelled === true;
  return { ...report, ms: report.ms + performance.now() - t0, cancelled, primed, settleRuns: settled?.walls.length ?? 0 };
}

/** Disposes a pool from `startPool`. */
export function disposePool(pool: WorkerPool): void {
  untrackPool(pool);
  pool.dispose();
}

/** Runs `fn` with a started pool and always disposes it. */
export async function withPool<T>(n: number, fn: (pool: WorkerPool) => Promise<T>): Promise<T> {
  const pool = await startPool(n);
  try {
    return await fn(pool);
  } finally {
    disposePool(pool);
  }
}
