/**
 * The player: playback time as a pure state machine over a `Timeline` (one run's `TraceIndex`, or several runs on one
 * axis in compare mode). Time only ever lands on recorded
 * timestamps' scale — it advances by wall-clock time × speed, so a 20 ms run at 1/250× takes 5 s to watch — and the
 * views are functions of `t` alone; the player never owns what is drawn (raftscope's split).
 */
import type { Conflict } from './model.ts';
import type { Timeline } from './timeline.ts';

export const SPEED_MIN = 1e-4;
export const SPEED_MAX = 1;

export interface PlayerState {
  /** Playback time, µs since the run began. */
  t: number;
  playing: boolean;
  /** Trace µs per wall-clock µs (1 = real time). */
  speed: number;
  /** Stop when playback reaches a conflict (a breakpoint). */
  pauseOnConflict: boolean;
  /** Live: stick to the newest recorded event while the run is going. */
  follow: boolean;
  /** The conflict playback stopped at, if it did. */
  stoppedAt: Conflict | null;
}

export function initialPlayer(): PlayerState {
  return { t: 0, playing: false, speed: 1 / 1000, pauseOnConflict: false, follow: true, stoppedAt: null };
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** A speed at which a run of `durationUs` takes about `seconds` to watch. */
export function speedFor(durationUs: number, seconds = 5): number {
  return clamp(durationUs / (seconds * 1e6), SPEED_MIN, SPEED_MAX);
}

/** Log-scale slider position (0–1) ↔ speed. */
export function speedToSlider(speed: number): number {
  return Math.log(clamp(speed, SPEED_MIN, SPEED_MAX) / SPEED_MIN) / Math.log(SPEED_MAX / SPEED_MIN);
}
export function sliderToSpeed(x: number): number {
  return SPEED_MIN * Math.pow(SPEED_MAX / SPEED_MIN, clamp(x, 0, 1));
}

/** `1/250×`, `1×`. */
export function formatSpeed(speed: number): string {
  const d = 1 / speed;
  const round = d >= 100 ? Math.round(d / 10) * 10 : Math.round(d);
  return round <= 1 ? '1×' : `1/${round}×`;
}

function bounds(ix: Timeline): [number, number] {
  return Number.isFinite(ix.start) ? [ix.start, ix.end] : [0, 0];
}

/**
 * One animation frame: `dtMs` of wall-clock time passed. While playing, time moves by dt × speed, stopping at the
 * next conflict when the breakpoint is on, and at the end of the recording (a live run keeps waiting there).
 */
export function advance(ix: Timeline, s: PlayerState, dtMs: number, live: boolean): PlayerState {
  const [lo, hi] = bounds(ix);
  if (s.follow && live) return { ...s, t: hi };
  if (!s.playing) return s.t < lo ? { ...s, t: lo } : s;
  const from = Math.max(s.t, lo);
  let t = from + dtMs * 1000 * s.speed;
  if (s.pauseOnConflict) {
    const c = ix.conflictAfter(from);
    if (c && c.t <= t) return { ...s, t: c.t, playing: false, stoppedAt: c.conflict };
  }
  if (t >= hi) {
    t = hi;
    if (!live) return { ...s, t, playing: false };
  }
  return { ...s, t, stoppedAt: null };
}

export function play(ix: Timeline, s: PlayerState): PlayerState {
  const [lo, hi] = bounds(ix);
  // Playing from the end starts again from the beginning.
  const t = s.t >= hi ? lo : Math.max(s.t, lo);
  return { ...s, t, playing: true, follow: false, stoppedAt: null };
}

export function pause(s: PlayerState): PlayerState {
  return { ...s, playing: false, follow: false };
}

export function seek(ix: Timeline, s: PlayerState, t: number): PlayerState {
  const [lo, hi] = bounds(ix);
  return { ...s, t: clamp(t, lo, hi), follow: false, stoppedAt: null };
}

/** One recorded event forward or back; pauses. */
export function step(ix: Timeline, s: PlayerState, dir: 1 | -1): PlayerState {
  const t = dir > 0 ? ix.eventAfter(s.t) : ix.eventBefore(s.t);
  return { ...seek(ix, s, t), playing: false };
}

/** To the next / previous conflict (staying put when there is none); pauses. */
export function toConflict(ix: Timeline, s: PlayerState, dir: 1 | -1): PlayerState {
  const c = dir > 0 ? ix.conflictAfter(s.t) : ix.conflictBefore(s.t);
  if (!c) return pause(s);
  return { ...seek(ix, s, c.t), playing: false, stoppedAt: c.conflict };
}

export function setSpeed(s: PlayerState, speed: number): PlayerState {
  return { ...s, speed: clamp(speed, SPEED_MIN, SPEED_MAX) };
}
