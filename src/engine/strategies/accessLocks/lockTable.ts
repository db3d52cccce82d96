/**
 * The lock table of `access-locks`: per key, a queue of the transactions that declared it, in block order. A
 * transaction may run once, on every key it declared, everything ahead of it in the queue that it is incompatible
 * with has released its lock: a reader waits for the writers ahead of it, a writer for everyone ahead of it. Readers
 * of one key run together; writers one at a time, in block order. A barrier waits for every earlier transaction.
 *
 * A lock is released when its holder's execution stayed inside its declaration (its writes are then in the
 * multi-version memory); a holder that touched something undeclared keeps its locks until its serial re-run.
 * Because releases follow block order within each queue, waiting for the last conflicting entry ahead is enough:
 * the table is kept as the dependency edges that rule implies.
 *
 * Lock handoff: a transaction whose locks are all held by transactions in one worker's batch may join that batch
 * behind them (`takeBehind`) — the worker runs the batch in order and sees each result at once, so a chain of
 * conflicting transactions costs one message per batch, not one per link.
 */
import type { StateKey } from '../../trace/events.ts';
import type { Declaration } from './declarations.ts';

export interface Wait {
  /** The earlier transaction it waits for first, and on which key (`*` for a barrier). */
  tx: number;
  key: StateKey;
}

export class LockTable {
  private readonly waitingOn: Int32Array;
  private readonly dependents: number[][];
  private readonly deps: number[][];
  private readonly released: Uint8Array;
  /** Lowest transaction not released yet: barriers wait for it to reach them. */
  private lowestHeld = 0;
  /** Barriers in block order, and the next one the lowest unreleased transaction has not reached. */
  private readonly barriers: number[];
  private nextBarrier = 0;
  private readonly isBarrier: Uint8Array;
  /** Already handed out as free: each transaction is freed once. */
  private readonly given: Uint8Array;
  /** What each blocked transaction waits for first, for the trace. */
  readonly firstWait: (Wait | undefined)[];

  constructor(decls: readonly Declaration[]) {
    const n = decls.length;
    this.waitingOn = new Int32Array(n);
    this.dependents = Array.from({ length: n }, () => []);
    this.deps = Array.from({ length: n }, () => []);
    this.released = new Uint8Array(n);
    this.firstWait = new Array(n);
    this.given = new Uint8Array(n);
    this.isBarrier = new Uint8Array(n);
    this.barriers = decls.flatMap((d, i) => (d.barrier && i > 0 ? [i] : []));
    for (const b of this.barriers) this.isBarrier[b] = 1;
    const lastWriter = new Map<StateKey, number>();
    const readersSince = new Map<StateKey, number[]>();
    decls.forEach((d, tx) => {
      const deps = new Map<number, StateKey>();
      for (const [key, mode] of d.keys) {
        const w = lastWriter.get(key);
        if (w !== undefined && !deps.has(w)) deps.set(w, key);
        if (mode === 'read') {
          const list = readersSince.get(key);
          if (list) list.push(tx);
          else readersSince.set(key, [tx]);
          continue;
        }
        for (const r of readersSince.get(key) ?? []) if (!deps.has(r)) deps.set(r, key);
        readersSince.delete(key);
        lastWriter.set(key, tx);
      }
      for (const [from, key] of deps) {
        this.dependents[from].push(tx);
        this.deps[tx].push(from);
        this.waitingOn[tx]++;
        this.firstWait[tx] ??= { tx: from, key };
      }
      if (this.isBarrier[tx]) this.firstWait[tx] ??= { tx: tx - 1, key: '*' };
    });
  }

  /** Transactions that may run from the start. */
  initiallyFree(): number[] {
    const out: number[] = [];
    for (let tx = 0; tx < this.waitingOn.length; tx++) if (this.take(tx)) out.push(tx);
    return out;
  }

  /** Releases `tx`'s locks; returns the transactions that became free to run. */
  release(tx: number): number[] {
    if (this.released[tx]) return [];
    this.released[tx] = 1;
    while (this.lowestHeld < this.released.length && this.released[this.lowestHeld]) this.lowestHeld++;
    const freed: number[] = [];
    for (const d of this.dependents[tx]) if (--this.waitingOn[d] === 0 && this.take(d)) freed.push(d);
    // Barriers the lowest unreleased transaction has now reached.
    while (this.nextBarrier < this.barriers.length && this.barriers[this.nextBarrier] <= this.lowestHeld) {
      const b = this.barriers[this.nextBarrier++];
      if (this.take(b)) freed.push(b);
    }
    return freed;
  }

  /** The transactions that wait for `tx`'s locks. */
  waitingFor(tx: number): readonly number[] {
    return this.dependents[tx];
  }

  /**
   * Hands `tx` out to run behind `batch` on the same worker, in order: every lock it waits for is released or held by a
   * member of the batch, whose writes the worker sees before `tx` runs. (Not a barrier: those wait for everyone.)
   */
  takeBehind(tx: number, batch: ReadonlySet<number>): boolean {
    if (this.given[tx] || this.isBarrier[tx]) return false;
    for (const d of this.deps[tx]) if (!this.released[d] && !batch.has(d)) return false;
    this.given[tx] = 1;
    return true;
  }

  /** Marks `tx` handed out if it is free and was not handed out before. */
  private take(tx: number): boolean {
    if (this.given[tx] || this.waitingOn[tx] !== 0 || (this.isBarrier[tx] && this.lowestHeld < tx)) return false;
    this.given[tx] = 1;
    return true;
  }
}
