/**
 * `Playground`: the page's one connection to the engine. It owns the browser worker pool — started once and kept
 * across runs, since a worker takes ~0.5 s to start — and runs one thing at a time on it (a run and a verification
 * sharing workers would trample each other's replicas).
 *
 * The pool replaces a crashed worker at once, and gives up when workers keep dying (a worker script that fails to
 * load, a policy that forbids workers). When it gives up, the playground stops it and tells the user what to do.
 */
import type { Result } from '../engine/result.ts';
import { type RunOutput, runScenario } from '../engine/run.ts';
import { RunCancelled } from '../engine/runtime/errors.ts';
import type { Scenario } from '../engine/scenario/types.ts';
import { RunHistory } from '../engine/strategies/history.ts';
import type { TraceEvent } from '../engine/trace/events.ts';
import type { Remote } from 'comlink';
import type { WorkerPool } from '../engine/workers/pool.ts';
import type { WorkerApi } from '../engine/workers/protocol.ts';
import { SETTLE_BUDGET_MS, type WarmupReport, primeScenario, settleScenario, warmUp } from '../engine/warmup.ts';
import { warmupScenario } from '../workloads/warmup.ts';

export interface RunRequest {
  strategy: string;
  workers: number;
  onEvents?: (batch: TraceEvent[]) => void;
  /** Cancels the run: it rejects with `RunCancelled`. */
  signal?: AbortSignal;
}

export interface PlaygroundOptions {
  /** Told once when the playground gives up on its workers. */
  onFailure?: (error: Error) => void;
}

export class Playground {
  private pool: WorkerPool | undefined;
  private running = false;
  private failure: Error | undefined;
  private abortRun: ((e: Error) => void) | undefined;
  /** What earlier runs in this page taught: `dag` reuses a block's access sets, `predictive` its hot-key model. */
  private readonly history = new RunHistory();

  /** `createPool` makes the pool on first use (injected so the glue can be tested without Web Workers). */
  constructor(
    private readonly createPool: (size: number) => WorkerPool,
    private readonly opts: PlaygroundOptions = {},
  ) {}

  /** Starts `n` workers ahead of the first run, so it does not pay their start-up. */
  warm(n: number): void {
    if (this.failure) throw this.failure;
    if (this.pool) return this.pool.ensure(n);
    const pool = this.createPool(n);
    pool.onCrash(() => this.noteCrash(pool));
    this.pool = pool;
  }

  get busy(): boolean {
    return this.running;
  }

  /**
   * One run. Cancelled (`req.signal`), it rejects with `RunCancelled` once the engine has stopped — the workers stay
   * busy until then, so the next run waits for it rather than racing it — and also when the engine finished before
   * it noticed: the user asked for no result.
   */
  async run(scenario: Scenario, req: RunRequest): Promise<RunOutput> {
    if (this.running) throw new Error('a run is already going: wait for it to finish');
    if (req.signal?.aborted) throw new RunCancelled();
    this.running = true;
    try {
      this.warm(req.workers);
      const stopped = new Promise<never>((_, reject) => (this.abortRun = reject));
      stopped.catch(() => {});
      const out = await Promise.race([
        runScenario(scenario, { strategy: req.strategy, workers: req.workers, onEvents: req.onEvents, history: this.history, signal: req.signal }, this.pool!),
        stopped,
      ]);
      if (req.signal?.aborted) throw new RunCancelled();
      return out;
    } finally {
      this.abortRun = undefined;
      this.running = false;
    }
  }

  /**
   * Warms the workers and this thread up (`engine/warmup.ts`): small runs of `strategies` (and sequential) on a
   * generated block, so the user's first run is not a cold one. Holds the workers like a run; cancel it through
   * `signal` before anything else needs them. Does nothing (a cancelled report) while a run goes.
   */
  async warmUp(strategies: readonly string[], workers: number, signal: AbortSignal): Promise<WarmupReport> {
    if (this.running || signal.aborted) return { strategies: [], ms: 0, cancelled: true };
    this.running = true;
    try {
      this.warm(workers);
      return await warmUp(this.pool!, warmupScenario(), { strategies, workers, signal });
    } finally {
      this.running = false;
    }
  }

  /** The beginning of a run of `scenario` with `strategy`, then whole runs of it until they settle (within
   * `SETTLE_BUDGET_MS`), untimed and unseen (`engine/warmup.ts` `primeScenario`, `settleScenario`): the first real
   * run of it then starts warm. Holds the workers like a run; false if `signal` stopped it. */
  async prime(scenario: Scenario, strategy: string, workers: number, signal: AbortSignal): Promise<boolean> {
    if (this.running || signal.aborted) return false;
    this.running = true;
    try {
      this.warm(workers);
      if (!(await primeScenario(this.pool!, scenario, { strategy, workers, signal }))) return false;
      return !(await settleScenario(this.pool!, scenario, { strategy, workers, signal, budgetMs: SETTLE_BUDGET_MS })).cancelled;
    } finally {
      this.running = false;
    }
  }

  /** Runs `fn` on worker `i` (started if need be); rejects if that worker dies first. */
  call<T>(i: number, fn: (api: Remote<WorkerApi>) => Promise<T>): Promise<T> {
    this.warm(i + 1);
    return this.pool!.call(i, fn);
  }

  /** The reference result: `sequential` on the same scenario. */
  async reference(scenario: Scenario, signal?: AbortSignal): Promise<Result> {
    return (await this.run(scenario, { strategy: 'sequential', workers: 1, signal })).result;
  }

  dispose(): void {
    this.pool?.dispose();
    this.pool = undefined;
  }

  private noteCrash(pool: WorkerPool): void {
    if (pool.brokenReason === undefined || this.failure) return;
    this.failure = new Error(
      `The Web Workers keep failing (${pool.brokenReason}), so the page stopped them. A browser without module ` +
        'workers, or a Content-Security-Policy that forbids workers, does this. Reload the page to try again.',
    );
    this.dispose();
    this.abortRun?.(this.failure);
    this.opts.onFailure?.(this.failure);
  }
}

// In its own module so that the page can use it without loading the engine; kept here for the dev pages and tests.
export { errorMessage } from './errorMessage.ts';
