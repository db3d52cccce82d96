/**
 * How the runtime reaches workers. `PoolTransport` speaks to real ones (Web Workers, `worker_threads`);
 * `ScriptedTransport` answers with chosen results in a chosen order (unit tests of scheduling); the scale lab's
 * simulated transport plugs in here with a virtual clock.
 *
 * A transport hides crashes: a call on a worker that dies is re-run on its replacement, which is initialised (and
 * sent every replica update again) before its first task. It fails only when workers keep crashing
 * (`EngineFailure`) or once it is closed (`RunCancelled`: the run is over, nothing more may be sent).
 */
import type { Hex } from '../scenario/types.ts';
import type { RecoverResult, TaskResult } from '../workers/protocol.ts';
import type { Batch } from './policy.ts';

export interface Transport {
  readonly workers: number;
  /** Initialises every worker for the run. */
  start(): Promise<void>;
  /** Recovers the senders of `indices` on worker `w`. */
  recover(w: number, indices: number[]): Promise<RecoverResult>;
  /** Installs the senders on every worker (and on every later replacement). */
  setSenders(senders: Hex[]): Promise<void>;
  /** Executes a batch on worker `w`, after sending it the replica updates it has not seen. */
  execute(w: number, batch: Batch): Promise<TaskResult[]>;
  /** Worker `w`'s incarnation: it changes when the worker is replaced (its replica starts empty again). */
  generation(w: number): number;
  /** Every transaction has committed: the workers may let go of the run's replicas (nothing is awaited). */
  end?(): void;
  /** The run is over: later calls fail, late answers are dropped. */
  close(): void;
}
