/**
 * What the page asks of the engine, wherever it runs: in the coordinator Web Worker (normally), or on the page
 * itself when this browser cannot start workers inside a worker. Everything crossing it is structured-cloneable.
 */
import type { Result } from '../../engine/result.ts';
import { RunCancelled } from '../../engine/runtime/errors.ts';
import type { Scenario } from '../../engine/scenario/types.ts';
import type { TraceEvent } from '../../engine/trace/events.ts';
import type { ScenarioSource } from '../scenarios.ts';

export interface RunParams {
  strategy: string;
  workers: number;
}

/** Receives the run's trace events in batches, in order; the run's result comes only after the last batch. */
export type EventSink = (batch: TraceEvent[]) => void | Promise<void>;

export interface EngineApi {
  /** Where bundled blocks are fetched from (absolute: a worker's own URL is not the page's). */
  configure(blockBase: string): Promise<void>;
  /** Starts one EVM worker and waits for it to answer: proves workers can start where the engine runs. */
  probe(): Promise<void>;
  /** Starts `n` workers ahead of the first run (each takes ~0.5 s to start). */
  warm(n: number): Promise<void>;
  /** The scenario a source describes (generated, fetched or given), kept for the runs that follow. */
  load(source: ScenarioSource): Promise<Scenario>;
  /** Runs one strategy; events stream to `sink`; resolves with the result once every batch was delivered.
   * Rejects with `RunCancelled` (see `isRunCancelled`) when `cancel` stops it. */
  run(source: ScenarioSource, params: RunParams, sink?: EventSink): Promise<Result>;
  /** The sequential reference's result on the same scenario (cancellable too). */
  reference(source: ScenarioSource): Promise<Result>;
  /** Cancels the run or reference in progress, if any: it rejects with `RunCancelled` once the engine has stopped
   * (every event it recorded delivered first), and the next run starts on the same workers. An `AbortSignal`
   * cannot cross to the coordinator worker, hence a call. */
  cancel(): Promise<void>;
  dispose(): void;
}

/** Whether a rejection is a cancelled run: a `RunCancelled`, or one that crossed from the coordinator worker (comlink
 * sends an error's name and message, not its class). */
export function isRunCancelled(e: unknown): boolean {
  return e instanceof RunCancelled || (e instanceof Error && e.name === 'RunCancelled');
}
