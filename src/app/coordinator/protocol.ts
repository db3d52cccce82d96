/**
 * What the page asks of the engine, wherever it runs: in the coordinator Web Worker (normally), or on the page
 * itself when this browser cannot start workers inside a worker. Everything crossing it is structured-cloneable.
 */
import type { Check } from '../../engine/contract.ts';
import type { Result } from '../../engine/result.ts';
import { RunCancelled } from '../../engine/runtime/errors.ts';
import type { EcrecoverStatus } from '../../engine/evm/secp256k1.ts';
import type { Scenario } from '../../engine/scenario/types.ts';
import type { SetupOutcome } from '../../engine/setupRun.ts';
import type { TraceEvent } from '../../engine/trace/events.ts';
import type { ScenarioSource } from '../scenarios.ts';
import type { ScaleParams, ScaleSweep, ScaleSweepParams, ShardSweep, ShardSweepParams, SimulatedRun } from './scaleProtocol.ts';

export type { ScaleBlock, ScaleParams, ScaleRow, ScaleSweep, ScaleSweepParams, ShardSweep, ShardSweepParams, SimulatedRun } from './scaleProtocol.ts';

export interface RunParams {
  strategy: string;
  workers: number;
}

export interface WarmupParams {
  /** Run in this order; the last is the one the first run is expected to use. */
  strategies: string[];
  workers: number;
  /** The scenario the first run is expected to be of: once warm, the beginning of a run of it with the last strategy
   * (set up on the workers, senders recovered, its first transactions executed: `primeScenario`). */
  source?: ScenarioSource;
}

export interface WarmupOutcome {
  /** The strategies warmed up (sequential first), fewer when it was stopped. */
  strategies: string[];
  ms: number;
  cancelled: boolean;
  /** Whether the beginning of a run of `source` was done. */
  primed: boolean;
  /** Sender recovery on the workers: WASM, or pure JS and why (`engine/evm/secp256k1.ts`). */
  ecrecover?: EcrecoverStatus;
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
  /**
   * Warms the engine up for a first run of `strategies` on `workers` — small runs of a generated block, then the
   * beginning of a run of `source` and whole runs of it until they settle (`engine/warmup.ts`): a first run of a real
   * block is otherwise 3–5× slower than a settled one. Meant for when the
   * page is idle: any run, reference, scenario load, contract set-up or cancel stops it at once, so it never delays
   * what the user asked for. Resolves (never rejects on being stopped) with what it did and which ECDSA sender
   * recovery uses.
   */
  warmUp(params: WarmupParams): Promise<WarmupOutcome>;
  /** The scenario a source describes (generated, fetched or given), kept for the runs that follow. */
  load(source: ScenarioSource): Promise<Scenario>;
  /** The source's transactions against what its data says they are: their root against the header's transactions
   * root, each one's hash against the hash the data gives it (`engine/contract.ts` `compareTransactions`). Empty when
   * the transactions are unsigned (a generated block). Computed here because it needs the EVM's transaction codec. */
  transactionChecks(source: ScenarioSource): Promise<Check[]>;
  /** Runs one strategy; events stream to `sink`; resolves with the result once every batch was delivered.
   * Rejects with `RunCancelled` (see `isRunCancelled`) when `cancel` stops it. */
  run(source: ScenarioSource, params: RunParams, sink?: EventSink): Promise<Result>;
  /** The sequential reference's result on the same scenario (cancellable too). */
  reference(source: ScenarioSource): Promise<Result>;
  /** Executes a contract's deployment and setup calls in order (the editor's workload builder) and returns the
   * state they leave, as a pre-state, with each transaction's failure if any. Not a run: no trace, no workers. */
  runSetup(setup: Scenario): Promise<SetupOutcome>;
  /** The Scale lab: every strategy of `sweep` on every worker count, *simulated* (`src/sim/`) on the block of
   * `params`; `onProgress` gets the sweep so far after each worker count. A newer `scaleSweep`, a sweep of another
   * block, a `cancel` or a real run stops it (it rejects with `RunCancelled`). Rows only: no traces. */
  scaleSweep(params: ScaleParams, sweep: ScaleSweepParams, onProgress?: (partial: ScaleSweep) => void | Promise<void>): Promise<ScaleSweep>;
  /** The sharding question: the sharded strategies on every shard count at every network latency, *simulated* on
   * the block of `params` (its `networkLatencyUs` is not used: `sweep.latencies` are); `onProgress` gets the sweep
   * so far after each shard count. It shares the rows of `scaleSweep` and does not stop it; a newer `shardSweep`, a
   * sweep of another block, a `cancel` or a real run stops it. */
  shardSweep(params: ScaleParams, sweep: ShardSweepParams, onProgress?: (partial: ShardSweep) => void | Promise<void>): Promise<ShardSweep>;
  /** One simulated run with its trace (marked `simulated`), to show on the stage. */
  simulate(params: ScaleParams, strategy: string, workers: number): Promise<SimulatedRun>;
  /** Cancels the run or reference in progress, if any: it rejects with `RunCancelled` once the engine has stopped
   * (every event it recorded delivered first), and the next run starts on the same workers. An `AbortSignal`
   * cannot cross to the coordinator worker, hence a call. */
  cancel(): Promise<void>;
  dispose(): void;
}

/** The page stops its own flow (a compare between runs) with the engine's cancellation, so one test catches both. */
export { RunCancelled };

/** Whether a rejection is a cancelled run: a `RunCancelled`, or one that crossed from the coordinator worker (comlink
 * sends an error's name and message, not its class). */
export function isRunCancelled(e: unknown): boolean {
  return e instanceof RunCancelled || (e instanceof Error && e.name === 'RunCancelled');
}
