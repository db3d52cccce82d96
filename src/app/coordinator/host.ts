/**
 * `EngineHost`: the engine side of `EngineApi`. It owns the `Playground` (the EVM worker pool and its failure
 * handling) and the scenario cache, and batches trace events so the page gets a few messages per frame rather than
 * one per event. The same class serves the coordinator worker and the in-page fallback.
 */
import type { Result } from '../../engine/result.ts';
import { RunCancelled } from '../../engine/runtime/errors.ts';
import type { Scenario } from '../../engine/scenario/types.ts';
import type { TraceEvent } from '../../engine/trace/events.ts';
import type { WorkerPool } from '../../engine/workers/pool.ts';
import { Playground } from '../playground.ts';
import { type LoadContext, ScenarioCache, type ScenarioSource, loadScenario, sourceKey } from '../scenarios.ts';
import type { EngineApi, EventSink, RunParams } from './protocol.ts';

/** How long events wait to be sent together: about a frame, so a live view sees every frame's worth at once. */
const BATCH_MS = 16;
const PROBE_TIMEOUT_MS = 20_000;

export class EngineHost implements EngineApi {
  private readonly playground: Playground;
  private readonly scenarios = new ScenarioCache();
  private failure: Error | undefined;
  /** The run or reference in progress (a refused second call briefly adds its own): `cancel` aborts them. */
  private readonly inFlight = new Set<AbortController>();

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

  load(source: ScenarioSource): Promise<Scenario> {
    return this.scenarios.get(sourceKey(source), () => loadScenario(source, this.ctx));
  }

  async run(source: ScenarioSource, params: RunParams, sink?: EventSink): Promise<Result> {
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
    const controller = this.begin();
    try {
      return await this.playground.reference(await this.load(source), controller.signal);
    } finally {
      this.end(controller);
    }
  }

  async cancel(): Promise<void> {
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
