/**
 * `EngineHost`: the engine side of `EngineApi`. It owns the `Playground` (the EVM worker pool and its failure
 * handling) and the scenario cache, and batches trace events so the page gets a few messages per frame rather than
 * one per event. The same class serves the coordinator worker and the in-page fallback.
 */
import { type Check, compareTransactions } from '../../engine/contract.ts';
import { transactionCommitment } from '../../engine/evm/txCommitment.ts';
import type { Result } from '../../engine/result.ts';
import { RunCancelled } from '../../engine/runtime/errors.ts';
import type { Scenario } from '../../engine/scenario/types.ts';
import type { SetupOutcome } from '../../engine/setupRun.ts';
import type { TraceEvent } from '../../engine/trace/events.ts';
import type { WorkerPool } from '../../engine/workers/pool.ts';
import { Playground } from '../playground.ts';
import { type LoadContext, ScenarioCache, type ScenarioSource, loadScenario, sourceKey } from '../scenarios.ts';
import type { EngineApi, EventSink, RunParams, WarmupOutcome, WarmupParams } from './protocol.ts';
import type { ScaleParams, ScaleSweep, ScaleSweepParams, ShardSweep, ShardSweepParams, SimulatedRun } from './scaleProtocol.ts';
import type { ScaleHost } from './scaleHost.ts';

/** How long events wait to be sent together: about a frame, so a live view sees every frame's worth at once. */
const BATCH_MS = 16;
const PROBE_TIMEOUT_MS = 20_000;

export class EngineHost implements EngineApi {
  private readonly playground: Playground;
  private readonly scenarios = new ScenarioCache();
  private failure: Error | undefined;
  /** The run or reference in progress (a refused second call briefly adds its own): `cancel` aborts them. */
  private readonly inFlight = new Set<AbortController>();
  /** The warm-up in progress: whatever the user asks for next stops it first (`stopWarmUp`). */
  private warming: { controller: AbortController; done: Promise<WarmupOutcome> } | undefined;
  /** Strategies (and worker counts) already warmed up, and scenarios already set up on the workers: asking again
   * does nothing. */
  private readonly warmed = new Set<string>();
  private readonly primed = new Set<string>();

  constructor(
    createPool: (size: number) => WorkerPool,
    private ctx: LoadContext,
  ) {
    this.playground = new Playground(createPool, { onFailure: (e) => (this.failure = e) });
  }

  async configure(blockBase: string): Promise<void> {
    this.ctx = { ...this.ctx, blockBase };
  }

  async probe(): Promise<void> {
    this.playground.warm(1);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no EVM worker answered within ${PROBE_TIMEOUT_MS / 1000} s`)), PROBE_TIMEOUT_MS);
    });
    try {
      // A harmless call (the senders are replaced when a scenario is loaded) that needs the worker to be up.
      await Promise.race([this.playground.call(0, (api) => api.ping()), timeout]);
    } finally {
      clearTimeout(timer);
    }
    if (this.failure) throw this.failure;
  }

  async warm(n: number): Promise<void> {
    if (this.failure) throw this.failure;
    this.playground.warm(n);
  }

  async warmUp(params: WarmupParams): Promise<WarmupOutcome> {
    if (this.failure) throw this.failure;
    if (this.warming) return this.warming.done;
    const key = (s: string) => `${s}×${params.workers}`;
    const todo = params.strategies.filter((s) => !this.warmed.has(key(s)));
    const strategy = params.strategies.at(-1) ?? 'sequential';
    const primeKey = params.source && `${sourceKey(params.source)}|${key(strategy)}`;
    const prime = primeKey !== undefined && !this.primed.has(primeKey) ? params.source : undefined;
    if (todo.length === 0 && !prime) return { strategies: [], ms: 0, cancelled: false, primed: false, ecrecover: await this.ecrecover() };
    const controller = new AbortController();
    const { signal } = controller;
    const done = (async (): Promise<WarmupOutcome> => {
      const t0 = performance.now();
      const report = todo.length > 0 ? await this.playground.warmUp(todo, params.workers, signal) : { strategies: [], ms: 0, cancelled: false };
      for (const s of report.strategies) this.warmed.add(key(s));
      let primed = false;
      if (prime && !report.cancelled && !signal.aborted) {
        const scenario = await this.scenarios.get(sourceKey(prime), () => loadScenario(prime, this.ctx));
        primed = await this.playground.prime(scenario, strategy, params.workers, signal);
        if (primed) this.primed.add(primeKey!);
      }
      const cancelled = report.cancelled || signal.aborted;
      return { strategies: report.strategies, ms: performance.now() - t0, cancelled, primed, ecrecover: cancelled ? undefined : await this.ecrecover() };
    })().finally(() => {
      if (this.warming?.controller === controller) this.warming = undefined;
    });
    this.warming = { controller, done };
    return done;
  }

  private ecrecover(): Promise<WarmupOutcome['ecrecover']> {
    return this.playground.call(0, (api) => api.ecrecover());
  }

  /** Stops the warm-up in progress, if any, and waits until the workers are free (the engine's next step). */
  private async stopWarmUp(): Promise<void> {
    const w = this.warming;
    if (!w) return;
    w.controller.abort(new RunCancelled());
    await w.done.catch(() => {});
  }

  async load(source: ScenarioSource): Promise<Scenario> {
    // Loading a scenario (generating it, fetching a block) is the user waiting: the warm-up makes way.
    await this.stopWarmUp();
    return this.scenarios.get(sourceKey(source), () => loadScenario(source, this.ctx));
  }

  async transactionChecks(source: ScenarioSource): Promise<Check[]> {
    const scenario = await this.load(source);
    const signed = transactionCommitment(scenario);
    return signed ? compareTransactions(scenario, signed) : [];
  }

  async run(source: ScenarioSource, params: RunParams, sink?: EventSink): Promise<Result> {
    await this.stopWarmUp();
    const controller = this.begin();
    const batcher = sink ? new Batcher(sink) : undefined;
    try {
      // A cancel while the scenario loads is seen by the playground, which then does not start.
      const scenario = await this.load(source);
      const { result } = await this.playground.run(scenario, { ...params, signal: controller.signal, onEvents: batcher && ((b) => batcher.add(b)) });
      return result;
    } finally {
      this.end(controller);
      // The page must hold every event before it sees the result (or the error).
      await batcher?.close();
    }
  }

  async reference(source: ScenarioSource): Promise<Result> {
    await this.stopWarmUp();
    const controller = this.begin();
    try {
      return await this.playground.reference(await this.load(source), controller.signal);
    } finally {
      this.end(controller);
    }
  }

  async runSetup(setup: Scenario): Promise<SetupOutcome> {
    await this.stopWarmUp();
    // Loaded on first use: only the contract editor asks, and it brings a VM of its own to this thread.
    const { runSetup } = await import('../../engine/setupRun.ts');
    return runSetup(setup);
  }

  async scaleSweep(params: ScaleParams, sweep: ScaleSweepParams, onProgress?: (partial: ScaleSweep) => void | Promise<void>): Promise<ScaleSweep> {
    await this.stopWarmUp();
    return (await this.scaleHost()).sweep(params, sweep, onProgress);
  }

  async shardSweep(params: ScaleParams, sweep: ShardSweepParams, onProgress?: (partial: ShardSweep) => void | Promise<void>): Promise<ShardSweep> {
    await this.stopWarmUp();
    return (await this.scaleHost()).shardSweep(params, sweep, onProgress);
  }

  async simulate(params: ScaleParams, strategy: string, workers: number): Promise<SimulatedRun> {
    await this.stopWarmUp();
    return (await this.scaleHost()).simulate(params, strategy, workers);
  }

  /** The Scale lab's simulator, loaded on first use (`scaleHost.ts`). */
  private scale: Promise<ScaleHost> | undefined;
  private scaleHost(): Promise<ScaleHost> {
    this.scale ??= import('./scaleHost.ts').then(({ ScaleHost }) => new ScaleHost((source) => this.load(source), () => this.inFlight.size > 0));
    return this.scale;
  }

  async cancel(): Promise<void> {
    void this.scale?.then((h) => h.stop());
    this.warming?.controller.abort(new RunCancelled());
    for (const controller of this.inFlight) controller.abort(new RunCancelled());
  }

  private begin(): AbortController {
    const controller = new AbortController();
    this.inFlight.add(controller);
    return controller;
  }

  private end(controller: AbortController): void {
    this.inFlight.delete(controller);
  }

  dispose(): void {
    this.playground.dispose();
  }
}

/** Collects events and sends them at most every `BATCH_MS`, one send in flight at a time, in order. */
class Batcher {
  private pending: TraceEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly sink: EventSink) {}

  add(batch: TraceEvent[]): void {
    for (const e of batch) this.pending.push(e);
    this.timer ??= setTimeout(() => this.send(), BATCH_MS);
  }

  private send(): void {
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.chain = this.chain.then(() => this.sink(batch)).catch(() => {});
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.send();
    await this.chain;
  }
}
