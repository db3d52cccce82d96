/** The `Strategy` interface every scheduler implements, and what it gets and gives back. */
import type { Receipt, RunStats } from '../result.ts';
import type { Hex, Scenario, SenderMode } from '../scenario/types.ts';
import type { CommittedState } from '../state/committedState.ts';
import type { TraceRecorder } from '../trace/recorder.ts';
import type { WorkerPool } from '../workers/pool.ts';
import type { RunHistory } from './history.ts';

export interface FaultPlan {
  /** Crash this worker… */
  worker: number;
  /** …after it has executed this many tasks. */
  afterTasks: number;
}

export interface RunContext {
  scenario: Scenario;
  pool: WorkerPool;
  /** Workers this run may use (the pool holds at least this many). */
  workers: number;
  senderMode: SenderMode;
  recorder: TraceRecorder;
  /** Fault injection, for tests. */
  fault?: FaultPlan;
  /** What earlier runs taught (dag's hints, predictive's hot keys); absent: learn from this run alone. */
  history?: RunHistory;
}

export interface StrategyOutput {
  receipts: Receipt[];
  senders: Hex[];
  state: CommittedState;
  stats: Omit<RunStats, 'wallMs' | 'rootMs' | 'workerRestarts'>;
}

export interface Strategy {
  readonly name: string;
  readonly description: string;
  run(ctx: RunContext): Promise<StrategyOutput>;
}

export { RunError } from '../runtime/errors.ts';
