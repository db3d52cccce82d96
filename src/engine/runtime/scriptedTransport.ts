/**
 * A scripted transport for unit tests of scheduling: no threads, no EVM. Each worker holds a replica of the
 * multi-version memory fed by the replica log, exactly as a real worker does, and runs *toy* transactions — each
 * reads some keys and writes some keys, every written value a function of what it read — so a stale read shows as
 * a different committed state. Calls complete in an order the test chooses (`choose`), which makes every
 * interleaving reproducible: "worker 1's batch comes back before worker 0's".
 */
import type { StateKey } from '../evm/keys.ts';
import { EstimateRead } from '../evm/stateView.ts';
import type { Hex } from '../scenario/types.ts';
import type { BaseState } from '../state/baseState.ts';
import { MultiVersionMemory } from '../state/multiVersionMemory.ts';
import type { RecoverResult, TaskOutcome, TaskResult } from '../workers/protocol.ts';
import { RunCancelled } from './errors.ts';
import type { Batch } from './policy.ts';
import type { ReplicaLog } from './replicaLog.ts';
import type { Transport } from './transport.ts';

/** A toy transaction: reads `reads`, writes `writes`; if `branch.on` reads non-zero, it also touches `branch.also`. */
export interface ToyTx {
  reads: StateKey[];
  writes: StateKey[];
  branch?: { on: StateKey; also: StateKey[] };
  /** How long an execution takes on the scripted clock (µs; default 1): what the policy sees in `t1 - t0`. */
  us?: number;
}

/** A call waiting to complete. */
export interface PendingCall {
  worker: number;
  batch: Batch;
  /** Calls made before this one (a global sequence number). */
  seq: number;
  /** Calls of the same worker still pending when this one was made (queued behind them). */
  behind: number;
}

export interface ScriptedOptions {
  workers: number;
  log: ReplicaLog;
  base: BaseState;
  txs: readonly ToyTx[];
  /** Which pending call completes next (index into `pending`); default: the oldest. Calls of one worker always
   * complete in the order they were made (a worker runs its batches one after another). */
  choose?: (pending: readonly PendingCall[]) => number;
}

export class ScriptedTransport implements Transport {
  readonly workers: number;
  /** Every batch sent, in order: what the policy decided. */
  readonly sent: PendingCall[] = [];
  private readonly replicas: MultiVersionMemory[];
  private readonly pending: (PendingCall & { resolve: (r: TaskResult[]) => void; reject: (e: Error) => void })[] = [];
  private closed = false;
  private scheduled = false;
  private clock = 0;

  constructor(private readonly o: ScriptedOptions) {
    this.workers = o.workers;
    this.replicas = Array.from({ length: o.workers }, () => new MultiVersionMemory(o.base, { writers: false }));
  }

  async start(): Promise<void> {}

  async recover(w: number): Promise<RecoverResult> {
    return { worker: w, t0: 0, t1: 0, senders: [] };
  }

  async setSenders(_senders: Hex[]): Promise<void> {}

  generation(): number {
    return 0;
  }

  execute(worker: number, batch: Batch): Promise<TaskResult[]> {
    if (this.closed) return Promise.reject(new RunCancelled('the run is over'));
    return new Promise((resolve, reject) => {
      const call = { worker, batch, seq: this.sent.length, behind: this.pending.filter((p) => p.worker === worker).length };
      this.sent.push(call);
      this.pending.push({ ...call, resolve, reject });
      this.schedule();
    });
  }

  close(): void {
    this.closed = true;
  }

  /** Completes one call per macrotask, so the runtime reacts to each before the next is chosen. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      if (this.closed || this.pending.length === 0) return;
      // Only the oldest call of each worker may complete.
      const heads = this.pending.filter((p, i) => this.pending.findIndex((q) => q.worker === p.worker) === i);
      const pick = heads[Math.min(heads.length - 1, Math.max(0, this.o.choose?.(heads) ?? 0))];
      this.pending.splice(this.pending.indexOf(pick), 1);
      try {
        pick.resolve(this.run(pick.worker, pick.batch));
      } catch (e) {
        pick.reject(e as Error);
      }
      if (this.pending.length > 0) this.schedule();
    }, 0);
  }

  private run(w: number, batch: Batch): TaskResult[] {
    const replica = this.replicas[w];
    const feed = this.o.log.feed(w, 0, batch.tasks);
    for (const u of feed.updates) {
      if (u.kind === 'writes') replica.record(u);
      else replica.markEstimate(u.tx, u.incarnation);
    }
    if (feed.foldBelow !== undefined) replica.foldBelow(feed.foldBelow);
    return batch.tasks.map(({ tx, incarnation }) => {
      const t0 = ++this.clock;
      const outcome = toyExecute(this.o.txs[tx], replica, tx);
      if (outcome.kind === 'done' && !batch.isolated) replica.record({ tx, incarnation, writes: outcome.writes, deltas: [] });
      this.clock += this.o.txs[tx].us ?? 1;
      return { tx, incarnation, worker: w, t0, t1: this.clock, outcome };
    });
  }
}

/** Runs a toy transaction against a reader: each written value is 1000·(tx+1) + the sum of the values read. */
export function toyExecute(t: ToyTx, memory: { read(key: StateKey, tx: number): unknown }, tx: number): TaskOutcome {
  const reads: [StateKey, bigint][] = [];
  const read = (k: StateKey): bigint => {
    const v = memory.read(k, tx) as bigint;
    reads.push([k, v]);
    return v;
  };
  try {
    let sum = 0n;
    for (const k of t.reads) sum += read(k);
    const writes = [...t.writes];
    if (t.branch && read(t.branch.on) !== 0n) {
      for (const k of t.branch.also) sum += read(k);
      writes.push(...t.branch.also);
    }
    const value = 1000n * BigInt(tx + 1) + sum;
    return { kind: 'done', reads, writes: writes.map((k) => [k, value]), deltas: [], codes: [], status: 1, gasUsed: 21_000n, logs: [] };
  } catch (e) {
    if (e instanceof EstimateRead) return { kind: 'blocked', key: e.key, blockingTx: e.blockingTx };
    throw e;
  }
}

/** The sequential result of toy transactions: each key's final value. */
export function toySequential(txs: readonly ToyTx[], base: BaseState): Map<StateKey, bigint> {
  const state = new Map<StateKey, bigint>();
  const reader = { read: (k: StateKey) => (state.has(k) ? state.get(k)! : (base.get(k) as bigint)) };
  txs.forEach((t, tx) => {
    const o = toyExecute(t, reader, tx);
    if (o.kind === 'done') for (const [k, v] of o.writes) state.set(k, v as bigint);
  });
  return state;
}
