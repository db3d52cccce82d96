/**
 * The Block-STM collaborative scheduler (Gelashvili et al., PPoPP'23, Algorithms 4–5; aptos-core `scheduler.rs`).
 *
 * Two indices sweep the block: `executionIdx` hands out the next transaction to execute, `validationIdx` the next one
 * to validate. Aborts and new writes pull the indices back down, so every transaction above a changed write is
 * validated again. A transaction that read an ESTIMATE waits (is suspended) on the writer and is resumed, with a new
 * incarnation, when that writer finishes.
 *
 * Here the scheduler lives on the coordinator thread alone, so the paper's atomics become plain fields; execution
 * tasks go to workers, validation tasks run on the coordinator (they are a few map look-ups).
 */

export type TxStatus = 'ready' | 'executing' | 'executed' | 'aborting';

export interface Task {
  tx: number;
  incarnation: number;
}

export class Scheduler {
  executionIdx = 0;
  validationIdx = 0;
  readonly status: TxStatus[];
  readonly incarnation: number[];
  /** Transactions suspended until the key's transaction finishes executing. */
  private readonly dependents: number[][];

  /**
   * `targeted`: the policy revalidates exactly the transactions that read a key a re-execution or an abort changed
   * (it keeps the readers of each key), so a new write or an abort does not send the validation sweep back over
   * everything executed above it. The sweep still validates every transaction once.
   */
  constructor(readonly txCount: number, private readonly targeted = false) {
    this.status = new Array<TxStatus>(txCount).fill('ready');
    this.incarnation = new Array<number>(txCount).fill(0);
    this.dependents = Array.from({ length: txCount }, () => []);
  }

  /** try_incarnate: the next transaction ready to execute at or above `executionIdx`. */
  nextExecution(): Task | null {
    while (this.executionIdx < this.txCount) {
      const tx = this.executionIdx++;
      const t = this.tryIncarnate(tx);
      if (t) return t;
    }
    return null;
  }

  /** The transaction `nextExecution` would hand out now (-1: none), without handing it out. */
  peekExecution(): number {
    for (let tx = this.executionIdx; tx < this.txCount; tx++) if (this.status[tx] === 'ready') return tx;
    return -1;
  }

  /**
   * next_version_to_validate: skips transactions not executed yet (they are validated when they finish).
   * Unlike the paper, it does not wait for `executionIdx` to pass: an abort lowers `executionIdx`, and on one
   * coordinator thread that would hold back the validations (and so the aborts) of everything above it for a round
   * trip per transaction. Executed transactions above it have read sets and can be validated now.
   */
  nextValidation(): Task | null {
    while (this.validationIdx < this.txCount) {
      const tx = this.validationIdx++;
      if (this.status[tx] === 'executed') return { tx, incarnation: this.incarnation[tx] };
    }
    return null;
  }

  private tryIncarnate(tx: number): Task | null {
    if (this.status[tx] !== 'ready') return null;
    this.status[tx] = 'executing';
    return { tx, incarnation: this.incarnation[tx] };
  }

  /**
   * add_dependency: `tx` read an ESTIMATE of `blocking`. Returns false when `blocking` has already finished (then
   * `tx` re-executes at once, same incarnation); otherwise `tx` is suspended.
   */
  addDependency(tx: number, blocking: number): boolean {
    if (this.status[blocking] === 'executed') return false;
    this.status[tx] = 'aborting';
    this.dependents[blocking].push(tx);
    return true;
  }

  /** Puts back a task that never ran (its worker crashed): it runs again with the same incarnation. */
  requeue(tx: number): void {
    if (this.status[tx] !== 'executing') return;
    this.status[tx] = 'ready';
    if (this.executionIdx > tx) this.executionIdx = tx;
  }

  /** An execution that must be retried at once (same incarnation), e.g. after add_dependency returned false. */
  retry(tx: number): Task {
    this.status[tx] = 'executing';
    return { tx, incarnation: this.incarnation[tx] };
  }

  /**
   * finish_execution. Resumes dependents. If the validation sweep is already past `tx`, either revalidate everything
   * from `tx` (it wrote a new key) or return a validation task for `tx` alone. Returns the resumed transactions too.
   */
  finishExecution(tx: number, wroteNewKey: boolean): { validate: Task | null; resumed: number[] } {
    this.status[tx] = 'executed';
    const resumed = this.dependents[tx];
    this.dependents[tx] = [];
    let lowest = Infinity;
    for (const d of resumed) {
      if (this.status[d] !== 'aborting') continue;
      this.incarnation[d]++;
      this.status[d] = 'ready';
      lowest = Math.min(lowest, d);
    }
    if (lowest < this.executionIdx) this.executionIdx = lowest;
    if (this.validationIdx > tx) {
      if (wroteNewKey && !this.targeted) this.validationIdx = tx;
      else return { validate: { tx, incarnation: this.incarnation[tx] }, resumed };
    }
    return { validate: null, resumed };
  }

  /** try_validation_abort: only the first failed validation of an incarnation aborts it. */
  tryValidationAbort(tx: number, incarnation: number): boolean {
    if (this.status[tx] !== 'executed' || this.incarnation[tx] !== incarnation) return false;
    this.status[tx] = 'aborting';
    return true;
  }

  /** finish_validation after an abort: a new incarnation, and everything above must be validated again. */
  finishAbort(tx: number): void {
    this.incarnation[tx]++;
    this.status[tx] = 'ready';
    if (this.validationIdx > tx + 1 && !this.targeted) this.validationIdx = tx + 1;
    if (this.executionIdx > tx) this.executionIdx = tx;
  }
}
