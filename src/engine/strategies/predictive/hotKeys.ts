/**
 * The hot-key model behind `predictive`: which state keys transactions of one *class* — a call to one contract with
 * one 4-byte selector (`to:selector`; `to:eth` for a plain payment, `create` for a creation), and the same narrowed
 * by its first two arguments — tend to write.
 *
 * A class predicts a key when most of its members wrote it (at least `SHARE` of them, and at least two): the reserves
 * of a hot pool for `pool:swap`, the counter for `counter:increment`, but not the per-user balance slots of
 * `token:transfer`, which each member writes for a different user. It also predicts a key its members keep aborting
 * on (at least `CONFLICT_SHARE` of them): a popular shop's gold is written by few buys, but those few collide. Learned online within a block (each execution's
 * write set as it finishes) and across runs (the history feeds it every committed trace, aging old counts so the
 * model follows a workload that changes).
 */
import type { StateKey } from '../../trace/events.ts';
import type { ScenarioTx } from '../../scenario/types.ts';

/** Fraction of a class's members that must have written a key for the class to predict it. */
const SHARE = 0.5;
/** Counts kept per class: a class that writes many distinct keys keeps only the most frequent ones. */
const MAX_KEYS_PER_CLASS = 64;

/** Fraction of a class's members that must have aborted on a key for the class to predict it. */
const CONFLICT_SHARE = 0.1;

interface ClassStats {
  members: number;
  writes: Map<StateKey, number>;
  /** Aborts of members on each key (a read of a key another transaction wrote meanwhile). */
  conflicts: Map<StateKey, number>;
}

/** The class of a transaction: `to:selector` (lowercase), `to:eth` with no calldata, `create` for creations. */
export function txClass(tx: Pick<ScenarioTx, 'to' | 'input'>): string {
  if (tx.to === null) return 'create';
  const to = tx.to.toLowerCase();
  return tx.input.length >= 10 ? `${to}:${tx.input.slice(2, 10).toLowerCase()}` : `${to}:eth`;
}

/**
 * The classes a transaction belongs to: its class, and — for a call with arguments — the class narrowed by its first
 * two argument words, so `vote(proposal 0, yes)` learns its own tally even when no tally is written by half the votes.
 */
export function txClasses(tx: Pick<ScenarioTx, 'to' | 'input'>): string[] {
  const cls = txClass(tx);
  return tx.to !== null && tx.input.length > 10 ? [cls, `${cls}:${tx.input.slice(10, 138).toLowerCase()}`] : [cls];
}

export class HotKeyModel {
  private readonly classes = new Map<string, ClassStats>();

  /** One member of `cls` wrote `writes` (absolute writes only: fee credits are deltas and conflict with nobody). */
  learn(cls: string, writes: readonly StateKey[]): void {
    let s = this.classes.get(cls);
    if (!s) this.classes.set(cls, (s = { members: 0, writes: new Map(), conflicts: new Map() }));
    s.members++;
    for (const k of new Set(writes)) s.writes.set(k, (s.writes.get(k) ?? 0) + 1);
    if (s.writes.size > 2 * MAX_KEYS_PER_CLASS) prune(s);
  }

  /** A member of these classes aborted on `key`: the key is contended for them even if few of them write it. */
  learnConflict(classes: readonly string[], key: StateKey): void {
    for (const cls of classes) {
      const s = this.classes.get(cls);
      if (s && s.conflicts.size < MAX_KEYS_PER_CLASS) s.conflicts.set(key, (s.conflicts.get(key) ?? 0) + 1);
    }
  }

  /** Learns one transaction's writes under each of its classes (`txClasses`). */
  learnAll(classes: readonly string[], writes: readonly StateKey[]): void {
    for (const c of classes) this.learn(c, writes);
  }

  /** Keys a transaction of these classes is expected to write (the union over its classes). */
  predictAll(classes: readonly string[]): StateKey[] {
    if (classes.length === 1) return this.predict(classes[0]);
    return [...new Set(classes.flatMap((c) => this.predict(c)))];
  }

  /** Keys a member of `cls` is expected to write, hottest first. */
  predict(cls: string): StateKey[] {
    const s = this.classes.get(cls);
    if (!s || s.members < 2) return [];
    const out: [StateKey, number][] = [];
    for (const [k, c] of s.writes) if (c >= 2 && c >= SHARE * s.members) out.push([k, c]);
    const chosen = new Set(out.map(([k]) => k));
    for (const [k, c] of s.conflicts) if (c >= 2 && c >= CONFLICT_SHARE * s.members && !chosen.has(k)) out.push([k, c]);
    return out.sort((a, b) => b[1] - a[1]).map(([k]) => k);
  }

  /** Halves every count: what earlier runs taught weighs less than what the next one shows. */
  age(): void {
    for (const [cls, s] of this.classes) {
      s.members /= 2;
      for (const counts of [s.writes, s.conflicts]) {
        for (const [k, c] of counts) {
          if (c / 2 < 0.5) counts.delete(k);
          else counts.set(k, c / 2);
        }
      }
      if (s.members < 0.5) this.classes.delete(cls);
    }
  }

  /** An independent copy, for a run to learn into without touching the history's model. */
  clone(): HotKeyModel {
    const m = new HotKeyModel();
    for (const [cls, s] of this.classes) m.classes.set(cls, { members: s.members, writes: new Map(s.writes), conflicts: new Map(s.conflicts) });
    return m;
  }

  get size(): number {
    return this.classes.size;
  }
}

function prune(s: ClassStats): void {
  const keep = [...s.writes].sort((a, b) => b[1] - a[1]).slice(0, MAX_KEYS_PER_CLASS);
  s.writes.clear();
  for (const [k, c] of keep) s.writes.set(k, c);
}
