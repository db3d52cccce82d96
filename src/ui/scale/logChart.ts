/**
 * The geometry the Scale lab's charts share: a log2 x axis over worker or shard counts, a log10 y axis over
 * throughput with a labelled tick per power of ten, labels right of the plot nudged apart, and line paths. Pure
 * (d3 scales, no DOM): `ChartFrame.svelte` draws the frame, each chart its lines and points.
 */
import { type ScaleLogarithmic, scaleLog } from 'd3-scale';
import type { ScaleRow } from '../../app/coordinator/scaleProtocol.ts';

/** Margins around the plot; the right one holds the lines' labels (a chart with longer ones asks for more). */
export const MARGIN = { top: 28, right: 150, bottom: 40, left: 64 } as const;
/** Room between the y axis and the first point (its tick labels stay readable). */
export const PAD = 16;
/** Vertical room a label right of the plot needs. */
export const LABEL_GAP = 13;

export type LogScale = ScaleLogarithmic<number, number>;

/** A line of a chart: its rows in x order, its colour and dash. */
export interface ChartLine {
  id: string;
  /** The line in words, where it differs from `id` (a tooltip names it). */
  name?: string;
  colour: string;
  dash?: string;
  rows: ScaleRow[];
}

/** What the y axis counts: transactions or gas per second. */
export type Throughput = 'tx' | 'gas';
export const rateOf =
  (y: Throughput) =>
  (r: { txPerSec: number; gasPerSec: number }): number =>
    y === 'tx' ? r.txPerSec : r.gasPerSec;

export const chartHeight = (width: number): number => Math.round(Math.min(520, Math.max(320, width * 0.55)));

/** Counts (1, 2, 4, …) on a log2 axis, from the left margin (plus `PAD`) to the right one. */
export function countScale(counts: readonly number[], width: number, right: number = MARGIN.right): LogScale {
  return scaleLog()
    .base(2)
    .domain([Math.min(...counts), Math.max(...counts)])
    .range([MARGIN.left + PAD, Math.max(MARGIN.left + 100, width - right)]);
}

/** Throughput on a log axis wide enough for every value given (non-positive and infinite ones left out), from
 * `bottom` above the foot of the chart to its top margin. */
export function rateScale(values: readonly number[], height: number, bottom: number = MARGIN.bottom): LogScale {
  const vals = values.filter((v) => v > 0 && Number.isFinite(v));
  const lo = (vals.length ? Math.min(...vals) : 1) / 3;
  const hi = (vals.length ? Math.max(...vals) : 1) * 1.6;
  return scaleLog().domain([lo, hi]).range([height - bottom, MARGIN.top]).nice();
}

/** One labelled tick per power of ten in [lo, hi] (and 2×, 5× when it spans fewer than three decades). */
export function decadeTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  const decades = Math.log10(hi / lo);
  for (let p = Math.floor(Math.log10(lo)); p <= Math.ceil(Math.log10(hi)); p++) {
    for (const m of decades < 3 ? [1, 2, 5] : [1]) {
      const t = m * 10 ** p;
      if (t >= lo && t <= hi) ticks.push(t);
    }
  }
  return ticks;
}

/** 1000 → `1k`, 2e6 → `2M`, 0.5 → `0.5`. */
export const tickText = (v: number): string =>
  v >= 1e9 ? `${+(v / 1e9).toPrecision(3)}G` : v >= 1e6 ? `${+(v / 1e6).toPrecision(3)}M` : v >= 1e3 ? `${+(v / 1e3).toPrecision(3)}k` : `${+v.toPrecision(3)}`;

/** Labels sorted top to bottom, each pushed down until it is `gap` below the one above. */
export function spreadLabels<T extends { y: number }>(labels: readonly T[], gap = LABEL_GAP): T[] {
  const out = labels.map((l) => ({ ...l })).sort((a, b) => a.y - b.y);
  for (let i = 1; i < out.length; i++) if (out[i]!.y - out[i - 1]!.y < gap) out[i]!.y = out[i - 1]!.y + gap;
  return out;
}

/** An SVG path through the points, in order. */
export const linePath = (points: readonly [number, number][]): string => points.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join('');

/** Stroke dash patterns that tell a chart's series apart when colour already means something else: solid first. */
const DASHES = ['', '9 4', '2 4', '12 4 2 4'] as const;
export const dashOf = (i: number): string => DASHES[i % DASHES.length]!;

/** Points closer than this (px) cover each other: the top one takes the click. */
export const NEAR_PX = 6;

/** For each point, the other lines' names whose point is drawn within `near` px of it (none: not in the map). */
export function sameSpot<K>(points: readonly { key: K; line: string; x: number; y: number }[], near = NEAR_PX): Map<K, string[]> {
  const out = new Map<K, string[]>();
  for (const a of points) {
    const others = new Set(points.filter((b) => b.line !== a.line && Math.hypot(a.x - b.x, a.y - b.y) < near).map((b) => b.line));
    if (others.size > 0) out.set(a.key, [...others]);
  }
  return out;
}
