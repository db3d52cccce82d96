/**
 * The page's playback: the player's state over one `Timeline` (one run's trace, or several runs side by side in compare
 * mode) and the only animation loop that moves it. The stage and the compare stage draw `playback.t`; the playback
 * bar, the keyboard shortcuts and lessons call its methods. The transitions themselves are `player.ts` (pure); this
 * class adds wall-clock time, a run going live and finishing, and what to do when the user jumps to a conflict.
 *
 * The loop runs only while something moves (playing, or following a live run); the clock is injectable so tests drive
 * frames by hand.
 */
import { untrack } from 'svelte';
import type { Conflict } from './model.ts';
import * as P from './player.ts';
import type { Timeline } from './timeline.ts';

/** Wall-clock frames: `requestAnimationFrame` on the page, a hand-driven fake in tests. */
export interface FrameClock {
  now(): number;
  request(frame: (now: number) => void): number;
  cancel(id: number): void;
}

export const browserClock: FrameClock = {
  now: () => performance.now(),
  request: (frame) => requestAnimationFrame(frame),
  cancel: (id) => cancelAnimationFrame(id),
};

/** Exports of whatever stage is showing (it registers them while it is on the page). */
export interface StageExports {
  svg(): string;
  png(): Promise<Blob>;
  csv(): string;
}

const NOTHING: Timeline = {
  start: Infinity,
  end: -Infinity,
  eventAfter: (t) => t,
  eventBefore: (t) => t,
  conflictAfter: () => undefined,
  conflictBefore: () => undefined,
};

/** A background tab's long gap between frames is not a jump in playback. */
const MAX_FRAME_MS = 100;

export class Playback {
  player = $state.raw<P.PlayerState>(P.initialPlayer());
  /** The run is still recording: follow its newest events unless the user took over. */
  live = $state(false);
  #timeline = $state.raw<Timeline>(NOTHING);
  /** Called when the user jumps to a conflict (the single stage explains it). */
  onjump: ((c: Conflict) => void) | null = null;
  /** The showing stage's exports. */
  exports: StageExports | null = null;
  #speedChosen = false;
  #clock: FrameClock;
  #raf = 0;
  #last = 0;

  constructor(clock: FrameClock = browserClock) {
    this.#clock = clock;
  }

  get timeline(): Timeline {
    return this.#timeline;
  }
  get t(): number {
    return this.player.t;
  }
  get playing(): boolean {
    return this.player.playing;
  }
  /** Whether anything is recorded (the bounds are finite). */
  get ready(): boolean {
    return Number.isFinite(this.#timeline.start);
  }
  /** The timeline's bounds, 0 while nothing is recorded. */
  get start(): number {
    return this.ready ? this.#timeline.start : 0;
  }
  get end(): number {
    return this.ready ? this.#timeline.end : 0;
  }

  /**
   * Shows a new timeline from the beginning (a different run, or another set of runs): speed and the breakpoint carry
   * over. A live one is followed; a finished one is `finish`ed at once.
   */
  load(timeline: Timeline, live: boolean, autoplay = true): void {
    this.#timeline = timeline;
    this.live = live;
    this.player = { ...P.initialPlayer(), speed: this.player.speed, pauseOnConflict: this.player.pauseOnConflict, follow: live };
    if (live) this.#wake();
    else this.finish(autoplay);
  }

  /** The run started or stopped recording. Starting follows its newest events; stopping finishes it. */
  setLive(live: boolean, autoplay = true): void {
    if (live === this.live) return;
    this.live = live;
    if (live) {
      this.player = { ...this.player, follow: true, playing: false, stoppedAt: null };
      this.#wake();
    } else this.finish(autoplay);
  }

  /** A finished run: a speed at which it lasts a few seconds (unless the user chose one), then replay it from the start
   * (`autoplay`) or show it whole. */
  finish(autoplay: boolean): void {
    if (!this.ready) return;
    const tl = this.#timeline;
    let s = this.player;
    if (!this.#speedChosen) s = P.setSpeed(s, P.speedFor(tl.end - tl.start));
    s = autoplay ? P.play(tl, P.seek(tl, s, tl.start)) : P.seek(tl, { ...s, playing: false }, tl.end);
    this.player = { ...s, follow: false };
    this.#wake();
  }

  play(): void {
    this.player = P.play(this.#timeline, this.player);
    this.#wake();
  }
  pause(): void {
    this.player = P.pause(this.player);
  }
  toggle(): void {
    if (this.player.playing) this.pause();
    else this.play();
  }
  /** Playback time on the timeline's clock (clamped to the recording). */
  seek(t: number): void {
    this.player = P.seek(this.#timeline, this.player, t);
  }
  step(dir: 1 | -1): void {
    this.player = P.step(this.#timeline, this.player, dir);
  }
  nextConflict(): void {
    this.#jump(1);
  }
  prevConflict(): void {
    this.#jump(-1);
  }
  #jump(dir: 1 | -1): void {
    this.player = P.toConflict(this.#timeline, this.player, dir);
    if (this.player.stoppedAt) this.onjump?.(this.player.stoppedAt);
  }
  get speed(): number {
    return this.player.speed;
  }
  setSpeed(factor: number): void {
    this.#speedChosen = true;
    this.player = P.setSpeed(this.player, factor);
  }
  /** One step of the log-scale speed slider is a factor of two either way. */
  slower(): void {
    this.setSpeed(this.player.speed / 2);
  }
  faster(): void {
    this.setSpeed(this.player.speed * 2);
  }
  setPauseOnConflict(on: boolean): void {
    this.player = { ...this.player, pauseOnConflict: on };
  }
  /** Back to following a live run's newest events. */
  follow(): void {
    this.player = { ...this.player, follow: true, playing: false };
    this.#wake();
  }

  /** Whether the playhead rests at the end of a finished recording. */
  get atEnd(): boolean {
    return !this.live && this.ready && this.player.t >= this.#timeline.end && !this.player.playing;
  }

  /** Resolves once the playhead has reached the end of the finished run (at once if it is there already): what a
   * lesson's reveal waits for. */
  replayed(): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.atEnd) resolve();
        else setTimeout(check, 100);
      };
      check();
    });
  }

  /** Stops the loop (the page is going away). */
  dispose(): void {
    if (this.#raf) this.#clock.cancel(this.#raf);
    this.#raf = 0;
  }

  /** Whether the next frame can change anything. */
  get #moving(): boolean {
    return this.player.playing || (this.live && this.player.follow);
  }

  #wake(): void {
    // Called from effects too: reading the state here must not subscribe them to every frame.
    if (this.#raf || !untrack(() => this.#moving)) return;
    this.#last = this.#clock.now();
    this.#raf = this.#clock.request(this.#frame);
  }

  #frame = (now: number): void => {
    this.#raf = 0;
    const dt = Math.min(MAX_FRAME_MS, Math.max(0, now - this.#last));
    this.#last = now;
    if (this.ready) {
      const cur = this.player;
      const next = P.advance(this.#timeline, cur, dt, this.live);
      if (next.t !== cur.t || next.playing !== cur.playing || next.stoppedAt !== cur.stoppedAt) this.player = next;
    }
    if (this.#moving) this.#raf = this.#clock.request(this.#frame);
  };
}
