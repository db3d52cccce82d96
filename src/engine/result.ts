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
}

export interface RunStats {
  /** Execution through commit, sender recovery included, state root excluded. */
  wallMs: number;
  /** Time to compute the post-state root. */
  rootMs: number;
  /** Sender recovery phase alone (part of wallMs). */
  recoverMs: number;
  /** Every execution attempt, first runs included. */
  executions: number;
  /** Executions beyond the first of each transaction (including attempts stopped early on an ESTIMATE read). */
  reexecutions: number;
  validations: number;
  /** Validations that failed, and executions stopped on an ESTIMATE read. */
  aborts: number;
  /** Aborts grouped by the state key that caused them. */
  abortsByKey: Record<string, number>;
  /** Busy time (ms) per worker: executing or recovering senders. */
  workerBusyMs: number[];
  /** Workers that crashed and were replaced. */
  workerRestarts: number;
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
