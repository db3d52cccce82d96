/** The worker pool as the CLI uses it: started once, waited for, disposed at the end (or the process never exits). */
import { type WarmupOptions, type WarmupReport, warmUp } from '../engine/warmup.ts';
import { createNodePool } from '../engine/workers/nodePool.ts';
import { EngineFailure } from '../engine/runtime/errors.ts';
import { WorkerCrashed, type WorkerPool } from '../engine/workers/pool.ts';
import { warmupScenario } from '../workloads/warmup.ts';
import { trackPool, untrackPool } from './interrupt.ts';

/**
 * Starts `n` workers and waits until each answers a call, so that worker start-up (~0.5 s each) is not counted in
 * the first run's wall time. The call is a `ping`.
 */
export async function startPool(n: number): Promise<WorkerPool> {
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
 * Warms the pool and this process up before a timed run (`src/engine/warmup.ts`): one small run of each strategy
 * about to be timed, so the first timed run is not a cold one (in a fresh process that one is up to ~2× slower).
 */
export function warmPool(pool: WorkerPool, opts: WarmupOptions): Promise<WarmupReport> {
  return warmUp(pool, warmupScenario(), opts);
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
