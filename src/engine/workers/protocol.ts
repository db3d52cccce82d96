/** Messages between the coordinator and its workers: plain, structured-cloneable data, sent in batches. */
import type { StateKey, StateValue } from '../evm/keys.ts';
import type { EcrecoverStatus } from '../evm/secp256k1.ts';
import type { Log } from '../result.ts';
import type { Hex, Scenario } from '../scenario/types.ts';
import type { CommittedSnapshot } from '../state/committedState.ts';

export interface WorkerSetup {
  /** The run this set-up belongs to: every later message of the run carries it, and the worker refuses others. */
  runId: number;
  /** Identifies the scenario; a worker that already holds it (same id) is sent `scenario: undefined` and reuses it. */
  scenarioId: number;
  scenario?: Scenario;
  workerIndex: number;
  /** Absolute start of the run (`performance.timeOrigin + performance.now()`, ms): trace times are relative to it. */
  runStartAbs: number;
}

/** A change to the multi-version memory, replayed on every worker's replica in coordinator order. */
export type MemoryUpdate =
  | { kind: 'writes'; tx: number; incarnation: number; writes: [StateKey, StateValue][]; deltas: [StateKey, bigint][]; codes: [string, Uint8Array][] }
  | { kind: 'estimate'; tx: number; incarnation: number };

/** The committed state a replacement worker's replica starts from: transactions below `below` are final. */
export interface ReplicaSeed extends CommittedSnapshot {
  below: number;
}

export interface ExecTask {
  tx: number;
  incarnation: number;
  /** A hint (speculative) pass: its result only tells what the transaction touches, it is never committed. */
  hint?: boolean;
  /** Read the sender in full even in a `lazySenders` batch (its lazy result failed its conditions at commit). */
  exact?: boolean;
}

export interface ExecBatch {
  runId: number;
  /** A replacement's first batch: its replica (or reference state) starts from this committed state. */
  seed?: ReplicaSeed;
  updates: MemoryUpdate[];
  /** Transactions below this one have committed: the replica folds them (`MultiVersionMemory.foldBelow`). */
  foldBelow?: number;
  tasks: ExecTask[];
  /** Execute against the replica as sent, without recording this batch's own results in it (OCC rounds). */
  isolated?: boolean;
  /** ETH credits become balance deltas unless the balance is observed (`block-stm-deltas`). */
  lazyCredits?: boolean;
  /** Each transaction's sender is read lazily: its nonce and debit a delta under its validity conditions
   * (`evm/lazyAccount.ts`), checked at commit by the policy — or at once on the sequential reference path. */
  lazySenders?: boolean;
  /** The sequential reference path: one version per key (`CommittedState`), updates applied in order, and the
   * batch stops at the first transaction that cannot run. Independent of the multi-version memory on purpose. */
  reference?: boolean;
  /** Fault injection (tests): crash after running this many of the batch's tasks. */
  crashAfterTasks?: number;
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
  /** Which ECDSA ran: libsecp256k1 in WASM, or the pure-JS fallback (`evm/secp256k1.ts`). */
  ecrecover?: 'wasm' | 'js';
}

/** What a worker exposes through comlink. */
export interface WorkerApi {
  /** Answers once the worker has started (no run needed). */
  ping(): Promise<void>;
  /** The operating system's id of this worker's thread, where the platform tells it (Linux: for the benchmark's
   * CPU accounting per thread, `cli/cpu.ts`); null elsewhere. */
  osThread(): Promise<number | null>;
  /** Resolves once every call queued on this worker before it has finished (the unseen rest of a cancelled run). */
  idle(): Promise<void>;
  /** Which ECDSA sender recovery uses on this worker (`evm/secp256k1.ts`), once its WASM has loaded or failed to. */
  ecrecover(): Promise<EcrecoverStatus>;
  /** Resolves false, and does nothing, when `setup` names a scenario this worker does not hold without sending it:
   * the caller sends it again with the scenario. */
  init(setup: WorkerSetup): Promise<boolean>;
  recover(runId: number, indices: number[]): Promise<RecoverResult>;
  setSenders(runId: number, senders: Hex[]): Promise<void>;
  /** Applies the memory updates to the replica, then executes the tasks in order. */
  execBatch(batch: ExecBatch): Promise<TaskResult[]>;
  /** The run's execution is over: the worker lets go of its replica (it keeps the scenario for the next run). */
  endRun(runId: number): Promise<void>;
}
