/**
 * One ledger of what a run did, kept by the runtime for every strategy, so that every view counts the same way.
 *
 * Execution kinds are named once, here:
 * - `hint`: a speculative pass to learn what a transaction touches; its result is never committed;
 * - `first`: the first execution of a transaction that could be committed;
 * - `reexec`: any later one — after an abort (failed validation, a read of an ESTIMATE, an undeclared access) or
 *   because its previous result went stale before it was checked (occ-rounds' next round).
 * Aborts are counted by the state key that caused them (the key itself; views format it).
 */
import type { StateKey } from '../evm/keys.ts';
import type { RunStats } from '../result.ts';
import type { ExecKind } from '../trace/events.ts';

export class Ledger {
  readonly executions: Record<ExecKind, number> = { hint: 0, first: 0, reexec: 0 };
  validations = 0;
  aborts = 0;
  readonly abortsByKey: Record<StateKey, number> = {};
  readonly busyMs: number[];
  /** The coordinator's own time in the execute phase (taking in results, the policy, commits, dispatch), ms: what
   * the workers wait on when it is the bottleneck. The simulator counts its modelled coordinator time here. */
  coordinatorMs = 0;
  private readonly ran: Uint8Array;

  constructor(n: number, workers: number) {
    this.ran = new Uint8Array(n);
    this.busyMs = new Array<number>(workers).fill(0);
  }

  /** Counts one execution of `tx` and says which kind it was. */
  execution(tx: number, hint: boolean, worker: number, ms: number): ExecKind {
    if (worker >= 0 && worker < this.busyMs.length) this.busyMs[worker] += ms;
    const kind: ExecKind = hint ? 'hint' : this.ran[tx] ? 'reexec' : 'first';
    if (!hint) this.ran[tx] = 1;
    this.executions[kind]++;
    return kind;
  }

  busy(worker: number, ms: number): void {
    if (worker >= 0 && worker < this.busyMs.length) this.busyMs[worker] += ms;
  }

  abort(key: StateKey): void {
    this.aborts++;
    this.abortsByKey[key] = (this.abortsByKey[key] ?? 0) + 1;
  }

  stats(recoverMs: number, extra?: Record<string, number>): Omit<RunStats, 'wallMs' | 'rootMs' | 'workerRestarts'> {
    const e = this.executions;
    return {
      recoverMs,
      executions: e.hint + e.first + e.reexec,
      hintExecutions: e.hint,
      reexecutions: e.reexec,
      validations: this.validations,
      aborts: this.aborts,
      abortsByKey: this.abortsByKey,
      workerBusyMs: this.busyMs,
      coordinatorMs: this.coordinatorMs,
      ...(extra && Object.keys(extra).length > 0 ? { extra } : {}),
    };
  }
}
