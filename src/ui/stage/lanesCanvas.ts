/**
 * The canvas layer of the lanes view: row backgrounds, one bar per execution attempt started by `t` (cut at `t`,
 * coloured by what it looks like at `t`), a tick per validation and commit on the scheduler row, and thin stripes
 * for waits. Only the visible time window is drawn.
 */
import type { LaneRow } from '../playback/lanes.ts';
import type { BarLook } from '../playback/model.ts';
import { barLook, forBarsUntil, isReexecution } from '../playback/query.ts';
import { upperBoundBy } from '../playback/sorted.ts';
import type { TraceIndex } from '../playback/traceIndex.ts';
import { LOOK_COLOUR, type Palette } from './palette.ts';

export interface LanesFrame {
  ix: TraceIndex;
  rows: readonly LaneRow[];
  /** Playback time and the visible window, on the run's clock (µs). */
  t: number;
  from: number;
  to: number;
  /** Run-clock µs → x pixel. */
  px: (t: number) => number;
  rowH: number;
  left: number;
  right: number;
  height: number;
  selectedTx: number | null;
  pal: Palette;
}

/** What a frame drew: bars per look, and how many of the execution bars were re-executions (as the ledger counts
 * them). The page exposes these so a test can check the lanes tell the queue's and the metrics' story. */
export interface LanesDrawn {
  looks: Partial<Record<BarLook, number>>;
  reexecutions: number;
}

export function drawLanes(g: CanvasRenderingContext2D, f: LanesFrame): LanesDrawn {
  const drawn: LanesDrawn = { looks: {}, reexecutions: 0 };
  const { ix, rows, t, from, to, px, rowH, left, right, pal } = f;
  const rowY = (i: number): number => i * rowH;
  g.clearRect(0, 0, right + left, f.height);
  rows.forEach((_, i) => {
    g.fillStyle = i % 2 === 0 ? pal['--lane'] : pal['--bg'];
    g.fillRect(left, rowY(i), right - left, rowH);
  });
  g.save();
  g.beginPath();
  g.rect(left, 0, right - left, f.height);
  g.clip();
  const pad = Math.max(2, Math.round(rowH * 0.15));
  // One path per look, filled once: thousands of fillRect calls, each with a fillStyle to parse, cost far more.
  // Bars of one look that touch at pixel scale merge into one rectangle (a zoomed-out 5,000-bar lane is ~1,000 px).
  const paths = new Map<BarLook, Path2D>();
  const add = (look: BarLook, x: number, y: number, w: number): void => {
    let p = paths.get(look);
    if (!p) paths.set(look, (p = new Path2D()));
    p.rect(x, y, w, rowH - 2 * pad);
  };
  let selected: [number, number, number][] = [];
  rows.forEach((r, i) => {
    if (r.kind !== 'worker') return;
    const y = rowY(i) + pad;
    let look: BarLook | null = null;
    let x0 = 0;
    let x1 = 0;
    forBarsUntil(ix, r.lane, t, from, to, (b, end) => {
      const bx = px(b.start);
      const w = px(end) - bx;
      const bw = Math.max(1, w - (w > 3 ? 1 : 0)); // a 1 px gap between bars wide enough to show it
      const l = barLook(b, t, ix);
      drawn.looks[l] = (drawn.looks[l] ?? 0) + 1;
      if (b.kind === 'exec' && isReexecution(b, ix)) drawn.reexecutions++;
      if (l === look && bx <= x1 + 0.5) x1 = Math.max(x1, bx + bw);
      else {
        if (look) add(look, x0, y, x1 - x0);
        look = l;
        x0 = bx;
        x1 = bx + bw;
      }
      if (b.tx === f.selectedTx && b.tx >= 0) selected.push([bx, y, bw]);
    });
    if (look) add(look, x0, y, x1 - x0);
  });
  for (const [look, p] of paths) {
    g.fillStyle = pal[LOOK_COLOUR[look]];
    g.fill(p);
  }
  g.strokeStyle = pal['--fg'];
  g.lineWidth = 2;
  for (const [x, y, w] of selected) g.strokeRect(x, y, w, rowH - 2 * pad);
  selected = [];
  // Scheduler row: a full-height tick per commit, a half-height one per validation.
  const marks = ix.marks;
  const last = upperBoundBy(marks, Math.min(t, to), (m) => m.t);
  const tickPaths = { commit: new Path2D(), 'validate-ok': new Path2D(), 'validate-fail': new Path2D() };
  const lastX = { commit: -Infinity, 'validate-ok': -Infinity, 'validate-fail': -Infinity };
  for (let i = Math.max(0, upperBoundBy(marks, from, (m) => m.t) - 1); i < last; i++) {
    const m = marks[i];
    const x = px(m.t);
    if (x - lastX[m.kind] < 1) continue; // one tick per pixel is all the eye gets
    lastX[m.kind] = x;
    tickPaths[m.kind].rect(x, pad + (m.kind === 'commit' ? 0 : rowH / 3), 1.5, (rowH - 2 * pad) / (m.kind === 'commit' ? 1 : 2));
  }
  for (const [kind, colour] of [['validate-ok', '--muted'], ['commit', '--ok'], ['validate-fail', '--abort']] as const) {
    g.fillStyle = pal[colour];
    g.fill(tickPaths[kind]);
  }
  const waitRow = rows.findIndex((r) => r.kind === 'waiting');
  if (waitRow >= 0) {
    g.fillStyle = pal['--wait'];
    const k = upperBoundBy(ix.waits, Math.min(t, to), (w) => w.start);
    const stripes = Math.max(1, Math.floor((rowH - 2) / 3));
    const waits = new Path2D();
    for (let i = 0; i < k; i++) {
      const w = ix.waits[i];
      const end = Math.min(w.end, t);
      if (end < from) continue;
      const x0 = px(w.start);
      waits.rect(x0, rowY(waitRow) + 1 + (w.tx % stripes) * 3, Math.max(1, px(end) - x0), 2);
    }
    g.fill(waits);
  }
  g.restore();
  return drawn;
}
