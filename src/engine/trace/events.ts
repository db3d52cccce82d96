/**
 * Trace events: the seam between the executor and everything that shows or measures it.
 *
 * Every event is plain data (structured-cloneable, JSON-serialisable). `t` is microseconds since the run began,
 * taken where the thing happened (on the worker for execution, on the coordinator for scheduling decisions), on one
 * shared clock (`performance.timeOrigin` corrected), so the UI can replay real timings slowed down.
 */

/** A state key (`a<addr>` account, `c<addr>` code, `w<addr>` storage generation, `s<addr>[<gen>:]<slot>` slot):
 * declared, built, parsed and described in `evm/keys.ts`, a module with no imports, so the trace stays free of the
 * EVM. */
import type { StateKey } from '../evm/keys.ts';
export type { StateKey };

/** A state value as a trace carries it (plain JSON): a slot value or a code hash as `0x` hex, a storage generation
 * as a number, an account as its fields in hex, `null` for an absent account. Made by `traceValue` (`values.ts`). */
export type TraceValue = string | number | null | { nonce: string; balance: string; codeHash?: string };

/** What an execution was for (counted the same way everywhere, see `runtime/ledger.ts`): a `hint` pass learns what
 * a transaction touches and is never committed; `first` is a transaction's first committable execution; `reexec`
 * any later one. */
export type ExecKind = 'hint' | 'first' | 'reexec';

/** Lane id for events from the coordinator (scheduling, validation, commit) rather than a worker. */
export const COORDINATOR = -1;

interface Base {
  /** µs since run start. */
  t: number;
  /** Worker index, or `COORDINATOR` (-1). */
  worker: number;
  /** Transaction index in the block, or -1 for block-level events. */
  tx: number;
  /** Incarnation (0 for the first execution of a tx). */
  incarnation: number;
}

export type TraceEvent =
  | (Base & { kind: 'run-start'; strategy: string; workers: number; txCount: number })
  | (Base & { kind: 'phase-start'; phase: 'recover-senders' | 'execute' | 'commit' | 'state-root' })
  | (Base & { kind: 'phase-end'; phase: 'recover-senders' | 'execute' | 'commit' | 'state-root' })
  /** Sender recovery of one batch of transactions on a worker. */
  | (Base & { kind: 'recover'; from: number; to: number; endT: number })
  | (Base & { kind: 'queued' })
  | (Base & { kind: 'exec-start'; exec?: ExecKind })
  /** `deltas`: the keys among `writes` written as commutative deltas (fee credits, lazy credits, a lazy sender's
   * nonce and debit); `conditions`: the keys among `reads` read only as a condition (a lazy account's shape, a lazy
   * sender's nonce and least balance), which earlier deltas do not change. Both absent when empty. */
  | (Base & { kind: 'exec-end'; reads: StateKey[]; writes: StateKey[]; deltas?: StateKey[]; conditions?: StateKey[]; gas: number; status: 'success' | 'revert' | 'error'; exec?: ExecKind })
  /** An execution stopped because it read a value the scheduler marked as about to change (ESTIMATE). */
  | (Base & { kind: 'exec-abort'; key: StateKey; blockingTx: number })
  | (Base & { kind: 'validate-ok' })
  /** A read of `key` was stale: `writerTx` wrote it (-1: no transaction below does; the pre-state's value).
   * `read` is the value the execution read, `expected` the value it should have seen (the latest write below it);
   * either is absent when unknown (the writer is being re-executed, or a policy that does not say). */
  | (Base & { kind: 'validate-fail'; key: StateKey; writerTx: number; read?: TraceValue; expected?: TraceValue })
  | (Base & { kind: 'blocked'; blockingTx: number; key: StateKey })
  | (Base & { kind: 'resumed' })
  | (Base & { kind: 'commit'; gas: number })
  | (Base & { kind: 'worker-crash'; message: string })
  | (Base & { kind: 'worker-replaced' })
  /** Sharded strategies: the shards a transaction touches (its home shard first), recorded when it is routed. */
  | (Base & { kind: 'shard-route'; shards: number[] })
  /** A message between shards about a cross-shard transaction (`worker` is the sending / receiving shard). */
  | (Base & { kind: 'cross-shard-send'; toShard: number; key: StateKey })
  | (Base & { kind: 'cross-shard-recv'; fromShard: number; key: StateKey })
  /** Declared-access strategies: the transaction touched a key it did not declare; it is re-run serially. */
  | (Base & { kind: 'undeclared'; key: StateKey })
  /** Predictive strategies: what the model predicted when routing the transaction — the keys it expects the
   * transaction to conflict on and the earlier transaction it was queued behind (-1: none, spread freely). */
  | (Base & { kind: 'predict'; keys: StateKey[]; after: number })
  | (Base & { kind: 'run-end' });

export type TraceEventKind = TraceEvent['kind'];

export interface Trace {
  strategy: string;
  workers: number;
  txCount: number;
  events: TraceEvent[];
  /** Present on a simulated run (the scale lab): its cost profile and where its figures came from. Every view,
   * export and share link that shows the trace says "simulated". */
  simulated?: { profile: string; source: string };
}
