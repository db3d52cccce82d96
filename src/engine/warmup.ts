/**
 * Warming the engine up before a user's first run, which in a fresh process (or page) is several times slower than
 * a settled one: JIT compilation of the EVM and the engine (on every worker and on the calling thread) — for the
 * block's own code paths too —, the workers' first VM set-up, and the per-scenario set-up a second run of the same
 * scenario skips (docs/benchmarks.md, "The first run against the second", "Warm means settled").
 *
 * `warmUp`: real runs of a small scenario, one per strategy, on the pool the user's runs will use. `primeScenario`:
 * the beginning of a run of the scenario about to be run. `settleScenario`: whole runs of it until they settle.
 *
 * The caller picks the scenario (`src/workloads/warmup.ts` has one) and cancels the warm-up through `signal` as
 * soon as the user wants the workers: it then stops at the engine's next step (`RunCancelled`), the pool ready for
 * the user's run.
 */
import { warmUntilSteady } from './analysis/timing.ts';
import { runScenario } from './run.ts';
import { RunCancelled } from './runtime/errors.ts';
import type { Scenario, SenderMode } from './scenario/types.ts';
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

export interface PrimeOptions {
  strategy: string;
  workers: number;
  /** As the run to come will take them (default `recover`). */
  senders?: SenderMode;
  signal?: AbortSignal;
  /** Stop once this many transactions have committed… (default 32) */
  commits?: number;
  /** …or execution has gone on this long, ms (default 500). */
  executeMs?: number;
}

/**
 * Sets `scenario` up for a run and runs its beginning: every worker gets it and builds its pre-state and VM (the
 * per-scenario part of a first run, which a second run of the same scenario object skips), recovers its senders, and
 * executes its first transactions — its own contracts and transaction types, which a generated block does not
 * cover. It is a run of `strategy` on `workers`, stopped after `commits` commits or `executeMs` of execution, then
 * waits until the workers have finished what was already sent to them; a small scenario simply runs to the end.
 * Resolves false if `signal` stopped it first.
 */
export async function primeScenario(pool: WorkerPool, scenario: Scenario, opts: PrimeOptions): Promise<boolean> {
  const { commits = 32, executeMs = 500 } = opts;
  const controller = new AbortController();
  const stop = () => controller.abort(new RunCancelled());
  if (opts.signal?.aborted) return false;
  opts.signal?.addEventListener('abort', stop, { once: true });
  let executeStart: number | undefined;
  let committed = 0;
  try {
    await runScenario(scenario, {
      strategy: opts.strategy,
      workers: opts.workers,
      senders: opts.senders,
      signal: controller.signal,
      onEvents: (batch) => {
        for (const e of batch) {
          if (e.kind === 'phase-start' && e.phase === 'execute') executeStart = e.t;
          else if (e.kind === 'commit') committed++;
          if (committed >= commits || (executeStart !== undefined && e.t - executeStart >= executeMs * 1000)) return stop();
        }
      },
    }, pool);
    return !opts.signal?.aborted;
  } catch (e) {
    if (!(e instanceof RunCancelled) && !controller.signal.aborted) throw e;
    if (opts.signal?.aborted) return false; // the user wants the workers: what is left on them is their next run's wait
    // Stopped on purpose: let the workers finish what was already sent, so the next run does not wait behind it.
    await Promise.all(Array.from({ length: Math.min(opts.workers, pool.size) }, (_, w) => pool.call(w, (api) => api.idle()).catch(() => {})));
    return !opts.signal?.aborted;
  } finally {
    opts.signal?.removeEventListener('abort', stop);
  }
}

export interface SettleOptions {
  strategy: string;
  workers: number;
  senders?: SenderMode;
  signal?: AbortSignal;
  /** No run starts once the settling has taken this long, ms. */
  budgetMs: number;
}

/** How long a warm-up may run the scenario about to be run, whole, until it has settled (ms): the CLI's before a
 * timed run, the page's while it is idle (the user's next action stops that one at once). */
export const SETTLE_BUDGET_MS = 3_000;

/** Blocks up to this many transactions are settled (`settleScenario`); a larger one's run is long enough to warm
 * up inside, and several of them would not fit in a warm-up. */
export const SETTLE_TXS = 2_048;

/**
 * Whole untimed runs of `scenario` until they have settled (`warmUntilSteady`), while `budgetMs` lasts. A generated
 * block does not warm up a real one: after the CLI's warm-up and `primeScenario`, the first run of 13,287,210 was
 * 3–5× its settled one, under sequential as under block-stm (docs/benchmarks.md, "Warm means settled") — the JIT on
 * the block's own paths (its calldata, its contracts), its pre-state decoded on first use, and under two workers
 * each worker meeting only part of the block each run. Resolves with the runs' walls (ms) and whether `signal`
 * stopped it; nothing for a block above `SETTLE_TXS`.
 */
export async function settleScenario(pool: WorkerPool, scenario: Scenario, opts: SettleOptions): Promise<{ walls: number[]; cancelled: boolean }> {
  if (scenario.transactions.length > SETTLE_TXS || opts.signal?.aborted) return { walls: [], cancelled: opts.signal?.aborted === true };
  const t0 = performance.now();
  let last = 0;
  try {
    const walls = await warmUntilSteady(async () => {
      if (performance.now() - t0 + last > opts.budgetMs) return undefined;
      const r0 = performance.now();
      const { result } = await runScenario(scenario, { strategy: opts.strategy, workers: opts.workers, senders: opts.senders, signal: opts.signal, keepTrace: false }, pool);
      last = performance.now() - r0;
      return result.stats.wallMs;
    });
    return { walls, cancelled: false };
  } catch (e) {
    if (!(e instanceof RunCancelled) && !opts.signal?.aborted) throw e;
    return { walls: [], cancelled: true };
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
