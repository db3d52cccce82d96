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

/** The largest token size (2–14 px) at which `n` tokens fit in one column of `w` × `h`. */
export function tokenSize(n: number, w: number, h: number): number {
  let s = 14;
  while (s > 2 && Math.floor(w / s) * Math.floor(h / s) < n) s--;
  return s;
}

export function queueLayout(ix: TraceIndex, t: number, colWidth: number, colHeight: number, top = 0, out?: QueueLayout): QueueLayout {
  const n = ix.txCount;
  const size = tokenSize(n, colWidth - 8, colHeight);
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
