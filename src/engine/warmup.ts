/**
 * `warmUp`: real runs of a small scenario, one per strategy, on the pool a user's runs will use — so that the first
 * run the user times does not pay the JIT compilation of the EVM and the engine (on every worker and on the calling
 * thread) and the workers' first VM set-up. Measured (docs/benchmarks.md, "First run"): in a fresh process the
 * first run of a block is up to ~2× its second; after this, within a few per cent.
 *
 * The caller picks the scenario (`src/workloads/warmup.ts` has one) and cancels the warm-up through `signal` as
 * soon as the user wants the workers: it then stops at the engine's next step (`RunCancelled`), the pool ready for
 * the user's run.
 */
import { runScenario } from './run.ts';
import { RunCancelled } from './runtime/errors.ts';
import type { Scenario } from './scenario/types.ts';
import type { WorkerPool } from './workers/pool.ts';

export interface WarmupOptions {
  /** The strategies about to be run, each run once in this order. */
  strategies: readonly string[];
  /** The worker count those runs will use. */
  workers: number;
  signal?: AbortSignal;
}

export interface WarmupReport {
  /** The strategies warmed, in order. */
  strategies: string[];
  ms: number;
  /** Stopped by `signal` before it finished. */
  cancelled: boolean;
}

/** Never rejects on cancellation (the report says so); an engine failure rejects as a run's would. */
export async function warmUp(pool: WorkerPool, scenario: Scenario, opts: WarmupOptions): Promise<WarmupReport> {
  const t0 = performance.now();
  const strategies = [...new Set(opts.strategies)];
  const done: string[] = [];
  try {
    for (const strategy of strategies) {
      if (opts.signal?.aborted) throw new RunCancelled();
      await runScenario(scenario, { strategy, workers: opts.workers, senders: 'trust', signal: opts.signal }, pool);
      done.push(strategy);
    }
  } catch (e) {
    if (!(e instanceof RunCancelled) && !opts.signal?.aborted) throw e;
    return { strategies: done, ms: performance.now() - t0, cancelled: true };
  }
  return { strategies: done, ms: performance.now() - t0, cancelled: false };
}
