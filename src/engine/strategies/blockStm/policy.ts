/**
 * The Block-STM policy: owns the scheduler, the authoritative multi-version memory and worker affinity; hands out
 * execution batches, validates their results, and says when the head transaction is final. See `../blockStm.ts`.
 */
import { type AccountValue, type StateKey, type StateValue, valuesEqual } from '../../evm/keys.ts';
import { isConditionRead, isSenderRead, isShapeRead, senderConditionHolds, senderShapeHolds, shapeHolds } from '../../evm/lazyAccount.ts';
import { EstimateRead } from '../../evm/stateView.ts';
import type { Batch, Policy, PolicyHost } from '../../runtime/policy.ts';
import { baseStateOf } from '../../state/baseState.ts';
import { MultiVersionMemory } from '../../state/multiVersionMemory.ts';
import type { ExecTask, TaskResult } from '../../workers/protocol.ts';
import { Affinity, chainingSenders, targetsOf } from './affinity.ts';
import { Scheduler } from './scheduler.ts';

/** Largest batch: beyond this, a batch's results arrive too late for the scheduler to react. */
const MAX_BATCH = 64;
/** Work (µs, by the mean execution) a batch carries at most: on speculation, and in a chain of followers. */
const BATCH_US = 2_000;
const CHAIN_US = 16_000;
/** Mean execution (µs) above which, once something has aborted, a worker that holds a batch already gets only
 * followers queued behind it, no speculation: the round trip a queued batch hides (0.1–0.5 ms here) is small next to
 * an execution of a millisecond or more, and a transaction dispatched after the running one's result has been
 * validated reads fresher state. Measured on the mainnet blocks with heavy transactions, 2 workers, re-executions
 * summed over 8 runs: 12,159,808 220 → 169, 15,537,394 137 → 71 (without waiting for a first abort: 145 and 49, but a
 * block of heavy independent transactions would pay a round trip per batch for nothing). Blocks of light transactions
 * (mean 60–150 µs) are not affected. */
const HEAVY_US = 1_000;

export interface BlockStmOptions {
  /** `block-stm-deltas`: ETH credits are balance deltas on the workers (`evm/lazyAccount.ts`). */
  lazyCredits?: boolean;
  /** Each sender's nonce and debit are a delta under its validity conditions, checked here at commit
   * (`evm/lazyAccount.ts`): one sender's transactions no longer form a chain. On unless `false`. */
  lazySenders?: boolean;
  /** `predictive` brings its own routing; block-stm predicts from senders and hot targets. */
  affinity?: Affinity;
  /** `predictive`: its figures, and what to stop when the block is done. */
  extras?: () => Record<string, number>;
  finish?: () => void;
}

export class BlockStmPolicy implements Policy {
  /** One batch executing, one waiting, so a worker never idles for a round trip. */
  readonly maxInflight = 2;
  private readonly mv: MultiVersionMemory;
  private readonly sched: Scheduler;
  /** Bumped on every change to the memory; what each transaction last changed and last validated against. */
  private seq = 0;
  private readonly changedAt: Int32Array;
  private readonly validatedAt: Int32Array;
  private committedMaxChange = -1;
  /** The `seq` at which each key last changed (a new write, a removed one, an ESTIMATE): a transaction validated
   * since then against keys that did not change need not be validated again to commit. */
  private readonly keyChangedAt = new Map<StateKey, number>();
  private readonly last: (TaskResult | undefined)[];
  private readonly retries: ExecTask[] = [];
  /** Tasks per batch, adapted as the run goes (see `adaptBatchSize`). */
  private batchSize: number;
  private abortsAtLastBatch = 0;
  private aborts = 0;
  private readonly maxBatch: number;
  /** Followers a batch may carry: the largest batch while nothing aborts, halved on aborts and doubled back — a
   * chain behind an execution that aborts is lost with it, and where chains cross (hot accounts paying each other)
   * long ones are lost often. */
  private chainSize: number;
  /** Recent mean execution time (µs, moving average; 0: none yet): sizes batches by work. */
  private meanExecUs = 0;
  private readonly affinity: Affinity;
  /** Per key, the transactions whose current result read it: who to revalidate when it changes. Shape reads (lazy
   * credits) apart: a credit (delta) does not change an account's shape. */
  private readonly readersOf = new Readers();
  private readonly shapeReadersOf = new Readers();
  /** Transactions to revalidate because a key they read changed below them. */
  private readonly recheck: number[] = [];
  /** Each transaction's sender read in its current result (lazy senders), checked against the exact state at commit. */
  private readonly senderReads: ([StateKey, StateValue] | undefined)[];
  /** Transactions whose lazy result failed its sender conditions at commit: they read their sender in full. */
  private readonly exact = new Set<number>();
  private readonly lazySenders: boolean;

  constructor(private readonly host: PolicyHost, private readonly options: BlockStmOptions = {}) {
    const { n, workers } = host;
    this.mv = new MultiVersionMemory(baseStateOf(host.scenario));
    this.sched = new Scheduler(n, true);
    this.last = new Array(n);
    this.senderReads = new Array(n);
    this.changedAt = new Int32Array(n).fill(-1);
    this.validatedAt = new Int32Array(n).fill(-1);
    // Small batches keep dependent transactions close in time; large ones amortise the ~80 µs a message costs.
    this.batchSize = Math.max(1, Math.min(8, Math.ceil(n / (workers * 16))));
    this.maxBatch = Math.max(1, Math.min(MAX_BATCH, Math.ceil(n / (workers * 4))));
    this.chainSize = this.maxBatch;
    this.lazySenders = options.lazySenders !== false && host.lazySenders;
    const senders = this.lazySenders ? chainingSenders(host.scenario, host.senders) : host.senders;
    this.affinity = options.affinity ?? new Affinity(targetsOf(host.scenario), senders, workers);
    for (let i = 0; i < n; i++) host.event(i, 0, { kind: 'queued' });
  }

  next(w: number, inflight = 0): Batch | null {
    const tasks: ExecTask[] = [];
    const followersOnly = inflight > 0 && this.aborts > 0 && this.meanExecUs > HEAVY_US;
    // Beyond the adaptive size, only tasks that follow their predicted predecessor on this worker: they would run
    // behind it here anyway, so batching them adds no speculation and saves a round trip each batch (a sender's
    // chain — a mining pool's payouts — is most of some blocks).
    // Before any execution has come back nothing says how heavy they are: one task a batch on speculation, so that
    // the block's first transactions spread over the workers (three heavy ones ahead of a long chain were all
    // sent to one worker with it, 13,287,210), and a chain joins in full.
    const speculative = this.meanExecUs > 0 ? this.workLimit(this.batchSize, BATCH_US) : 1;
    const chained = this.workLimit(this.chainSize, CHAIN_US);
    const more = (): ExecTask | null => (!followersOnly && tasks.length < speculative ? this.nextTask(w) : tasks.length < chained ? this.nextFollower(w) : null);
    for (let t = followersOnly ? this.nextFollower(w) : this.nextTask(w); t; t = more()) {
      tasks.push(t);
      this.affinity.dispatched(t.tx, w);
    }
    if (tasks.length === 0) return null;
    if (this.exact.size > 0) for (const t of tasks) if (this.exact.has(t.tx)) t.exact = true;
    const batch: Batch = { tasks };
    if (this.options.lazyCredits) batch.lazyCredits = true;
    if (this.lazySenders) batch.lazySenders = true;
    return batch;
  }

  onResults(_w: number, results: TaskResult[]): void {
    for (const r of results) this.onResult(r);
    this.adaptBatchSize();
    for (let v = this.sched.nextValidation(); v; v = this.sched.nextValidation()) this.validate(v.tx, v.incarnation);
    this.revalidate();
  }

  /** Rolling in-order commit: everything below is final, so one last validation makes a transaction final too. */
  head(tx: number): TaskResult | null {
    if (this.sched.status[tx] !== 'executed') return null;
    // Everything below is committed; if nothing it read changed since it last validated, that validation holds.
    const v = this.validatedAt[tx];
    const fresh = v >= this.changedAt[tx] && (v >= this.committedMaxChange || this.readsUnchangedSince(tx, v));
    if (!fresh && !this.validate(tx, this.sched.incarnation[tx])) return null;
    // A lazy sender's nonce and balance, against the exact state below (everything there is committed): whenever
    // they meet the conditions the execution assumed, its result is the one full reads would give. They fail only
    // when the transaction is invalid here; it then runs again reading its sender in full, and that result decides.
    const sr = this.senderReads[tx];
    if (sr !== undefined) {
      const [key, read] = sr;
      const actual = this.mv.read(key, tx);
      if (!senderConditionHolds(actual, read as AccountValue)) {
        this.exact.add(tx);
        this.abort(tx, this.sched.incarnation[tx], key, this.mv.writerBelow(key, tx));
        return null;
      }
    }
    return this.last[tx]!;
  }

  finish(): void {
    this.options.finish?.();
  }

  extras(): Record<string, number> {
    return this.options.extras?.() ?? {};
  }

  committed(r: TaskResult): void {
    this.committedMaxChange = Math.max(this.committedMaxChange, this.changedAt[r.tx]);
    this.forgetReads(r.tx);
    this.last[r.tx] = undefined; // final: its read set is never validated again
    this.mv.foldBelow(r.tx + 1); // nothing reads below the commit point: one version per key there
    // Its followers may run now. A validation releases them too, but a commit need not validate again (`head`'s
    // freshness check): without this they waited for ever (a stall).
    this.retries.push(...this.affinity.release(r.tx));
  }

  /** The next task for worker `w` if it follows a transaction running there: its own affinity queue, else the
   * stream's next transaction when that one would be placed behind a predecessor on `w`. */
  private nextFollower(w: number): ExecTask | null {
    const own = this.affinity.queues[w].shift();
    if (own) return own;
    if (this.retries.length > 0) return null;
    const tx = this.sched.peekExecution();
    if (tx < 0 || !this.affinity.follows(tx, w, this.sched.status, this.host.commitIdx)) return null;
    return this.nextTask(w);
  }

  /** The next task for worker `w`: its own affinity queue first, then the global stream. */
  private nextTask(w: number): ExecTask | null {
    const own = this.affinity.queues[w].shift();
    if (own) return own;
    for (;;) {
      const t = this.retries.shift() ?? this.sched.nextExecution();
      if (!t) return null;
      if (this.affinity.place(t, w, this.sched.status, this.host.commitIdx) === w) return t;
    }
  }

  /** At most `size` tasks, and no more than `us` of work by the recent mean execution: a batch of heavy transactions
   * is a long bet placed blind (the messages it saves cost nothing next to one execution), and a chain behind an
   * execution that aborts is lost with it. */
  private workLimit(size: number, us: number): number {
    if (this.meanExecUs <= 0) return size;
    return Math.min(size, Math.max(1, Math.floor(us / this.meanExecUs)));
  }

  /**
   * Additive-increase, multiplicative-decrease on the batch size: while nothing aborts, bigger batches amortise the
   * messages (an ETH transfer costs less than a round trip); on aborts, smaller ones keep speculation short.
   */
  private adaptBatchSize(): void {
    if (this.aborts > this.abortsAtLastBatch) {
      this.batchSize = Math.max(1, this.batchSize >> 1);
      this.chainSize = Math.max(1, this.chainSize >> 1);
    } else {
      this.batchSize = Math.min(this.maxBatch, this.batchSize + 2);
      this.chainSize = Math.min(this.maxBatch, this.chainSize * 2);
    }
    this.abortsAtLastBatch = this.aborts;
  }

  private onResult(r: TaskResult): void {
    const o = r.outcome;
    // A moving average: the first executions are the slowest (cold code), and a block's mix changes as it goes.
    const us = r.t1 - r.t0;
    this.meanExecUs = this.meanExecUs === 0 ? us : this.meanExecUs + (us - this.meanExecUs) * 0.1;
    if (o.kind === 'blocked') {
      this.aborts++;
      if (!this.isCurrent(r)) return;
      this.affinity.conflicted(r.tx, o.blockingTx);
      if (this.sched.addDependency(r.tx, o.blockingTx)) {
        this.host.event(r.tx, r.incarnation, { kind: 'blocked', blockingTx: o.blockingTx, key: o.key });
        this.recallAbove(r.tx);
      } else this.retries.push(this.sched.retry(r.tx));
      return;
    }
    if (!this.isCurrent(r)) return;
    this.forgetReads(r.tx);
    this.last[r.tx] = r;
    this.senderReads[r.tx] = undefined;
    for (const read of o.reads) {
      const [k, v] = read;
      if (!isConditionRead(v)) this.readersOf.add(k, r.tx);
      else {
        this.shapeReadersOf.add(k, r.tx);
        if (isSenderRead(v)) this.senderReads[r.tx] = read;
      }
    }
    const written = this.mv.writtenKeys(r.tx);
    const wroteNew = this.mv.record({ tx: r.tx, incarnation: r.incarnation, writes: o.kind === 'done' ? o.writes : [], deltas: o.kind === 'done' ? o.deltas : [] });
    this.host.publishResult(r);
    this.changedAt[r.tx] = ++this.seq;
    this.readersAbove(r.tx, written, true);
    if (o.kind === 'done') {
      this.readersAbove(r.tx, o.writes, true);
      this.readersAbove(r.tx, o.deltas, false);
    }
    const { validate, resumed } = this.sched.finishExecution(r.tx, wroteNew);
    for (const d of resumed) this.host.event(d, this.sched.incarnation[d], { kind: 'resumed' });
    if (validate) this.validate(validate.tx, validate.incarnation);
  }

  private isCurrent(r: TaskResult): boolean {
    return this.sched.status[r.tx] === 'executing' && this.sched.incarnation[r.tx] === r.incarnation;
  }

  /** Validates `tx`'s last read set against the authoritative memory; aborts the incarnation on a mismatch. */
  private validate(tx: number, incarnation: number): boolean {
    const r = this.last[tx];
    if (!r || r.outcome.kind === 'blocked') return false;
    for (const [key, value] of r.outcome.reads) {
      let writer = -1;
      let ok: boolean;
      let expected: StateValue | undefined; // what it should have read, for the trace
      try {
        // A shape read (lazy credits) holds while the account's last absolute version keeps its shape; so does a
        // sender read until its commit (`head` checks the rest then: below it, things may still be executing).
        if (isShapeRead(value)) ok = shapeHolds(this.mv.readAbsolute(key, tx), value);
        else if (isSenderRead(value)) ok = senderShapeHolds(this.mv.readAbsolute(key, tx), value);
        else ok = valuesEqual((expected = this.mv.read(key, tx)), value);
        if (!ok) writer = this.mv.writerBelow(key, tx);
      } catch (e) {
        if (!(e instanceof EstimateRead)) throw e;
        ok = false;
        writer = e.blockingTx;
      }
      if (ok) continue;
      this.abort(tx, incarnation, key, writer, isConditionRead(value) ? undefined : { read: value, expected });
      return false;
    }
    this.validatedAt[tx] = this.seq;
    this.host.validated(tx, incarnation);
    this.retries.push(...this.affinity.release(tx));
    return true;
  }

  /** A failed validation of `tx`'s incarnation on `key` (last written by `writer`): its writes become ESTIMATEs and
   * it runs again. */
  private abort(tx: number, incarnation: number, key: StateKey, writer: number, values?: { read: StateValue; expected: StateValue | undefined }): void {
    const r = this.last[tx]!;
    this.affinity.conflicted(tx, writer);
    if (!this.sched.tryValidationAbort(tx, incarnation)) return;
    this.host.validationFailed(tx, incarnation, key, writer, values);
    this.aborts++;
    this.mv.markEstimate(tx, incarnation);
    this.changedAt[tx] = ++this.seq; // before `readersAbove`, which dates the keys' change with it
    if (r.outcome.kind === 'done') {
      this.readersAbove(tx, r.outcome.writes, true);
      this.readersAbove(tx, r.outcome.deltas, false);
    }
    this.host.publish({ kind: 'estimate', tx, incarnation });
    this.sched.finishAbort(tx);
    this.host.event(tx, incarnation + 1, { kind: 'queued' });
    this.recallAbove(tx);
  }

  /** `keys` changed now (at `seq`): queues for revalidation every executed transaction above `tx` that read one of
   * them (their shape too when `absolute`: the keys got new values, not only credits). */
  private readersAbove(tx: number, keys: readonly (StateKey | readonly [StateKey, unknown])[], absolute: boolean): void {
    for (const x of keys) {
      const k = typeof x === 'string' ? x : x[0]; // keys, or a result's writes (no key list made per result)
      this.keyChangedAt.set(k, this.seq);
      this.readersOf.above(k, tx, this.recheck);
      if (absolute) this.shapeReadersOf.above(k, tx, this.recheck);
    }
  }

  /** Revalidates what a change may have made stale (each validation may abort and queue more). */
  private revalidate(): void {
    while (this.recheck.length > 0) {
      const tx = this.recheck.pop()!;
      if (this.sched.status[tx] === 'executed' && tx < this.sched.validationIdx) this.validate(tx, this.sched.incarnation[tx]);
    }
  }

  private readsUnchangedSince(tx: number, seq: number): boolean {
    const r = this.last[tx];
    if (!r || r.outcome.kind === 'blocked') return false;
    for (const [k] of r.outcome.reads) if ((this.keyChangedAt.get(k) ?? -1) > seq) return false;
    return true;
  }

  private forgetReads(tx: number): void {
    const prev = this.last[tx];
    if (!prev || prev.outcome.kind === 'blocked') return;
    for (const [k, v] of prev.outcome.reads) (isConditionRead(v) ? this.shapeReadersOf : this.readersOf).delete(k, tx);
  }

  /** Tasks queued behind an aborted transaction would read its stale writes: put them back to the scheduler. */
  private recallAbove(tx: number): void {
    for (const t of this.affinity.aborted(tx, this.sched.status)) this.sched.requeue(t.tx);
  }
}

/**
 * Per key, the transactions that read it. Most keys of a big block have one reader (100,000 payments: ~200,000
 * keys), so a lone reader is kept as a number and a set is made only for the second.
 */
class Readers {
  private readonly byKey = new Map<StateKey, number | Set<number>>();

  add(key: StateKey, tx: number): void {
    const r = this.byKey.get(key);
    if (r === undefined) this.byKey.set(key, tx);
    else if (typeof r === 'number') {
      if (r !== tx) this.byKey.set(key, new Set([r, tx]));
    } else r.add(tx);
  }

  delete(key: StateKey, tx: number): void {
    const r = this.byKey.get(key);
    if (r === tx) this.byKey.delete(key);
    else if (typeof r === 'object') r.delete(tx);
  }

  /** Appends to `out` the readers of `key` above `tx`. */
  above(key: StateKey, tx: number, out: number[]): void {
    const r = this.byKey.get(key);
    if (r === undefined) return;
    if (typeof r === 'number') {
      if (r > tx) out.push(r);
    } else for (const reader of r) if (reader > tx) out.push(reader);
  }
}
