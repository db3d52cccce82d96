import type { Hex } from './scenario/types.ts';

export interface Log {
  address: Hex;
  topics: Hex[];
  data: Hex;
}

export interface Receipt {
  /** 1 success, 0 failure (revert, out of gas, invalid opcode…). */
  status: 0 | 1;
  /** Gas this transaction used (block accounting). */
  gasUsed: Hex;
  cumulativeGasUsed: Hex;
  logs: Log[];
  /** Created contract, for creations that succeeded. */
  contractAddress?: Hex;
  /** Why it failed, when it did (EVM error name or decoded revert reason). */
  error?: string;
  /** Before Byzantium: the state root after this transaction, which the receipt carries instead of its status. */
  root?: Hex;
}

export interface RunStats {
  /** Execution through commit, sender recovery included, state root excluded. */
  wallMs: number;
  /** Time to compute the post-state root. */
  rootMs: number;
  /** Sender recovery phase alone (part of wallMs). */
  recoverMs: number;
  /** Every execution attempt: hint passes, first executions and re-executions (see `runtime/ledger.ts`). */
  executions: number;
  /** Hint (speculative) passes: executions that only learn what a transaction touches; never committed. */
  hintExecutions: number;
  /** Executions of a transaction after its first committable one (after an abort, or a result gone stale). */
  reexecutions: number;
  validations: number;
  /** Failed validations, executions stopped on an ESTIMATE read, and executions that touched an undeclared key. */
  aborts: number;
  /** Aborts by the state key that caused them (the key itself, as in the trace; `describeKey` formats it). */
  abortsByKey: Record<string, number>;
  /** Busy time (ms) per worker: executing or recovering senders. */
  workerBusyMs: number[];
  /** The coordinator's busy time in the execute phase: results taken in, policy, commits, dispatch (ms). */
  coordinatorMs?: number;
  /** Workers that crashed and were replaced. */
  workerRestarts: number;
  /** Workers of this run that had not finished a run before on their pool (absent: none): their JavaScript engine
   * compiled the EVM while this run went, so its time is slower than a second run's (`engine/run.ts`). */
  coldWorkers?: number;
  /** Strategy-specific figures, named in plain words (e.g. `crossShardRatio`, `undeclaredAccesses`,
   * `predictionHits`). Absent for strategies that have none. */
  extra?: Record<string, number>;
}

export interface Result {
  strategy: string;
  workers: number;
  txCount: number;
  gasUsed: Hex;
  stateRoot: Hex;
  receiptsRoot: Hex;
  logsBloom: Hex;
  receipts: Receipt[];
  /** Senders actually used (recovered or trusted). */
  senders: Hex[];
  stats: RunStats;
}
