/**
 * The lanes' sizes: row height, label sizes and the gutter the row labels need. On a desk the rows are compact;
 * in presentation mode the lanes fill about 40 % of the window's height (a few fat rows, or many thin ones) and
 * every label grows with the window, to be read from the back of a room (20 px at 1280 wide, 24 px at 1920).
 */
export interface LanesGeometry {
  rowH: number;
  /** Font sizes (px): row labels, conflict key labels, the time axis. */
  labelPx: number;
  keyPx: number;
  axisPx: number;
  /** Width of the row-label gutter and height of the time axis (px). */
  left: number;
  axis: number;
}

const clamp = (x: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, x));

export function lanesGeometry(rows: number, presenting: boolean, viewportW: number, viewportH: number): LanesGeometry {
  if (!presenting) return { rowH: rows > 12 ? 16 : rows > 6 ? 22 : 30, labelPx: 12, keyPx: 11, axisPx: 11, left: 84, axis: 26 };
  const labelPx = Math.round(clamp(viewportW / 80, 20, 28));
  const keyPx = Math.round(labelPx * 0.8);
  const axisPx = Math.round(labelPx * 0.8);
  // "scheduler", the longest row label, is ~5.3 em wide; rows never get thinner than their label.
  const rowH = Math.round(clamp((viewportH * 0.4) / Math.max(1, rows), labelPx + 8, 150));
  return { rowH, labelPx, keyPx, axisPx, left: Math.round(labelPx * 5.6) + 12, axis: Math.round(axisPx * 2.2) };
}
