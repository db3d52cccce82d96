/**
 * A strategy is a *policy*: a synchronous, deterministic state machine that decides what runs where and reacts to
 * results. It never touches the worker pool and never awaits; the runtime (`execute.ts`) owns workers, transport,
 * crashes, cancellation, stall detection, counting and the commit itself. The same policy runs on real workers, on a
 * scripted transport in unit tests, and (later) on the scale lab's simulated one.
 *
 * The runtime's loop, after every batch of results:
 *   1. `onResults(w, results, batch)` — the policy records what came back;
 *   2. commit: while `head(next)` returns a result, the runtime commits it (receipt, trace) and calls `committed`;
 *   3. dispatch: for every worker with room (`maxInflight` batches), `next(w)` until it returns null;
 *   4. if nothing is in flight and the block is not committed, the policy has stalled: an internal error.
 */
import type { StateKey, StateValue } from '../evm/keys.ts';
import type { Hex, Scenario } from '../scenario/types.ts';
import type { MultiVersionMemory } from '../state/multiVersionMemory.ts';
import type { RunHistory } from '../strategies/history.ts';
import type { EventBody, TraceRecorder } from '../trace/recorder.ts';
import type { ExecTask, MemoryUpdate, TaskResult } from '../workers/protocol.ts';

/** What a policy sends one worker at a time. */
export interface Batch {
  tasks: ExecTask[];
  /** Tasks do not see each other's writes, and the worker does not record its results in its replica. */
  isolated?: boolean;
  /** ETH credits become balance deltas unless observed (`block-stm-deltas`). */
  lazyCredits?: boolean;
  /** Senders read lazily (`ExecBatch.lazySenders`): the policy checks each sender read at commit. */
  lazySenders?: boolean;
  /** The sequential reference path on the worker (single-version state). */
  reference?: boolean;
  /** The policy's own note on the batch, handed back with its results (e.g. messages it carries). */
  note?: unknown;
}

export interface Policy {
  /** Batches a worker may hold at once (one executing, more queued so it never idles a round trip). Default 1. */
  readonly maxInflight?: number;
  /** True if the policy may publish the record of a transaction after it committed (the sharded strategies send a
   * worker a committed transaction's writes when a later transaction there reads them): the workers' replicas then
   * keep their whole history. Otherwise a replica folds what is below the commit point (`runtime/replicaLog.ts`), and
   * a late record is an `EngineFailure`. */
  readonly lateRecords?: boolean;
  /** The next batch for worker `w`, or null when it has nothing for that worker now. `inflight`: the batches `w` holds
   * already (one executing, the others queued behind it). */
  next(w: number, inflight: number): Batch | null;
  /** The results of a batch sent to `w`, in the order the worker executed them (possibly fewer than the tasks of a
   * `reference` batch, which stops at the first transaction that cannot run). */
  onResults(w: number, results: TaskResult[], batch: Batch): void;
  /** The result to commit for `tx`, the lowest uncommitted transaction — validated, final — or null to wait. */
  head(tx: number): TaskResult | null;
  /** `tx` was committed with `r`. */
  committed?(r: TaskResult): void;
  /** Called once every transaction has committed, before the execute phase ends. */
  finish?(): void;
  /** Strategy-specific figures, in plain words, for `stats.extra`. */
  extras?(): Record<string, number>;
}

/** What the runtime offers a policy. */
/** A stale read, for the trace: the value read, and the value it should have seen (absent: not known, e.g. the
 * writer is being re-executed). */
export interface StaleRead {
  read?: StateValue;
  expected?: StateValue;
}

export interface PolicyHost {
  readonly scenario: Scenario;
  /** Transactions in the block. */
  readonly n: number;
  /** Workers of this run. */
  readonly workers: number;
  /** Every transaction's sender (recovered, or the scenario's `from`). */
  readonly senders: readonly Hex[];
  /** The coinbase account's state key: fee credits to it are deltas, never conflicts. */
  readonly coinbaseKey: StateKey;
  readonly history?: RunHistory;
  readonly recorder: TraceRecorder;
  /** Whether executions honour `Batch.lazySenders`: the workers do; the simulator's recorded key sets do not. */
  readonly lazySenders: boolean;
  /** Lowest uncommitted transaction. */
  readonly commitIdx: number;
  /** A coordinator decision about `tx`, recorded now. */
  event(tx: number, incarnation: number, body: EventBody): void;
  /** A change every worker's replica applies before its next batch (`to`: only these workers'). */
  publish(update: MemoryUpdate, to?: readonly number[]): void;
  /** Publishes a finished execution's writes (or, for one that wrote nothing, the removal of its older ones). */
  publishResult(r: TaskResult, to?: readonly number[]): void;
  /** Counts a validation that passed and records it. */
  validated(tx: number, incarnation: number): void;
  /** Counts an abort found by validation: `key` was stale, `writerTx` wrote it (-1: the pre-state). `values`: what the
   * execution read and what it should have seen, when known (the page explains the conflict with them). */
  validationFailed(tx: number, incarnation: number, key: StateKey, writerTx: number, values?: StaleRead): void;
  /** Counts an abort of an execution that touched `key` outside what it declared (or its route). */
  undeclared(r: TaskResult, key: StateKey): void;
  /** Validates `r`'s read set against `memory` (counted and recorded either way); true when every read holds. */
  validateReads(memory: MultiVersionMemory, r: TaskResult): boolean;
}

/** A strategy as the registry knows it: its name and a factory for one run's policy. */
export interface StrategyDef {
  readonly name: string;
  policy(host: PolicyHost): Policy;
}
