/**
 * The hot-key model behind `predictive`: which state keys transactions of one *class* — a call to one contract with
 * one 4-byte selector (`to:selector`; `to:eth` for a plain payment, `create` for a creation) — tend to write.
 *
 * A class predicts a key when most of its members wrote it (at least `SHARE` of them, and at least two): the reserves
 * of a hot pool for `pool:swap`, the counter for `counter:increment`, but not the per-user balance slots of
 * `token:transfer`, which each member writes for a different user. Learned online within a block (each execution's
 * write set as it finishes) and across runs (the history feeds it every committed trace, aging old counts so the
 * model follows a workload that changes).
 */
import type { StateKey } from '../../trace/events.ts';
import type { ScenarioTx } from '../../scenario/types.ts';

/** Fraction of a class's members that must have written a key for the class to predict it. */
const SHARE = 0.5;
/** Counts kept per class: a class that writes many distinct keys keeps only the most frequent ones. */
const MAX_KEYS_PER_CLASS = 64;

interface ClassStats {
  members: number;
  writes: Map<StateKey, number>;
}

/** The class of a transaction: `to:selector` (lowercase), `to:eth` with no calldata, `create` for creations. */
export function txClass(tx: Pick<ScenarioTx, 'to' | 'input'>): string {
  if (tx.to === null) return 'create';
  const to = tx.to.toLowerCase();
  return tx.input.length >= 10 ? `${to}:${tx.input.slice(2, 10).toLowerCase()}` : `${to}:eth`;
}

export class HotKeyModel {
  private readonly classes = new Map<string, ClassStats>();

  /** One member of `cls` wrote `writes` (absolute writes only: fee credits are deltas and conflict with nobody). */
  learn(cls: string, writes: readonly StateKey[]): void {
    let s = this.classes.get(cls);
    if (!s) this.classes.set(cls, (s = { members: 0, writes: new Map() }));
    s.members++;
    for (const k of new Set(writes)) s.writes.set(k, (s.writes.get(k) ?? 0) + 1);
    if (s.writes.size > 2 * MAX_KEYS_PER_CLASS) prune(s);
  }

  /** Keys a member of `cls` is expected to write, hottest first. */
  predict(cls: string): StateKey[] {
    const s = this.classes.get(cls);
    if (!s || s.members < 2) return [];
    const out: [StateKey, number][] = [];
    for (const [k, c] of s.writes) if (c >= 2 && c >= SHARE * s.members) out.push([k, c]);
    return out.sort((a, b) => b[1] - a[1]).map(([k]) => k);
  }

  /** Halves every count: what earlier runs taught weighs less than what the next one shows. */
  age(): void {
    for (const [cls, s] of this.classes) {
      s.members /= 2;
      for (const [k, c] of s.writes) {
        if (c / 2 < 0.5) s.writes.delete(k);
        else s.writes.set(k, c / 2);
      }
      if (s.members < 0.5) this.classes.delete(cls);
    }
  }

  /** An independent copy, for a run to learn into without touching the history's model. */
  clone(): HotKeyModel {
    const m = new HotKeyModel();
    for (const [cls, s] of this.classes) m.classes.set(cls, { members: s.members, writes: new Map(s.writes) });
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
