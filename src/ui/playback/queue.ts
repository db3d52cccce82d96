/**
 * The scheduler queue at one playback time: each transaction's column (waiting to run → blocked → executing →
 * validating → committed; an aborted one goes back to the first column) and its slot in a grid inside that column,
 * in block order. Geometry only — the component tweens tokens toward these slots and draws them.
 */
import type { TxPhase } from './model.ts';
import { isReexecution, txStepAt } from './query.ts';
import type { TraceIndex } from './traceIndex.ts';

export const COLUMNS = [
  { id: 'waiting', label: 'waiting to run' },
  { id: 'blocked', label: 'blocked on another tx' },
  { id: 'executing', label: 'executing' },
  { id: 'validating', label: 'validating' },
  { id: 'committed', label: 'committed' },
] as const;

const COLUMN_OF: Record<TxPhase, number> = { pending: 0, queued: 0, aborted: 0, blocked: 1, executing: 2, validating: 3, committed: 4 };

/** Token colour classes, indexes into `TOKEN_LOOKS`. */
export const TOKEN_LOOKS = ['pending', 'aborted', 'blocked', 'executing', 'validating', 'committed', 'reexecuted'] as const;
export type TokenLook = (typeof TOKEN_LOOKS)[number];
const LOOK_INDEX = Object.fromEntries(TOKEN_LOOKS.map((l, i) => [l, i])) as Record<TokenLook, number>;

export interface QueueLayout {
  /** Token size and gap (px), fixed for the run so tokens do not jump in size. */
  size: number;
  counts: number[];
  /** Per transaction: target x, y (top-left, px) and look index. */
  x: Float32Array;
  y: Float32Array;
  look: Uint8Array;
  /** Per transaction: the worker executing it (-1 otherwise). */
  worker: Int16Array;
  /** Changes whenever any token's column or look does: equal signatures need no redraw. */
  signature: number;
}

/** The largest token size (2–`max` px) at which `n` tokens fit in one column of `w` × `h`. */
export function tokenSize(n: number, w: number, h: number, max = 14): number {
  let s = max;
  while (s > 2 && Math.floor(w / s) * Math.floor(h / s) < n) s--;
  return s;
}

export function queueLayout(ix: TraceIndex, t: number, colWidth: number, colHeight: number, top = 0, out?: QueueLayout, maxSize = 14): QueueLayout {
  const n = ix.txCount;
  const size = tokenSize(n, colWidth - 8, colHeight, maxSize);
  const lay: QueueLayout =
    out && out.x.length === n
      ? { ...out, size, counts: [0, 0, 0, 0, 0], signature: 0 }
      : { size, counts: [0, 0, 0, 0, 0], x: new Float32Array(n), y: new Float32Array(n), look: new Uint8Array(n), worker: new Int16Array(n), signature: 0 };
  let sig = size;
  const perRow = Math.max(1, Math.floor((colWidth - 8) / size));
  for (let tx = 0; tx < n; tx++) {
    const s = txStepAt(ix, tx, t);
    const phase: TxPhase = s?.phase ?? 'pending';
    const col = COLUMN_OF[phase];
    const k = lay.counts[col]++;
    lay.x[tx] = col * colWidth + 4 + (k % perRow) * size;
    lay.y[tx] = top + Math.floor(k / perRow) * size;
    lay.worker[tx] = phase === 'executing' && s ? s.worker : -1;
    let look: TokenLook = phase === 'pending' || phase === 'queued' ? 'pending' : phase;
    if (phase === 'committed' && s) {
      const bars = ix.txBars[tx];
      const committed = bars.find((b) => b.incarnation === s.incarnation);
      if (committed && isReexecution(committed, ix)) look = 'reexecuted';
    }
    lay.look[tx] = LOOK_INDEX[look];
    sig = (Math.imul(sig, 31) + col * 8 + lay.look[tx]) | 0;
  }
  lay.signature = sig;
  return lay;
}

/** Above this many tokens they jump to their slots instead of gliding: the glide redraws every token every frame. */
export const GLIDE_MAX = 2_000;

/**
 * The tokens at their slots as few rectangles: neighbours in one row of one column with the same look merge into
 * one run (`[x, y, width]` triples per look). A 20,000-token queue is a few hundred rectangles instead of 20,000.
 */
export function tokenRuns(lay: QueueLayout, colWidth: number): number[][] {
  const runs: number[][] = TOKEN_LOOKS.map(() => []);
  const open = new Map<number, { look: number; x: number; y: number; w: number }>();
  const close = (r: { look: number; x: number; y: number; w: number }) => runs[r.look].push(r.x, r.y, r.w);
  for (let i = 0; i < lay.x.length; i++) {
    const col = Math.floor(lay.x[i] / colWidth);
    const look = lay.look[i];
    const r = open.get(col);
    if (r && r.look === look && r.y === lay.y[i] && Math.abs(r.x + r.w - lay.x[i]) < 0.01) r.w += lay.size;
    else {
      if (r) close(r);
      open.set(col, { look, x: lay.x[i], y: lay.y[i], w: lay.size });
    }
  }
  for (const r of open.values()) close(r);
  return runs;
}

/** Tokens per look (by `TOKEN_LOOKS` name). */
export function lookCounts(lay: QueueLayout): Record<TokenLook, number> {
  const n = TOKEN_LOOKS.map(() => 0);
  for (let i = 0; i < lay.look.length; i++) n[lay.look[i]]++;
  return Object.fromEntries(TOKEN_LOOKS.map((l, i) => [l, n[i]])) as Record<TokenLook, number>;
}

/** The transaction whose token (at its target slot) is under (x, y), or -1. */
export function tokenAt(lay: QueueLayout, x: number, y: number): number {
  const s = lay.size;
  for (let i = 0; i < lay.x.length; i++) if (x >= lay.x[i] && x < lay.x[i] + s && y >= lay.y[i] && y < lay.y[i] + s) return i;
  return -1;
}
