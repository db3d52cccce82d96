/**
 * `MultiVersionMemory` (Block-STM §3): for every key, the values written by each transaction's latest incarnation,
 * ordered by transaction index. Transaction i reads the write of the highest transaction below i, or the base state.
 *
 * An entry is a value, an ESTIMATE (its writer is being re-executed: reading it means waiting for that writer), or a
 * commutative balance delta (fee credits to the coinbase), which reads fold into the nearest value below them.
 * The coordinator holds the authoritative copy; each worker holds a replica fed with the same updates, possibly
 * late — a stale replica read is caught when the coordinator validates the read set.
 *
 * Below the commit point nobody reads any more, and the history there is dead weight (100,000 payments: ~100 MB per
 * copy). `foldBelow(c)` folds every entry of a transaction below `c` into one version per key — the last absolute
 * value and the credits since, which is what any transaction from `c` on reads there — and forgets those
 * transactions. Reads by transactions at or above `c` are unchanged; a record of a folded transaction is ignored
 * (stale: nothing is published about a transaction once it committed, `runtime/replicaLog.ts` checks it).
 */
import { type AccountValue, EMPTY_CODE_HASH, type StateKey, type StateValue, unpackDelta } from '../evm/keys.ts';
import { EstimateRead, type StateReader } from '../evm/stateView.ts';
import type { BaseState } from './baseState.ts';

interface Entry {
  tx: number;
  incarnation: number;
  /** 0 value, 1 delta, 2 estimate */
  kind: 0 | 1 | 2;
  value: StateValue;
  delta: bigint;
}

/** One finished incarnation's effects, as shipped between threads. */
export interface TxWrites {
  tx: number;
  incarnation: number;
  writes: [StateKey, StateValue][];
  deltas: [StateKey, bigint][];
}

export interface MemoryOptions {
  /** Remember who last wrote each folded key, for `writerBelow` (default true): the coordinator names the writer of a
   * stale read in the trace; a worker's replica is never asked, and saves the map. */
  writers?: boolean;
}

/**
 * Everything the memory holds about one key, behind one map look-up (a 100,000-transaction block touches ~200,000
 * keys, and a look-up in maps that size was most of the cost of reading, recording and folding).
 */
interface Slot {
  /** Entries not folded yet, ordered by transaction (`NO_ENTRIES` when there are none). */
  list: Entry[];
  /** The last absolute value folded below the fold point (undefined: none, the pre-state's value holds). */
  folded: StateValue | undefined;
  /** The transaction that wrote what was folded last (-1: none). */
  writer: number;
  /** Entries in `list` that are absolute (values, and ESTIMATEs of values): without any, `readAbsolute` need not walk
   * the list — a key only ever credited or debited (a payer's account under lazy senders) has hundreds of entries. */
  absolutes: number;
}

/** The list of a slot without entries: shared, never changed (`put` replaces it). */
const NO_ENTRIES: Entry[] = [];

export class MultiVersionMemory {
  private readonly slots = new Map<StateKey, Slot>();
  /** Keys each transaction's latest incarnation wrote. */
  private readonly lastKeys = new Map<number, StateKey[]>();
  /** Incarnation each transaction's entries come from; replicas may receive updates late and out of date. */
  private readonly lastIncarnation = new Map<number, number>();
  /** Transactions below this one are folded: one version per key in its slot's `folded` (absolute value) and in
   * `foldedDelta` (credits since). */
  private foldPoint = 0;
  private readonly foldedDelta = new Map<StateKey, bigint>();
  private readonly writers: boolean;

  constructor(readonly base: BaseState, options: MemoryOptions = {}) {
    this.writers = options.writers !== false;
  }

  /** Transactions below this one have been folded (0: none). */
  get foldedBelow(): number {
    return this.foldPoint;
  }

  /** Records an incarnation's writes. Returns true when it wrote a key its previous incarnation did not. */
  record({ tx, incarnation, writes, deltas }: TxWrites): boolean {
    if (tx < this.foldPoint || (this.lastIncarnation.get(tx) ?? -1) > incarnation) return false;
    this.lastIncarnation.set(tx, incarnation);
    const prev = this.lastKeys.get(tx);
    const keys: StateKey[] = [];
    for (const [key, value] of writes) {
      this.put(key, { tx, incarnation, kind: 0, value: sharingCodeHash(value), delta: 0n });
      keys.push(key);
    }
    for (const [key, delta] of deltas) {
      this.put(key, { tx, incarnation, kind: 1, value: null, delta });
      keys.push(key);
    }
    let wroteNew = false;
    if (prev) {
      // Write sets are small: arrays beat sets here (this runs for every result on every replica).
      for (const k of prev) if (!keys.includes(k)) this.remove(k, tx);
      wroteNew = keys.some((k) => !prev.includes(k));
    } else {
      wroteNew = keys.length > 0;
    }
    this.lastKeys.set(tx, keys);
    return wroteNew;
  }

  /** Marks every write of `tx` as ESTIMATE: readers must wait for its next incarnation. */
  markEstimate(tx: number, incarnation: number): void {
    if (tx < this.foldPoint || (this.lastIncarnation.get(tx) ?? -1) > incarnation) return;
    for (const key of this.lastKeys.get(tx) ?? []) {
      const slot = this.slots.get(key)!;
      const list = slot.list;
      const i = this.find(list, tx);
      if (i >= 0 && list[i].tx === tx) {
        const was = isAbsolute(list[i]);
        list[i].kind = 2;
        if (!was && isAbsolute(list[i])) slot.absolutes++; // a delta of 0 (never sent, but possible) reads as a value
      }
    }
  }

  writtenKeys(tx: number): StateKey[] {
    return this.lastKeys.get(tx) ?? [];
  }

  /** The value `key` has for transaction `tx`. Throws `EstimateRead` on an ESTIMATE entry. */
  read(key: StateKey, tx: number): StateValue {
    if (tx < this.foldPoint) throw belowFold(tx, this.foldPoint);
    const slot = this.slots.get(key);
    let delta = 0n;
    if (slot !== undefined) {
      const list = slot.list;
      for (let i = this.find(list, tx - 1); i >= 0; i--) {
        const e = list[i];
        if (e.kind === 2) throw new EstimateRead(key, e.tx);
        if (e.kind === 1) {
          delta += e.delta;
          continue;
        }
        return delta === 0n ? e.value : credit(e.value as AccountValue | null, delta);
      }
    }
    // (Most memories never fold a credit: no look-up then. The same below.)
    if (this.foldedDelta.size > 0) delta += this.foldedDelta.get(key) ?? 0n;
    const below = this.absoluteBelow(key, slot);
    return delta === 0n ? below : credit(below as AccountValue | null, delta);
  }

  /**
   * The last absolute value of `key` for `tx`: balance deltas — and ESTIMATEs that were deltas — are skipped. A lazy
   * account's shape (existence, nonce, code) is read here, so it never waits on or conflicts with earlier credits.
   */
  readAbsolute(key: StateKey, tx: number): StateValue {
    if (tx < this.foldPoint) throw belowFold(tx, this.foldPoint);
    const slot = this.slots.get(key);
    if (slot !== undefined) {
      const list = slot.list;
      for (let i = slot.absolutes === 0 ? -1 : this.find(list, tx - 1); i >= 0; i--) {
        const e = list[i];
        if (e.kind === 1 || (e.kind === 2 && e.delta !== 0n)) continue;
        if (e.kind === 2) throw new EstimateRead(key, e.tx);
        return e.value;
      }
    }
    return this.absoluteBelow(key, slot);
  }

  /** The highest transaction below `tx` that wrote `key`, or -1 for the pre-state. */
  writerBelow(key: StateKey, tx: number): number {
    const slot = this.slots.get(key);
    if (slot === undefined) return -1;
    const i = this.find(slot.list, tx - 1);
    return i >= 0 ? slot.list[i].tx : this.writers ? slot.writer : -1;
  }

  /**
   * Folds every entry of the transactions below `c` into one version per key (see the top of this file). Call it only
   * once nothing more will be recorded for them and no transaction below `c` will read; reads from `c` on see what
   * they saw before. An ESTIMATE below `c` (never there once its writer committed) stops the fold of its key.
   */
  foldBelow(c: number): void {
    for (let tx = this.foldPoint; tx < c; tx++) {
      for (const key of this.lastKeys.get(tx) ?? []) this.foldKey(key, c);
      this.lastKeys.delete(tx);
      this.lastIncarnation.delete(tx);
    }
    this.foldPoint = Math.max(this.foldPoint, c);
  }

  /**
   * Starts an empty memory from a committed state: transactions below `below` are final, and `values` / `deltas`
   * (each key's last absolute value and the credits since, `CommittedState.snapshot`) are what they wrote.
   */
  seed(below: number, values: readonly [StateKey, StateValue][], deltas: readonly [StateKey, bigint][]): void {
    if (this.slots.size > 0 || this.foldPoint > 0) throw new Error('MultiVersionMemory.seed: the memory is not empty');
    for (const [key, value] of values) this.slots.set(key, { list: NO_ENTRIES, folded: sharingCodeHash(value), writer: -1, absolutes: 0 });
    for (const [key, delta] of deltas) this.foldedDelta.set(key, delta);
    this.foldPoint = below;
  }

  private foldKey(key: StateKey, c: number): void {
    const slot = this.slots.get(key);
    if (slot === undefined) return;
    const list = slot.list;
    let j = 0;
    while (j < list.length && list[j].tx < c && list[j].kind !== 2) j++;
    if (j === 0) return;
    let delta = this.foldedDelta.size > 0 ? (this.foldedDelta.get(key) ?? 0n) : 0n;
    for (let i = 0; i < j; i++) {
      const e = list[i];
      if (e.kind === 1) delta += e.delta;
      else {
        slot.folded = e.value;
        delta = 0n;
      }
    }
    if (delta !== 0n) this.foldedDelta.set(key, delta);
    else if (this.foldedDelta.size > 0) this.foldedDelta.delete(key);
    slot.writer = list[j - 1].tx;
    if (j === list.length) {
      slot.list = NO_ENTRIES;
      slot.absolutes = 0;
    } else {
      for (let i = 0; i < j; i++) if (isAbsolute(list[i])) slot.absolutes--;
      list.splice(0, j);
    }
  }

  /** The last absolute value of `key` below every entry still held: folded, else the pre-state. */
  private absoluteBelow(key: StateKey, slot: Slot | undefined): StateValue {
    const v = slot?.folded;
    return v !== undefined ? v : this.base.get(key);
  }

  /** A reader for one transaction's execution. */
  readerFor(tx: number): StateReader {
    return { read: (key) => this.read(key, tx), readAbsolute: (key) => this.readAbsolute(key, tx) };
  }

  private put(key: StateKey, entry: Entry): void {
    const slot = this.slots.get(key);
    const abs = isAbsolute(entry) ? 1 : 0;
    if (slot === undefined) {
      this.slots.set(key, { list: [entry], folded: undefined, writer: -1, absolutes: abs });
      return;
    }
    const list = slot.list;
    if (list === NO_ENTRIES) {
      slot.list = [entry];
      slot.absolutes = abs;
      return;
    }
    const i = this.find(list, entry.tx);
    if (i >= 0 && list[i].tx === entry.tx) {
      if (isAbsolute(list[i])) slot.absolutes--;
      list[i] = entry;
    } else list.splice(i + 1, 0, entry);
    slot.absolutes += abs;
  }

  private remove(key: StateKey, tx: number): void {
    const slot = this.slots.get(key);
    if (slot === undefined) return;
    const list = slot.list;
    const i = this.find(list, tx);
    if (i >= 0 && list[i].tx === tx) {
      if (isAbsolute(list[i])) slot.absolutes--;
      list.splice(i, 1);
    }
  }

  /** Index of the last entry with `entry.tx <= tx`, or -1. Entries are sorted by tx. */
  private find(list: Entry[], tx: number): number {
    let lo = 0;
    let hi = list.length - 1;
    if (hi < 0 || list[0].tx > tx) return -1;
    if (list[hi].tx <= tx) return hi;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (list[mid].tx <= tx) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** A value, or the ESTIMATE of one (a delta's ESTIMATE keeps its delta, so tells itself apart unless it is 0). */
function isAbsolute(e: Entry): boolean {
  return e.kind === 0 || (e.kind === 2 && e.delta === 0n);
}

/** A read for a transaction below the fold point would see later transactions' writes: a bug of the caller's. */
function belowFold(tx: number, foldPoint: number): Error {
  return new Error(`transaction ${tx} read a multi-version memory folded below ${foldPoint}: it committed, nothing reads for it`);
}

/**
 * The value, its code hash made the one shared empty-code hash when it is that: an account value that came from
 * another thread carries its own copy of the 64-character string (100,000 accounts: ~16 MB per copy of the state).
 */
export function sharingCodeHash<V extends StateValue>(value: V): V {
  if (typeof value === 'object' && value !== null && value.codeHash === EMPTY_CODE_HASH) value.codeHash = EMPTY_CODE_HASH;
  return value;
}

/** Applies a delta (a credit, a debit, nonce increments) to an account value (creating the account if absent). */
export function credit(account: AccountValue | null, delta: bigint): AccountValue {
  const { balance, nonces } = unpackDelta(delta);
  if (account === null) return { nonce: nonces, balance, codeHash: EMPTY_CODE_HASH };
  return { ...account, nonce: account.nonce + nonces, balance: account.balance + balance };
}
