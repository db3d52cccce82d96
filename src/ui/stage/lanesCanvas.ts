/**
 * The canvas layer of the lanes view: row backgrounds, one bar per execution attempt started by `t` (cut at `t`,
 * coloured by what it looks like at `t`), a tick per validation and commit on the scheduler row, and thin stripes
 * for waits. Only the visible time window is drawn.
 */
import type { LaneRow } from '../playback/lanes.ts';
import { barLook, forBarsUntil } from '../playback/query.ts';
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

export function drawLanes(g: CanvasRenderingContext2D, f: LanesFrame): void {
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
  rows.forEach((r, i) => {
    if (r.kind !== 'worker') return;
    forBarsUntil(ix, r.lane, t, from, to, (b, end) => {
      const x0 = px(b.start);
      const w = px(end) - x0;
      const bw = Math.max(1, w - (w > 3 ? 1 : 0)); // a 1 px gap between bars wide enough to show it
      g.fillStyle = pal[LOOK_COLOUR[barLook(b, t)]];
      g.fillRect(x0, rowY(i) + pad, bw, rowH - 2 * pad);
      if (b.tx === f.selectedTx && b.tx >= 0) {
        g.strokeStyle = pal['--fg'];
        g.lineWidth = 2;
        g.strokeRect(x0, rowY(i) + pad, bw, rowH - 2 * pad);
      }
    });
  });
  // Scheduler row: a full-height tick per commit, a half-height one per validation.
  const marks = ix.marks;
  const last = upperBoundBy(marks, Math.min(t, to), (m) => m.t);
  for (let i = Math.max(0, upperBoundBy(marks, from, (m) => m.t) - 1); i < last; i++) {
    const m = marks[i];
    g.fillStyle = m.kind === 'commit' ? pal['--ok'] : m.kind === 'validate-fail' ? pal['--abort'] : pal['--muted'];
    g.fillRect(px(m.t), pad + (m.kind === 'commit' ? 0 : rowH / 3), 1.5, (rowH - 2 * pad) / (m.kind === 'commit' ? 1 : 2));
  }
  const waitRow = rows.findIndex((r) => r.kind === 'waiting');
  if (waitRow >= 0) {
    g.fillStyle = pal['--wait'];
    const k = upperBoundBy(ix.waits, Math.min(t, to), (w) => w.start);
    const stripes = Math.max(1, Math.floor((rowH - 2) / 3));
    for (let i = 0; i < k; i++) {
      const w = ix.waits[i];
      const end = Math.min(w.end, t);
      if (end < from) continue;
      const x0 = px(w.start);
      g.fillRect(x0, rowY(waitRow) + 1 + (w.tx % stripes) * 3, Math.max(1, px(end) - x0), 2);
    }
  }
  g.restore();
}
