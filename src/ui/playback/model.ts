/** The shapes the playback index hands to the views. Times are µs since the run began, as recorded. */
import type { ConflictKind } from '../../app/explain/conflictStory.ts';
import type { ExecKind, StateKey, TraceValue } from '../../engine/trace/events.ts';

/** Where a transaction is at some instant. `validating`: executed, waiting for (or passing) validation. */
export type TxPhase = 'pending' | 'queued' | 'blocked' | 'executing' | 'validating' | 'aborted' | 'committed';

export interface TxStep {
  t: number;
  /** Order of same-time steps: a transaction is queued before it runs, runs before it is validated… */
  rank: number;
  phase: TxPhase;
  worker: number;
  incarnation: number;
}

/** One stretch of work on a worker lane: an execution attempt (incarnation) or a sender-recovery batch. */
export interface Bar {
  kind: 'exec' | 'recover';
  lane: number;
  tx: number;
  incarnation: number;
  /** 0 for a transaction's first execution, 1 for its first re-execution… (set in start order). */
  attempt: number;
  /** What the execution was for, as the engine counted it (absent in traces recorded before it did). */
  exec?: ExecKind;
  start: number;
  /** NaN until the end is recorded. */
  end: number;
  /** What became of this attempt, once known (at `outcomeT`). */
  outcome: 'committed' | 'aborted' | 'unknown';
  outcomeT: number;
  gas: number;
}

/** How a bar looks at a given playback time. */
/** `discarded`: an attempt whose result was never used — a hint pass, or one a later attempt replaced unvalidated. */
export type BarLook = 'running' | 'executed' | 'committed' | 'reexecuted' | 'aborted' | 'discarded' | 'recover';

/** A transaction stopped waiting on another (`blocked` → `resumed` or its next execution). */
export interface Wait {
  tx: number;
  incarnation: number;
  start: number;
  /** Infinity while still waiting. */
  end: number;
  blockingTx: number;
  key: StateKey;
}

export type { ConflictKind } from '../../app/explain/conflictStory.ts';

/** `writer`'s write to `key` invalidated (or held up) `tx`'s incarnation. `writer` is -1 when nobody is named. */
export interface Conflict {
  t: number;
  kind: ConflictKind;
  tx: number;
  incarnation: number;
  writer: number;
  key: StateKey;
  /** A failed validation's stale read: the value read and the value it should have seen, when recorded. */
  read?: TraceValue;
  expected?: TraceValue;
}

/** A coordinator-side mark: a validation or a commit. */
export interface Mark {
  t: number;
  tx: number;
  kind: 'validate-ok' | 'validate-fail' | 'commit';
}

export interface ShardMessage {
  tx: number;
  from: number;
  to: number;
  key: StateKey;
  sent: number;
  /** NaN until the receiving side records it. */
  received: number;
}

export interface Route {
  t: number;
  tx: number;
  shards: number[];
}

/** Cumulative figures at one playback time. */
export interface Metrics {
  t: number;
  /** µs since the first recorded activity. */
  elapsed: number;
  committed: number;
  executions: number;
  /** Hint passes (planning, never committed): part of `executions`. */
  hintExecutions: number;
  reexecutions: number;
  validations: number;
  aborts: number;
  undeclared: number;
  gas: number;
  gasPerSec: number;
  txPerSec: number;
  /** Busy share (0–1) of each worker since the first recorded activity. */
  utilisation: number[];
  /** Execution bars started so far per worker. */
  barsPerWorker: number[];
}
