/**
 * The virtual workers' replicas of the multi-version memory, all in one store.
 *
 * A real worker's replica is a `MultiVersionMemory` fed with the updates the replica log sends it, plus the results it
 * recorded itself. What such a memory holds for a transaction X is a function of the records of X it was given: it
 * takes a record whose incarnation is at least the highest it took before, so X's entries are those of the last
 * record with the highest incarnation (its *effective* record), marked ESTIMATE if an estimate of at least that
 * incarnation came after it. A batch is sent to a worker only after everything published so far (for it): so, when the
 * simulator executes a batch on worker w, w's replica is exactly that rule applied to every record published so far that
 * w receives, and to w's own results.
 *
 * So the store keeps each transaction's records once — whoever receives them — and answers a read of worker w by
 * walking down the transactions that ever wrote the key, taking the first whose effective record for w writes it. An
 * update is stored once whatever the worker count, addressed updates (the sharded strategies) included: before, each of
 * 64 workers applied every broadcast to its own memory (85 s for 100,000 transfers under `shards`).
 *
 * Keys are numbered once per workload (`KeyIds`); the simulator's transactions carry their keys' numbers.
 *
 * `skipsOwnCopies`: a published record of a result that worker w recorded itself is not sent back to w (the replica
 * log's rule, which the sharded strategies' per-worker replicas followed); without it w receives it too (what the
 * broadcast replicas did: same values, so it matters only to which copy is the later one).
 */
import type { StateKey, StateValue } from '../engine/evm/keys.ts';
import { ReplicaLog } from '../engine/runtime/replicaLog.ts';
import type { BaseState } from '../engine/state/baseState.ts';
import type { MemoryUpdate } from '../engine/workers/protocol.ts';

/** Numbers for state keys: the same key string gets the same number for the life of the table. */
export class KeyIds {
  private ids?: Map<StateKey, number>;

  /** `keys`: keys numbered already (number i is `keys[i]`); the map from keys to numbers is made when first asked. */
  constructor(readonly keys: StateKey[] = []) {}

  id(key: StateKey): number {
    const ids = (this.ids ??= new Map(this.keys.map((k, i) => [k, i] as const).reverse())); // the first number wins
    let id = ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      ids.set(key, id);
      this.keys.push(key);
    }
    return id;
  }

  idsOf(keys: readonly StateKey[]): Int32Array {
    const out = new Int32Array(keys.length);
    for (let i = 0; i < keys.length; i++) out[i] = this.id(keys[i]);
    return out;
  }
}

/** Who receives a record or an estimate. */
const EVERYONE = -1;

interface Rec {
  incarnation: number;
  /** Order of arrival (log order; a worker's own result comes after everything published before its batch). */
  pos: number;
  keys: ArrayLike<number>;
  /** `writes[j][1]` is the value of `keys[j]`. */
  writes: readonly (readonly [StateKey, StateValue])[];
  /** A worker's own result (only it holds it), or EVERYONE. */
  own: number;
  /** Addressed to these workers only (undefined: every worker). */
  to?: readonly number[];
  /** The worker that does not receive it (its own copy), or -1. */
  skip: number;
}

interface Est {
  incarnation: number;
  pos: number;
  to?: readonly number[];
  skip: number;
}

/** A read that found an ESTIMATE of `blockingTx`'s write (returned, not thrown: reads are the hot path). */
export class Blocked {
  constructor(readonly blockingTx: number) {}
}

export class SimReplicas {
  private pos = 0;
  private readonly recs: (Rec[] | undefined)[];
  private readonly ests: (Est[] | undefined)[];
  /** Per key number: the transactions that ever had a record writing it, ascending. */
  private readonly writers: number[][] = [];
  private found?: Rec;
  private foundAt = 0;

  constructor(
    private readonly base: BaseState,
    private readonly keyIds: KeyIds,
    n: number,
    private readonly skipsOwnCopies: boolean,
    /** Each transaction's write keys, numbered: a record writing exactly those is not numbered again. */
    private readonly writeIds: readonly Int32Array[],
    private readonly writeKeys: readonly (readonly StateKey[])[],
  ) {
    this.recs = new Array(n);
    this.ests = new Array(n);
  }

  /** A replica log whose every publication lands here (in order, with its addressing); it keeps nothing itself. */
  log(workers: number): ReplicaLog {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the class below has a `this` of its own
    const store = this;
    return new (class extends ReplicaLog {
      override publish(update: MemoryUpdate, to?: readonly number[], from?: { worker: number; generation: number }): void {
        store.published(update, to, from);
      }
    })(workers);
  }

  published(u: MemoryUpdate, to?: readonly number[], from?: { worker: number; generation: number }): void {
    // The simulator's workers never die: every copy a worker recorded is of generation 0.
    const skip = this.skipsOwnCopies && from !== undefined && from.generation === 0 ? from.worker : -1;
    if (u.kind === 'estimate') {
      const list = (this.ests[u.tx] ??= []);
      list.push({ incarnation: u.incarnation, pos: this.pos++, to, skip });
      return;
    }
    if (u.deltas.length > 0) throw new Error(`transaction ${u.tx}: the simulator's executions write no deltas`);
    this.add(u.tx, { incarnation: u.incarnation, pos: this.pos++, keys: this.idsOf(u.tx, u.writes), writes: u.writes, own: EVERYONE, to, skip });
  }

  /** Worker `w` recorded its own finished result (a batch that is not isolated). */
  own(w: number, tx: number, incarnation: number, writes: [StateKey, StateValue][]): void {
    this.add(tx, { incarnation, pos: this.pos++, keys: this.idsOf(tx, writes), writes, own: w, skip: -1 });
  }

  /** What worker `w` reads for `tx` at key number `k`. */
  read(w: number, k: number, tx: number): StateValue | Blocked {
    const x = this.find(w, k, tx);
    if (x < 0) return this.base.get(this.keyIds.keys[k]);
    const rec = this.found!;
    if (this.estimated(w, x, rec)) return new Blocked(x);
    return rec.writes[this.foundAt][1];
  }

  /** The highest transaction below `tx` whose write of key number `k` worker `w` sees (-1: the pre-state). */
  writerBelow(w: number, k: number, tx: number): number {
    return this.find(w, k, tx);
  }

  private idsOf(tx: number, writes: readonly (readonly [StateKey, StateValue])[]): ArrayLike<number> {
    const known = this.writeKeys[tx];
    let same = known !== undefined && known.length === writes.length;
    for (let j = 0; same && j < writes.length; j++) same = writes[j][0] === known[j];
    if (same) return this.writeIds[tx];
    return this.keyIds.idsOf(writes.map(([k]) => k));
  }

  private add(tx: number, rec: Rec): void {
    const list = (this.recs[tx] ??= []);
    // A record every worker receives supersedes, for all of them, every earlier one of no higher incarnation (a
    // worker's own copy, once the coordinator publishes the result): let them go (in place: no array per record).
    if (rec.own === EVERYONE && rec.to === undefined && rec.skip < 0 && list.length > 0) {
      let kept = 0;
      for (const r of list) if (r.incarnation > rec.incarnation) list[kept++] = r;
      list.length = kept;
    }
    list.push(rec);
    for (let j = 0; j < rec.keys.length; j++) {
      const k = rec.keys[j];
      const ws = (this.writers[k] ??= []);
      // Mostly appended in block order; else inserted in place (once per transaction and key).
      let i = ws.length;
      while (i > 0 && ws[i - 1] > tx) i--;
      if (i > 0 && ws[i - 1] === tx) continue;
      ws.splice(i, 0, tx);
    }
  }

  private receives(w: number, own: number, to: readonly number[] | undefined, skip: number): boolean {
    if (own !== EVERYONE) return own === w;
    return skip !== w && (to === undefined || to.includes(w));
  }

  /** The record of `tx` worker `w`'s replica holds: the last of the highest incarnation among those it received. */
  private effective(w: number, tx: number): Rec | undefined {
    const list = this.recs[tx];
    if (list === undefined) return undefined;
    let best: Rec | undefined;
    for (const r of list) if ((best === undefined || r.incarnation >= best.incarnation) && this.receives(w, r.own, r.to, r.skip)) best = r;
    return best;
  }

  /** Whether an estimate of at least that record's incarnation reached `w` after it. */
  private estimated(w: number, tx: number, rec: Rec): boolean {
    const list = this.ests[tx];
    if (list === undefined) return false;
    for (const e of list) if (e.pos > rec.pos && e.incarnation >= rec.incarnation && this.receives(w, EVERYONE, e.to, e.skip)) return true;
    return false;
  }

  /** The highest transaction below `tx` whose record in `w`'s replica writes key number `k` (-1: none); that record and
   * the key's place in it are left in `found` and `foundAt` (no tuple per read). */
  private find(w: number, k: number, tx: number): number {
    const ws = this.writers[k];
    if (ws === undefined) return -1;
    // The last writer below tx: binary search, then down.
    let lo = 0;
    let hi = ws.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ws[mid] < tx) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0; i--) {
      const x = ws[i];
      const rec = this.effective(w, x);
      if (rec === undefined) continue;
      for (let j = 0; j < rec.keys.length; j++) {
        if (rec.keys[j] !== k) continue;
        this.found = rec;
        this.foundAt = j;
        return x;
      }
    }
    return -1;
  }
}
