/**
 * Zoomed lanes follow the playhead: when a step, a jump to the next conflict (`n`) or playback carries the playhead
 * out of the visible time window, the window moves so the playhead is back in it — a page ahead when it left on the
 * right (it sits near the left edge again, the way a page of a score turns), a page back when it left on the left.
 * A playhead already in view leaves the zoom alone, so a viewer who panned while paused keeps their view.
 *
 * The zoom is d3-zoom's on x only: a pixel is `k · base(t) + x`, `base` mapping run time onto [left, right] unzoomed.
 */
export interface Zoom {
  k: number;
  x: number;
}

/** Where the playhead lands, as a share of the visible width from its left edge, after a page turn. */
const AHEAD = 0.1;
const BACK = 0.9;

/**
 * The zoom that brings `playheadPx` (the playhead on the unzoomed axis, `base(t)`) into [left, right], or null when
 * it is visible already or the lanes are not zoomed. The result stays within the zoom's translate extent (the
 * window never leaves the run).
 */
export function followPlayhead(zoom: Zoom, playheadPx: number, left: number, right: number): Zoom | null {
  if (!(zoom.k > 1) || !(right > left) || !Number.isFinite(playheadPx)) return null;
  const at = zoom.k * playheadPx + zoom.x;
  if (at >= left && at <= right) return null;
  const target = left + (at > right ? AHEAD : BACK) * (right - left);
  // d3-zoom's translate extent [[left, ·], [right, ·]]: the zoomed axis must still cover [left, right].
  const x = Math.min(left * (1 - zoom.k), Math.max(right * (1 - zoom.k), target - zoom.k * playheadPx));
  return x === zoom.x ? null : { k: zoom.k, x };
}

/**
 * The x of a label `w` pixels wide centred on `x`, moved to lie inside [left, right] (a zoomed-in arrow's middle may be
 * outside the window: its label then sits at the window's edge, not over the row names or past the chart).
 */
export function labelInside(x: number, w: number, left: number, right: number): number {
  if (right - left <= w) return (left + right) / 2;
  return Math.min(right - w / 2, Math.max(left + w / 2, x));
}
