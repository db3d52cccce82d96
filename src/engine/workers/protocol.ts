/** Messages between the coordinator and its workers: plain, structured-cloneable data, sent in batches. */
import type { StateKey, StateValue } from '../evm/keys.ts';
import type { Log } from '../result.ts';
import type { Hex, Scenario } from '../scenario/types.ts';

export interface WorkerSetup {
  /** Identifies the scenario; a worker that already holds it (same id) is sent `scenario: undefined` and reuses it. */
  scenarioId: number;
  scenario?: Scenario;
  workerIndex: number;
  /** Absolute start of the run (`performance.timeOrigin + performance.now()`, ms): trace times are relative to it. */
  runStartAbs: number;
  /** Fault injection for tests: crash after executing this many tasks. */
  crashAfterTasks?: number;
}

/** A change to the multi-version memory, replayed on every worker's replica in coordinator order. */
export type MemoryUpdate =
  | { kind: 'writes'; tx: number; incarnation: number; writes: [StateKey, StateValue][]; deltas: [StateKey, bigint][]; codes: [string, Uint8Array][] }
  | { kind: 'estimate'; tx: number; incarnation: number };

export interface ExecTask {
  tx: number;
  incarnation: number;
}

export interface ExecBatch {
  updates: MemoryUpdate[];
  tasks: ExecTask[];
  /** Execute against the replica as sent, without recording this batch's own results in it (OCC rounds). */
  isolated?: boolean;
  /** ETH credits become balance deltas unless the balance is observed (`block-stm-deltas`). */
  lazyCredits?: boolean;
}

export type TaskOutcome =
  | {
      kind: 'done';
      reads: [StateKey, StateValue][];
      writes: [StateKey, StateValue][];
      deltas: [StateKey, bigint][];
      codes: [string, Uint8Array][];
      status: 0 | 1;
      gasUsed: bigint;
      logs: Log[];
      contractAddress?: Hex;
      error?: string;
    }
  | { kind: 'blocked'; key: StateKey; blockingTx: number }
  | { kind: 'invalid'; reads: [StateKey, StateValue][]; message: string };

export interface TaskResult {
  tx: number;
  incarnation: number;
  worker: number;
  /** µs since run start. */
  t0: number;
  t1: number;
  outcome: TaskOutcome;
}

export interface RecoverResult {
  worker: number;
  t0: number;
  t1: number;
  /** Per requested index: the sender, or an error message. */
  senders: ({ ok: true; sender: Hex } | { ok: false; message: string })[];
}

/** What a worker exposes through comlink. */
export interface WorkerApi {
  init(setup: WorkerSetup): Promise<void>;
  recover(indices: number[]): Promise<RecoverResult>;
  setSenders(senders: Hex[]): Promise<void>;
  /** Applies the memory updates to the replica, then executes the tasks in order. */
  execBatch(batch: ExecBatch): Promise<TaskResult[]>;
  /** Sequential reference: executes transactions [from, to) in order against a single-version state. */
  runSequential(from: number, to: number): Promise<TaskResult[]>;
}
