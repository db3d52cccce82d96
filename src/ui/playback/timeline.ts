/**
 * A `Timeline` is what the player needs of recorded time: its bounds, and where the next / previous event and conflict
 * are. One run's `TraceIndex` is one; `MultiTimeline` lays several runs on one axis for compare mode (each run's clock
 * starts at its own first activity), so one player steps, breaks on conflicts and jumps between them across all runs.
 */
import type { Conflict } from './model.ts';

/** A conflict, and when it happens on the timeline's clock (a multi-timeline shifts each run's clock). */
export interface TimedConflict {
  t: number;
  conflict: Conflict;
}

/**
 * Every question can be asked on the timeline's clock shifted by `origin` (its own time − origin; default 0): a
 * multi-timeline asks each run on the shared axis that way, and gets answers exact on that axis (asking at
 * `start + τ` instead would round, and step over or back onto events).
 */
export interface Timeline {
  /** First and last recorded activity; `start` is Infinity (and `end` -Infinity) while nothing is recorded. */
  readonly start: number;
  readonly end: number;
  /** The next recorded event time after `t` (`t` itself at the end). */
  eventAfter(t: number, origin?: number): number;
  /** The previous recorded event time before `t` (the start at the start). */
  eventBefore(t: number, origin?: number): number;
  /** The first conflict after `t`. */
  conflictAfter(t: number, origin?: number): TimedConflict | undefined;
  /** The last conflict strictly before `t`. */
  conflictBefore(t: number, origin?: number): TimedConflict | undefined;
}

/**
 * Several timelines on one axis: each track's own time `track.start + τ` is drawn at τ, so τ runs from 0 to the
 * longest track's span. Tracks are read live (a running track that grows moves `end` with it).
 */
export class MultiTimeline implements Timeline {
  readonly #tracks: () => readonly Timeline[];
  /** The tracks, or a function returning them (read on every question: the set can change, e.g. a run added). */
  constructor(tracks: readonly Timeline[] | (() => readonly Timeline[])) {
    this.#tracks = typeof tracks === 'function' ? tracks : () => tracks;
  }

  get tracks(): readonly Timeline[] {
    return this.#tracks();
  }

  /** Tracks with anything recorded. */
  private get ready(): Timeline[] {
    return this.tracks.filter((x) => Number.isFinite(x.start));
  }

  get start(): number {
    return this.ready.length > 0 ? 0 : Infinity;
  }

  get end(): number {
    const r = this.ready;
    return r.length > 0 ? Math.max(...r.map((x) => x.end - x.start)) : -Infinity;
  }

  /** Track `i`'s own clock at τ. */
  at(i: number, tau: number): number {
    const x = this.tracks[i];
    return Number.isFinite(x.start) ? x.start + Math.min(tau, x.end - x.start) : tau;
  }

  // Each track is asked on the shared axis (its clock shifted by its start). `origin` shifts the shared axis again.

  eventAfter(t: number, origin = 0): number {
    const tau = t + origin;
    let best = Infinity;
    for (const x of this.ready) {
      const n = x.eventAfter(tau, x.start);
      if (n > tau && n < best) best = n;
    }
    return Number.isFinite(best) ? best - origin : t;
  }

  eventBefore(t: number, origin = 0): number {
    const tau = t + origin;
    let best = -Infinity;
    for (const x of this.ready) {
      const p = x.eventBefore(tau, x.start);
      if (p < tau && p > best) best = p;
    }
    return Number.isFinite(best) ? best - origin : Math.min(t, this.start - origin);
  }

  conflictAfter(t: number, origin = 0): TimedConflict | undefined {
    const tau = t + origin;
    let best: TimedConflict | undefined;
    for (const x of this.ready) {
      const c = x.conflictAfter(tau, x.start);
      if (c && (!best || c.t < best.t)) best = c;
    }
    return best && { t: best.t - origin, conflict: best.conflict };
  }

  conflictBefore(t: number, origin = 0): TimedConflict | undefined {
    const tau = t + origin;
    let best: TimedConflict | undefined;
    for (const x of this.ready) {
      const c = x.conflictBefore(tau, x.start);
      if (c && (!best || c.t > best.t)) best = c;
    }
    return best && { t: best.t - origin, conflict: best.conflict };
  }
}
