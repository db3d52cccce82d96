/**
 * Geometry of the lanes view, in time and row units (the component maps them to pixels): which rows there are, and
 * where each conflict arrow starts and ends — from the end of the writer's execution that wrote the key to the end of
 * the execution it invalidated (or to the waiting row, for a transaction held up before it ran).
 */
import type { Bar, Conflict } from './model.ts';
import { forBarsUntil } from './query.ts';
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

/** What a click on the lanes at run-clock time `at` (± `slack`, a few pixels' worth) in `row` hits, by playback time `t`. */
export type LanePick = { kind: 'bar'; tx: number; incarnation: number } | { kind: 'tx'; tx: number } | null;

export function pickLane(ix: TraceIndex, row: LaneRow | undefined, t: number, at: number, slack: number): LanePick {
  if (!row) return null;
  if (row.kind === 'worker') {
    // The last bar started by the pointer among those drawn there (a later bar is drawn over an earlier one).
    let hit: LanePick = null;
    forBarsUntil(ix, row.lane, t, at - slack, at + slack, (b) => {
      if (b.tx >= 0 && b.start <= at + slack) hit = { kind: 'bar', tx: b.tx, incarnation: b.incarnation };
    });
    return hit;
  }
  if (row.kind === 'coordinator') {
    const k = upperBoundBy(ix.marks, Math.min(t, at + slack), (m) => m.t);
    const m = ix.marks[k - 1];
    return m && m.t >= at - slack ? { kind: 'tx', tx: m.tx } : null;
  }
  const w = ix.waits.find((x) => x.start <= at && Math.min(x.end, t) >= at);
  return w ? { kind: 'tx', tx: w.tx } : null;
}

/** A conflict label to place: where its arrow's middle is (px), and how wide its text is. */
export interface LabelSpot<A> {
  item: A;
  x: number;
  y: number;
  w: number;
  /** Stopped at, selected, or about the selected transaction: placed first, and labelled even in a crowd. */
  hot: boolean;
}

/**
 * Which labels to draw so that none overlaps another (`lineH` px tall): with more than `max` candidates only the hot
 * ones; hot first, then the newest first (`spots` come oldest first). Returns the chosen items, in placing order.
 */
export function placeLabels<A>(spots: readonly LabelSpot<A>[], lineH: number, max: number): A[] {
  const wanted = spots.length <= max ? spots : spots.filter((s) => s.hot);
  const order = [...wanted].reverse().sort((a, b) => Number(b.hot) - Number(a.hot));
  const placed: LabelSpot<A>[] = [];
  for (const s of order) {
    if (placed.some((p) => Math.abs(p.y - s.y) < lineH + 1 && Math.abs(p.x - s.x) < (p.w + s.w) / 2)) continue;
    placed.push(s);
  }
  return placed.map((p) => p.item);
}
