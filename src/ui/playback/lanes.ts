/**
 * Geometry of the lanes view, in time and row units (the component maps them to pixels): which rows there are, and
 * where each conflict arrow starts and ends — from the end of the writer's execution that wrote the key to the end of
 * the execution it invalidated (or to the waiting row, for a transaction held up before it ran).
 */
import type { Bar, Conflict } from './model.ts';
import { upperBoundBy } from './sorted.ts';
import type { TraceIndex } from './traceIndex.ts';

export interface LaneRow {
  kind: 'coordinator' | 'worker' | 'waiting';
  /** Worker / shard index for worker rows. */
  lane: number;
  label: string;
}

/** The coordinator row, one row per worker (or shard), and a waiting row when anything ever waited. */
export function laneRows(ix: TraceIndex, shards = false): LaneRow[] {
  const rows: LaneRow[] = [{ kind: 'coordinator', lane: -1, label: 'scheduler' }];
  const n = Math.max(ix.workers, ix.lanes.length);
  for (let w = 0; w < n; w++) rows.push({ kind: 'worker', lane: w, label: shards ? `shard ${w}` : `worker ${w}` });
  if (ix.waits.length > 0) rows.push({ kind: 'waiting', lane: -2, label: 'waiting' });
  return rows;
}

export interface Arrow {
  conflict: Conflict;
  /** Writer end: time and row index. */
  t1: number;
  row1: number;
  /** Invalidated end. */
  t2: number;
  row2: number;
}

/** The writer's execution that the conflict is about: its last one started by the conflict. */
function writerBar(ix: TraceIndex, c: Conflict): Bar | undefined {
  const bars = ix.txBars[c.writer];
  if (!bars || bars.length === 0) return undefined;
  const k = upperBoundBy(bars, c.t, (b) => b.start);
  return k > 0 ? bars[k - 1] : undefined;
}

/**
 * Arrows for the invalidations recorded by `t` whose span meets [from, to], the most recent `limit` of them.
 * Waits and conflicts without a named writer get no arrow (the inspector still lists them).
 */
export function conflictArrows(ix: TraceIndex, rows: readonly LaneRow[], t: number, from: number, to: number, limit = 200): Arrow[] {
  const rowOf = new Map(rows.map((r, i) => [r.kind === 'waiting' ? -2 : r.lane, i]));
  const out: Arrow[] = [];
  const k = upperBoundBy(ix.conflicts, t, (c) => c.t);
  for (let i = k - 1; i >= 0 && out.length < limit; i--) {
    const c = ix.conflicts[i];
    // Only invalidations get an arrow: a wait planned before anything ran (dag, locks) is shown on the waiting row.
    if (c.writer < 0 || (c.kind !== 'validate-fail' && c.kind !== 'exec-abort')) continue;
    const w = writerBar(ix, c);
    if (!w) continue;
    const victim = ix.txBars[c.tx]?.find((b) => b.incarnation === c.incarnation);
    const t1 = Number.isNaN(w.end) ? w.start : Math.min(w.end, t);
    const t2 = victim ? (Number.isNaN(victim.end) ? victim.start : victim.end) : c.t;
    const row2 = victim ? rowOf.get(victim.lane) : rowOf.get(-2);
    const row1 = rowOf.get(w.lane);
    if (row1 === undefined || row2 === undefined) continue;
    if (Math.max(t1, t2) < from || Math.min(t1, t2) > to) continue;
    out.push({ conflict: c, t1, row1, t2, row2 });
  }
  return out.reverse();
}
