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

/**
 * Sets `scenario` up for a run without running it: every worker gets it and builds its pre-state and VM, and this
 * thread its pre-state — the per-scenario part of a first run, which a second run of the same scenario object
 * skips. It is a run of `strategy` on `workers`, stopped as soon as it reaches sender recovery or execution (the
 * few tasks already sent finish unseen on the workers).
 */
export async function primeScenario(pool: WorkerPool, scenario: Scenario, opts: { strategy: string; workers: number; signal?: AbortSignal }): Promise<boolean> {
  const controller = new AbortController();
  const stop = () => controller.abort(new RunCancelled());
  if (opts.signal?.aborted) return false;
  opts.signal?.addEventListener('abort', stop, { once: true });
  try {
    await runScenario(scenario, {
      strategy: opts.strategy,
      workers: opts.workers,
      signal: controller.signal,
      onEvents: (batch) => {
        if (batch.some((e) => e.kind === 'phase-start' && (e.phase === 'recover-senders' || e.phase === 'execute'))) stop();
      },
    }, pool);
    return !opts.signal?.aborted; // a scenario with no transactions ran to the end
  } catch (e) {
    if (!(e instanceof RunCancelled) && !controller.signal.aborted) throw e;
    return !opts.signal?.aborted;
  } finally {
    opts.signal?.removeEventListener('abort', stop);
  }
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
