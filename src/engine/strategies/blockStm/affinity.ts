/**
 * Worker affinity for Block-STM on a worker pool.
 *
 * A transaction predicted to depend on an unfinished one — same sender (the nonce), or the same target once calls to
 * that target have conflicted — is queued behind it on the same worker, whose replica holds the writer's result the
 * moment it finishes. A chain of dependent transactions becomes one worker's in-order run instead of a cascade of
 * aborts. When a transaction aborts, everything queued above it is recalled and everything in flight above it stops
 * being an anchor (it is probably doomed), so the chain re-forms behind the re-execution.
 */
import type { ExecTask } from '../../workers/protocol.ts';
import type { TxStatus } from './scheduler.ts';

/** `workerOf` mark of a task held back until its predecessor is dispatched. */
const PENDING = -2;

export class Affinity {
  /** Tasks waiting for a particular worker. */
  readonly queues: ExecTask[][];
  /** Tasks waiting for a predecessor: released when it is dispatched, validated or committed. */
  private readonly followers = new Map<number, ExecTask[]>();
  private readonly workerOf: Int32Array;
  /** In flight above an abort: its result will probably not survive validation. */
  private readonly doomed: Uint8Array;
  private readonly prevSameSender: Int32Array;
  private readonly prevSameTarget: Int32Array;
  private readonly hotTargets = new Set<string>();

  constructor(private readonly targets: (string | null)[], senders: string[], workers: number) {
    const n = targets.length;
    this.queues = Array.from({ length: workers }, () => []);
    this.workerOf = new Int32Array(n).fill(-1);
    this.doomed = new Uint8Array(n);
    this.prevSameSender = previousSame(senders);
    this.prevSameTarget = previousSame(targets);
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
    if (p < commitIdx) return w; // no predecessor, or it is final: its writes reach every replica with the batch
    const pw = this.workerOf[p];
    const anchored = (status[p] === 'executing' || status[p] === 'executed') && pw !== PENDING && !this.doomed[p];
    if (anchored) {
      if (pw < 0 || pw === w) return w;
      this.queues[pw].push(t);
      this.workerOf[t.tx] = pw; // so that its own successors follow it there
      return pw;
    }
    this.workerOf[t.tx] = PENDING;
    const list = this.followers.get(p);
    if (list) list.push(t);
    else this.followers.set(p, [t]);
    return -1;
  }

  dispatched(tx: number, w: number): void {
    this.workerOf[tx] = w;
    this.doomed[tx] = 0;
    this.release(tx);
  }

  /** `tx` is safe to follow (validated, or committed): its waiting successors may run now, behind it if possible. */
  release(tx: number): ExecTask[] {
    const f = this.followers.get(tx);
    if (!f) return [];
    this.followers.delete(tx);
    const w = this.workerOf[tx];
    if (w >= 0) {
      for (const t of f) this.workerOf[t.tx] = w;
      this.queues[w].push(...f);
      return [];
    }
    return f; // the caller hands them out anywhere
  }

  /**
   * `tx` aborted. Returns the queued tasks above it, recalled (the caller puts them back to the scheduler), and
   * stops treating in-flight transactions above it as anchors.
   */
  aborted(tx: number, status: readonly TxStatus[]): ExecTask[] {
    const recalled: ExecTask[] = [];
    for (const q of this.queues) {
      for (let i = q.length - 1; i >= 0; i--) {
        if (q[i].tx > tx) recalled.push(...q.splice(i, 1));
      }
    }
    for (const [p, list] of this.followers) {
      if (p < tx) continue;
      this.followers.delete(p);
      recalled.push(...list);
    }
    for (const t of recalled) this.workerOf[t.tx] = -1;
    for (let t = tx + 1; t < status.length; t++) if (status[t] === 'executing' && this.workerOf[t] >= 0) this.doomed[t] = 1;
    return recalled;
  }

  /** `tx` conflicted with `writer`: calls to a shared target conflict, so chain them from now on. */
  conflicted(tx: number, writer: number): void {
    if (writer < 0) return;
    const t = this.targets[tx];
    if (t !== null && t === this.targets[writer]) this.hotTargets.add(t);
  }
}

/** For each index, the previous index with the same value (or -1). */
function previousSame(values: (string | null)[]): Int32Array {
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
