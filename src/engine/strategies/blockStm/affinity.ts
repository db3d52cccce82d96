/**
 * Worker affinity for Block-STM on a worker pool.
 *
 * A transaction predicted to depend on an unfinished one — same sender (the nonce), or the same target once calls to
 * that target have conflicted — is queued behind it on the same worker, whose replica holds the writer's result the
 * moment it finishes. A chain of dependent transactions becomes one worker's in-order run instead of a cascade of
 * aborts. When a transaction aborts, the chain placed behind it is recalled and what of it is in flight stops being
 * an anchor (it is probably doomed), so the chain re-forms behind the re-execution.
 */
import type { Scenario } from '../../scenario/types.ts';
import type { ExecTask } from '../../workers/protocol.ts';
import type { TxStatus } from './scheduler.ts';

/** `workerOf` mark of a task held back until its predecessor is dispatched. */
const PENDING = -2;

export class Affinity {
  /** Tasks waiting for a particular worker. */
  queues: ExecTask[][];
  /** Tasks waiting for a predecessor: released when it is dispatched, validated or committed. */
  private readonly followers = new Map<number, ExecTask[]>();
  private readonly workerOf: Int32Array;
  /** In flight above an abort: its result will probably not survive validation. */
  private readonly doomed: Uint8Array;
  /** The predecessor each task was last placed behind (-1: none), and who was placed behind each transaction (stale
   * entries are skipped by `predOf`): an abort follows the chain behind it instead of scanning the block. */
  private readonly predOf: Int32Array;
  private readonly behind = new Map<number, number[]>();
  /** The worker whose queue holds the task (-1: none). */
  private readonly queuedOn: Int32Array;
  private readonly prevSameSender: Int32Array;
  private readonly prevSameTarget: Int32Array;
  private readonly hotTargets = new Set<string>();

  constructor(private readonly targets: readonly (string | null)[], senders: readonly (string | null)[], workers: number) {
    const n = targets.length;
    this.queues = Array.from({ length: workers }, () => []);
    this.workerOf = new Int32Array(n).fill(-1);
    this.doomed = new Uint8Array(n);
    this.predOf = new Int32Array(n).fill(-1);
    this.queuedOn = new Int32Array(n).fill(-1);
    this.prevSameSender = sameValueChain(senders);
    this.prevSameTarget = sameValueChain(targets);
  }

  /** The earlier transaction `tx` is predicted to depend on (-1: none); `predictive` overrides it. */
  protected predecessor(tx: number): number {
    const t = this.targets[tx];
    const byTarget = t !== null && this.hotTargets.has(t) ? this.prevSameTarget[tx] : -1;
    return Math.max(this.prevSameSender[tx], byTarget);
  }

  /** Where `t` should run: `w` itself, the worker it was queued for, or -1 when it waits for its predecessor. */
  place(t: ExecTask, w: number, status: readonly TxStatus[], commitIdx: number): number {
    const p = this.predecessor(t.tx);
    this.predOf[t.tx] = p;
    if (p < commitIdx) return w; // no predecessor, or it is final: its writes reach every replica with the batch
    const list = this.behind.get(p);
    if (list) list.push(t.tx);
    else this.behind.set(p, [t.tx]);
    const pw = this.workerOf[p];
    const anchored = (status[p] === 'executing' || status[p] === 'executed') && pw !== PENDING && !this.doomed[p];
    if (anchored) {
      if (pw < 0 || pw === w) return w;
      this.queues[pw].push(t);
      this.queuedOn[t.tx] = pw;
      this.workerOf[t.tx] = pw; // so that its own successors follow it there
      return pw;
    }
    this.workerOf[t.tx] = PENDING;
    const waiting = this.followers.get(p);
    if (waiting) waiting.push(t);
    else this.followers.set(p, [t]);
    return -1;
  }

  /** True when `tx` would be placed behind its predecessor on worker `w` (which is running or has run it). */
  follows(tx: number, w: number, status: readonly TxStatus[], commitIdx: number): boolean {
    const p = this.predecessor(tx);
    return p >= commitIdx && this.workerOf[p] === w && !this.doomed[p] && (status[p] === 'executing' || status[p] === 'executed');
  }

  dispatched(tx: number, w: number): void {
    this.workerOf[tx] = w;
    this.doomed[tx] = 0;
    this.queuedOn[tx] = -1;
    this.release(tx);
  }

  /** `tx` is safe to follow (validated, or committed): its waiting successors may run now, behind it if possible. */
  release(tx: number): ExecTask[] {
    const f = this.followers.get(tx);
    if (!f) return [];
    this.followers.delete(tx);
    const w = this.workerOf[tx];
    if (w >= 0) {
      for (const t of f) {
        this.workerOf[t.tx] = w;
        this.queuedOn[t.tx] = w;
      }
      this.queues[w].push(...f);
      return [];
    }
    return f; // the caller hands them out anywhere
  }

  /**
   * `tx` aborted. Recalls what was predicted to depend on it — the queued and waiting tasks whose predecessor chain
   * leads to it — and returns them (the caller puts them back to the scheduler); the in-flight ones on that chain stop
   * being anchors (they probably read its stale writes). Tasks queued behind unrelated transactions stay where they
   * are: recalling everything above an abort re-placed the same tasks after every abort, quadratic in a big block
   * (40,000 transfers, 64 workers: 1.2 million recalls for 4,300 aborts). Validation catches a wrong prediction.
   */
  aborted(tx: number, status: readonly TxStatus[]): ExecTask[] {
    const chain = [tx];
    const inChain = new Set(chain);
    const queues = new Set<number>();
    const waits = new Set<number>();
    for (let i = 0; i < chain.length; i++) {
      const p = chain[i];
      for (const t of this.behind.get(p) ?? []) {
        if (t <= tx || inChain.has(t) || this.predOf[t] !== p || status[t] !== 'executing') continue;
        if (this.queuedOn[t] >= 0) queues.add(this.queuedOn[t]);
        else if (this.workerOf[t] === PENDING) waits.add(p);
        else if (this.workerOf[t] >= 0) this.doomed[t] = 1; // in flight
        else continue;
        inChain.add(t);
        chain.push(t);
      }
    }
    const recalled: ExecTask[] = [];
    const recall = (list: ExecTask[]): ExecTask[] => list.filter((t) => !(inChain.has(t.tx) && recalled.push(t)));
    for (const w of queues) this.queues[w] = recall(this.queues[w]);
    for (const p of waits) {
      const kept = recall(this.followers.get(p) ?? []);
      if (kept.length > 0) this.followers.set(p, kept);
      else this.followers.delete(p);
    }
    for (const t of recalled) {
      this.workerOf[t.tx] = -1;
      this.queuedOn[t.tx] = -1;
    }
    return recalled;
  }

  /** `tx` conflicted with `writer`: calls to a shared target conflict, so chain them from now on. */
  conflicted(tx: number, writer: number): void {
    if (writer < 0) return;
    const t = this.targets[tx];
    if (t !== null && t === this.targets[writer]) this.hotTargets.add(t);
  }
}

/** For each index, the previous index with the same value (or -1; a null value has none). */
export function previousSame(values: readonly (string | null)[]): Int32Array {
  const out = new Int32Array(values.length).fill(-1);
  const last = new Map<string, number>();
  values.forEach((v, i) => {
    if (v === null) return;
    const p = last.get(v);
    if (p !== undefined) out[i] = p;
    last.set(v, i);
  });
  return out;
}

/**
 * `previousSame(values)`, computed once per list (never changed after it is handed here): a simulated sweep runs the
 * same block dozens of times with the same senders and targets (100,000 transactions: ~0.1 s per list). `known`: the
 * caller's own cheaper way to the same answer (the simulator's generator numbers its accounts).
 */
export function sameValueChain(values: readonly (string | null)[], known?: () => Int32Array): Int32Array {
  let chain = chains.get(values);
  if (chain === undefined) chains.set(values, (chain = known ? known() : previousSame(values)));
  return chain;
}

const chains = new WeakMap<readonly (string | null)[], Int32Array>();

/**
 * The senders to chain by under lazy senders: a plain payment (no calldata) depends on its sender's earlier
 * transactions only through the nonce and the balance, which lazy senders turn into a delta (`evm/lazyAccount.ts`) —
 * one exchange's 1,400 payouts need not queue on one worker (null: not chained by sender).
 */
export function chainingSenders(scenario: Scenario, senders: readonly string[]): readonly (string | null)[] {
  let s = chainLists.get(senders);
  if (s === undefined) chainLists.set(senders, (s = senders.map((x, i) => (isPlainPayment(scenario.transactions[i]) ? null : x))));
  return s;
}

const chainLists = new WeakMap<readonly string[], readonly (string | null)[]>();

/** No calldata, and a recipient. */
function isPlainPayment(tx: Scenario['transactions'][number]): boolean {
  return tx.input === '0x' && tx.to !== null;
}

/** Each transaction's `to`, one list per scenario (never changed after it is built). */
export function targetsOf(scenario: Scenario): readonly (string | null)[] {
  let t = targetLists.get(scenario);
  if (t === undefined) targetLists.set(scenario, (t = scenario.transactions.map((tx) => tx.to)));
  return t;
}

const targetLists = new WeakMap<Scenario, readonly (string | null)[]>();
