/**
 * The Block-STM coordinator: owns the scheduler, the authoritative multi-version memory and the update log; hands
 * execution batches to workers, validates their results, and commits in order. See `../blockStm.ts` for the design.
 */
import { valuesEqual } from '../../evm/keys.ts';
import { isShapeRead, shapeHolds } from '../../evm/lazyAccount.ts';
import { EstimateRead } from '../../evm/stateView.ts';
import type { Receipt } from '../../result.ts';
import type { Hex } from '../../scenario/types.ts';
import { type BaseState, baseStateOf } from '../../state/baseState.ts';
import { CommittedState } from '../../state/committedState.ts';
import { MultiVersionMemory } from '../../state/multiVersionMemory.ts';
import { WorkerCrashed } from '../../workers/pool.ts';
import type { ExecTask, MemoryUpdate, TaskResult } from '../../workers/protocol.ts';
import { commitTx, countAbortByKey, executionEvents, initWorker } from '../shared.ts';
import { RunError, type RunContext, type StrategyOutput } from '../types.ts';
import { Affinity } from './affinity.ts';
import { Scheduler } from './scheduler.ts';
import type { EventBody } from '../../trace/recorder.ts';

/** Batches in flight per worker: one executing, one waiting, so a worker never idles for a round trip. */
const MAX_INFLIGHT_BATCHES = 2;
/** Largest batch: beyond this, a batch's results arrive too late for the scheduler to react. */
const MAX_BATCH = 64;

interface WorkerState {
  cursor: number;
  inflight: number;
  ready: boolean;
  /** Pool generation this state belongs to: a replacement worker has an empty replica. */
  generation: number;
}

export class BlockStmRun {
  private readonly base: BaseState;
  private readonly mv: MultiVersionMemory;
  private readonly state: CommittedState;
  private readonly sched: Scheduler;
  private readonly log: MemoryUpdate[] = [];
  /** Who produced each log entry (worker, generation), so a worker is not sent its own results back. */
  private readonly logSource: { worker: number; generation: number }[] = [];
  /** Bumped on every change to the memory; what each transaction last changed and last validated against. */
  private seq = 0;
  private readonly changedAt: Int32Array;
  private readonly validatedAt: Int32Array;
  private committedMaxChange = -1;
  private readonly last: (TaskResult | undefined)[];
  private readonly retries: ExecTask[] = [];
  private readonly workers: WorkerState[];
  private readonly receipts: Receipt[] = [];
  private cumulative = 0n;
  private commitIdx = 0;
  private executions = 0;
  private validations = 0;
  private aborts = 0;
  private readonly abortsByKey: Record<string, number> = {};
  /** Tasks per batch, adapted as the run goes (see `adaptBatchSize`). */
  private batchSize: number;
  private abortsAtLastBatch = 0;
  private readonly maxBatch: number;
  private readonly affinity: Affinity;
  private finished = false;
  private readonly restarts: Promise<unknown>[] = [];
  private resolve!: () => void;
  private reject!: (e: Error) => void;

  constructor(
    private readonly ctx: RunContext,
    private readonly senders: Hex[],
    private readonly busy: number[],
    private readonly recoverMs: number,
    /** `block-stm-deltas`: ETH credits are balance deltas on the workers (`evm/lazyAccount.ts`). */
    private readonly options: { lazyCredits?: boolean; affinity?: Affinity } = {},
  ) {
    const n = ctx.scenario.transactions.length;
    this.base = baseStateOf(ctx.scenario);
    this.mv = new MultiVersionMemory(this.base);
    this.state = new CommittedState(this.base);
    this.sched = new Scheduler(n);
    this.last = new Array(n);
    this.changedAt = new Int32Array(n).fill(-1);
    this.validatedAt = new Int32Array(n).fill(-1);
    this.workers = Array.from({ length: ctx.workers }, (_, w) => ({ cursor: 0, inflight: 0, ready: true, generation: ctx.pool.generation(w) }));
    // Small batches keep dependent transactions close in time; large ones amortise the ~80 µs a message costs.
    this.batchSize = Math.max(1, Math.min(8, Math.ceil(n / (ctx.workers * 16))));
    this.maxBatch = Math.max(1, Math.min(MAX_BATCH, Math.ceil(n / (ctx.workers * 4))));
    // `predictive` brings its own routing policy (a subclass); block-stm predicts from senders and hot targets.
    this.affinity = options.affinity ?? new Affinity(ctx.scenario.transactions.map((t) => t.to), senders, ctx.workers);
  }

  async execute(n: number): Promise<StrategyOutput> {
    const { recorder } = this.ctx;
    recorder.coordinator(-1, 0, { kind: 'phase-start', phase: 'execute' });
    for (let i = 0; i < n; i++) recorder.coordinator(i, 0, { kind: 'queued' });
    const done = new Promise<void>((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
    this.pump();
    await done;
    // A replacement worker still starting up finishes first, so the pool is left whole and the trace says so.
    await Promise.allSettled(this.restarts);
    recorder.coordinator(-1, 0, { kind: 'phase-end', phase: 'execute' });
    recorder.flush();
    return {
      receipts: this.receipts,
      senders: this.senders,
      state: this.state,
      stats: {
        recoverMs: this.recoverMs,
        executions: this.executions,
        reexecutions: Math.max(0, this.executions - n),
        validations: this.validations,
        aborts: this.aborts,
        abortsByKey: this.abortsByKey,
        workerBusyMs: this.busy,
      },
    };
  }

  private event(tx: number, incarnation: number, body: EventBody): void {
    this.ctx.recorder.coordinator(tx, incarnation, body);
  }

  private fail(e: Error): void {
    if (this.finished) return;
    this.finished = true;
    this.reject(e instanceof WorkerCrashed ? new RunError(`cannot run: ${e.reason}`) : e);
  }

  private pump(): void {
    if (this.finished) return;
    try {
      for (let v = this.sched.nextValidation(); v; v = this.sched.nextValidation()) this.validate(v.tx, v.incarnation);
      this.commitReady();
      if (this.commitIdx === this.sched.txCount) {
        this.finished = true;
        this.resolve();
        return;
      }
      this.dispatch();
      this.ctx.recorder.flush();
    } catch (e) {
      this.fail(e as Error);
    }
  }

  /** The next task for worker `w`: its own affinity queue first, then the global stream. */
  private nextTask(w: number): ExecTask | null {
    const own = this.affinity.queues[w].shift();
    if (own) return own;
    for (;;) {
      const t = this.retries.shift() ?? this.sched.nextExecution();
      if (!t) return null;
      const placed = this.affinity.place(t, w, this.sched.status, this.commitIdx);
      if (placed === w) return t;
    }
  }

  private dispatch(): void {
    let sent = false;
    for (let w = 0; w < this.workers.length; w++) {
      const ws = this.workers[w];
      while (ws.ready && ws.inflight < MAX_INFLIGHT_BATCHES) {
        const tasks: ExecTask[] = [];
        for (let t = this.nextTask(w); t; t = tasks.length < this.batchSize ? this.nextTask(w) : null) {
          tasks.push(t);
          this.affinity.dispatched(t.tx, w);
        }
        if (tasks.length === 0) break;
        this.send(w, tasks);
        sent = true;
      }
    }
    const idle = this.workers.every((ws) => ws.inflight === 0);
    if (!sent && idle && this.workers.every((ws) => ws.ready)) {
      throw new Error(`block-stm stalled at transaction ${this.commitIdx} (status ${this.sched.status[this.commitIdx]})`);
    }
  }

  private send(w: number, tasks: ExecTask[]): void {
    const ws = this.workers[w];
    const updates: MemoryUpdate[] = [];
    for (let i = ws.cursor; i < this.log.length; i++) {
      const src = this.logSource[i];
      if (src.worker !== w || src.generation !== ws.generation) updates.push(this.log[i]);
    }
    ws.cursor = this.log.length;
    ws.inflight++;
    this.ctx.pool
      .call(w, (api) => api.execBatch(this.options.lazyCredits ? { updates, tasks, lazyCredits: true } : { updates, tasks }))
      .then(
        (results) => {
          ws.inflight--;
          if (this.finished) return;
          for (const r of results) this.onResult(r);
          this.adaptBatchSize();
          this.pump();
        },
        (e) => {
          ws.inflight--;
          if (this.finished) return;
          if (e instanceof WorkerCrashed && !e.fatal) return this.onCrash(w, e, tasks);
          this.fail(e);
        },
      );
  }

  /**
   * Additive-increase, multiplicative-decrease on the batch size: while nothing aborts, bigger batches amortise the
   * messages (an ETH transfer costs less than a round trip); on aborts, smaller ones keep speculation short.
   */
  private adaptBatchSize(): void {
    if (this.aborts > this.abortsAtLastBatch) this.batchSize = Math.max(1, this.batchSize >> 1);
    else this.batchSize = Math.min(this.maxBatch, this.batchSize + 2);
    this.abortsAtLastBatch = this.aborts;
  }

  /** The worker died with tasks in flight: they never ran. Re-initialise the slot and hand the tasks out again. */
  private onCrash(w: number, e: WorkerCrashed, tasks: ExecTask[]): void {
    const ws = this.workers[w];
    for (const t of tasks) if (this.sched.incarnation[t.tx] === t.incarnation) this.sched.requeue(t.tx);
    if (!ws.ready) return this.pump();
    ws.ready = false;
    this.event(-1, 0, { kind: 'worker-crash', message: e.reason });
    const { pool } = this.ctx;
    const restart = initWorker(this.ctx, w)
      .then(() => pool.call(w, (api) => api.setSenders(this.senders)))
      .then(
        () => {
          ws.cursor = 0; // the new worker's replica starts empty: replay the whole log
          ws.generation = pool.generation(w);
          ws.ready = true;
          this.ctx.recorder.push({ t: this.ctx.recorder.now(), worker: w, tx: -1, incarnation: 0, kind: 'worker-replaced' });
          this.pump();
        },
        (err) => (err instanceof WorkerCrashed && !err.fatal ? this.onCrash(w, err, []) : this.fail(err)),
      );
    this.restarts.push(restart);
    this.pump();
  }

  private onResult(r: TaskResult): void {
    const { recorder } = this.ctx;
    this.executions++;
    this.busy[r.worker] += (r.t1 - r.t0) / 1000;
    for (const e of executionEvents(r)) recorder.push(e);
    const o = r.outcome;
    if (o.kind === 'blocked') {
      recorder.push({ t: r.t1, worker: r.worker, tx: r.tx, incarnation: r.incarnation, kind: 'exec-abort', key: o.key, blockingTx: o.blockingTx });
      if (!this.isCurrent(r)) return;
      this.countAbort(o.key);
      this.affinity.conflicted(r.tx, o.blockingTx);
      if (this.sched.addDependency(r.tx, o.blockingTx)) {
        this.event(r.tx, r.incarnation, { kind: 'blocked', blockingTx: o.blockingTx, key: o.key });
        this.recallAbove(r.tx);
      } else this.retries.push(this.sched.retry(r.tx));
      return;
    }
    const writes = o.kind === 'done' ? o.writes : [];
    const deltas = o.kind === 'done' ? o.deltas : [];
    if (!this.isCurrent(r)) return;
    this.last[r.tx] = r;
    const wroteNew = this.mv.record({ tx: r.tx, incarnation: r.incarnation, writes, deltas });
    this.log.push({ kind: 'writes', tx: r.tx, incarnation: r.incarnation, writes, deltas, codes: o.kind === 'done' ? o.codes : [] });
    this.logSource.push({ worker: r.worker, generation: this.workers[r.worker].generation });
    this.changedAt[r.tx] = ++this.seq;
    const { validate, resumed } = this.sched.finishExecution(r.tx, wroteNew);
    for (const d of resumed) this.event(d, this.sched.incarnation[d], { kind: 'resumed' });
    if (validate) this.validate(validate.tx, validate.incarnation);
  }

  private isCurrent(r: TaskResult): boolean {
    return this.sched.status[r.tx] === 'executing' && this.sched.incarnation[r.tx] === r.incarnation;
  }

  private countAbort(key: string): void {
    this.aborts++;
    countAbortByKey(this.abortsByKey, key);
  }

  /** Validates `tx`'s last read set against the authoritative memory; aborts the incarnation on a mismatch. */
  private validate(tx: number, incarnation: number): boolean {
    const r = this.last[tx];
    if (!r || r.outcome.kind === 'blocked') return false;
    this.validations++;
    for (const [key, value] of r.outcome.reads) {
      let writer = -1;
      let ok: boolean;
      try {
        // A shape read (lazy credits) holds while the account's last absolute version keeps its shape.
        ok = isShapeRead(value) ? shapeHolds(this.mv.readAbsolute(key, tx), value) : valuesEqual(this.mv.read(key, tx), value);
        if (!ok) writer = this.mv.writerBelow(key, tx);
      } catch (e) {
        if (!(e instanceof EstimateRead)) throw e;
        ok = false;
        writer = e.blockingTx;
      }
      if (ok) continue;
      this.event(tx, incarnation, { kind: 'validate-fail', key, writerTx: writer });
      this.affinity.conflicted(tx, writer);
      if (this.sched.tryValidationAbort(tx, incarnation)) {
        this.countAbort(key);
        this.mv.markEstimate(tx, incarnation);
        this.log.push({ kind: 'estimate', tx, incarnation });
        this.logSource.push({ worker: -1, generation: 0 });
        this.changedAt[tx] = ++this.seq;
        this.sched.finishAbort(tx);
        this.event(tx, incarnation + 1, { kind: 'queued' });
        this.recallAbove(tx);
      }
      return false;
    }
    this.validatedAt[tx] = this.seq;
    this.event(tx, incarnation, { kind: 'validate-ok' });
    this.retries.push(...this.affinity.release(tx));
    return true;
  }

  /** Tasks queued behind an aborted transaction would read its stale writes: put them back to the scheduler. */
  private recallAbove(tx: number): void {
    for (const t of this.affinity.aborted(tx, this.sched.status)) this.sched.requeue(t.tx);
  }

  /** Rolling in-order commit: everything below is final, so one last validation makes a transaction final too. */
  private commitReady(): void {
    const n = this.sched.txCount;
    while (this.commitIdx < n && this.sched.status[this.commitIdx] === 'executed') {
      const tx = this.commitIdx;
      // Everything below is committed; if none of it changed since this transaction last validated, that holds.
      const fresh = this.validatedAt[tx] >= this.changedAt[tx] && this.validatedAt[tx] >= this.committedMaxChange;
      if (!fresh && !this.validate(tx, this.sched.incarnation[tx])) return;
      const r = this.last[tx]!;
      if (r.outcome.kind === 'invalid') throw new RunError(`transactions[${tx}] is not valid: ${r.outcome.message}`);
      this.cumulative = commitTx(this.state, this.receipts, r, this.cumulative);
      this.event(tx, r.incarnation, { kind: 'commit', gas: r.outcome.kind === 'done' ? Number(r.outcome.gasUsed) : 0 });
      this.committedMaxChange = Math.max(this.committedMaxChange, this.changedAt[tx]);
      this.last[tx] = undefined; // final: its read set is never validated again
      this.commitIdx++;
    }
  }
}
