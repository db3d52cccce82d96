import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Trace } from '../../engine/trace/events.ts';
import { LiveTrace } from './liveTrace.svelte.ts';
import { type FrameClock, Playback } from './playback.svelte.ts';
import { speedFor } from './player.ts';
import { MultiTimeline } from './timeline.ts';
import { TraceIndex, indexTrace } from './traceIndex.ts';
import { ev } from './testEvents.ts';

const C = -1;

/**
 * A small block-stm-like run shifted by `at` µs: tx 0 and tx 1 run at once, tx 1 fails validation on k (a conflict at
 * at+62) and runs again; `stretch` scales its length (two strategies on one block are not equally fast).
 */
function run(at: number, stretch = 1, strategy = 'block-stm'): Trace {
  const T = (x: number): number => at + x * stretch;
  return {
    strategy,
    workers: 2,
    txCount: 2,
    events: [
      ev(0, C, -1, 0, { kind: 'run-start', strategy, workers: 2, txCount: 2 }),
      ev(T(0), C, 0, 0, { kind: 'queued' }),
      ev(T(0), C, 1, 0, { kind: 'queued' }),
      ev(T(20), 0, 0, 0, { kind: 'exec-start' }),
      ev(T(50), 0, 0, 0, { kind: 'exec-end', reads: ['k'], writes: ['k'], gas: 10, status: 'success' }),
      ev(T(20), 1, 1, 0, { kind: 'exec-start' }),
      ev(T(40), 1, 1, 0, { kind: 'exec-end', reads: ['k'], writes: ['k'], gas: 20, status: 'success' }),
      ev(T(61), C, 0, 0, { kind: 'commit', gas: 10 }),
      ev(T(62), C, 1, 0, { kind: 'validate-fail', key: 'k', writerTx: 0 }),
      ev(T(70), 0, 1, 1, { kind: 'exec-start' }),
      ev(T(90), 0, 1, 1, { kind: 'exec-end', reads: ['k'], writes: ['k'], gas: 20, status: 'success' }),
      ev(T(96), C, 1, 1, { kind: 'commit', gas: 20 }),
    ],
  };
}

/** Frames by hand: `tick(ms)` runs every frame requested so far, `ms` later. */
class FakeClock implements FrameClock {
  ms = 1000;
  private frames = new Map<number, (now: number) => void>();
  private id = 0;
  now(): number {
    return this.ms;
  }
  request(frame: (now: number) => void): number {
    this.frames.set(++this.id, frame);
    return this.id;
  }
  cancel(id: number): void {
    this.frames.delete(id);
  }
  get waiting(): number {
    return this.frames.size;
  }
  tick(ms: number): void {
    this.ms += ms;
    const due = [...this.frames.values()];
    this.frames.clear();
    for (const f of due) f(this.ms);
  }
}

describe('Playback on one run', () => {
  it('replays a finished run from its start at a speed that lasts a few seconds, stops at the end, and idles', async () => {
    const clock = new FakeClock();
    const p = new Playback(clock);
    const ix = indexTrace(run(100));
    p.load(ix, false);
    expect(p.player).toMatchObject({ t: 100, playing: true, follow: false });
    expect(p.speed).toBeCloseTo(speedFor(96));
    clock.tick(16);
    expect(p.t).toBeCloseTo(100 + 16 * 1000 * p.speed);
    for (let i = 0; i < 400 && clock.waiting > 0; i++) clock.tick(16);
    expect(p.player).toMatchObject({ t: 196, playing: false });
    expect(clock.waiting).toBe(0); // nothing moves: no frames
    expect(p.atEnd).toBe(true);
    await p.replayed();
  });

  it('does not jump over a long gap between frames (a background tab)', () => {
    const clock = new FakeClock();
    const p = new Playback(clock);
    p.load(indexTrace(run(0)), false, false);
    p.setSpeed(1e-4);
    p.seek(0);
    p.play();
    clock.tick(60_000);
    expect(p.t).toBeCloseTo(100 * 1000 * 1e-4); // capped at 100 ms of wall time
  });

  it('stops at a conflict when pause-on-conflict is on, and jumps between conflicts telling the stage', () => {
    const clock = new FakeClock();
    const p = new Playback(clock);
    const jumped: number[] = [];
    p.onjump = (c) => jumped.push(c.tx);
    p.load(indexTrace(run(0)), false, false);
    expect(p.player).toMatchObject({ t: 96, playing: false });
    p.setPauseOnConflict(true);
    p.play(); // from the end: starts again from the beginning
    expect(p.t).toBe(0);
    for (let i = 0; i < 100 && clock.waiting > 0; i++) clock.tick(50);
    expect(p.player).toMatchObject({ t: 62, playing: false });
    expect(p.player.stoppedAt?.tx).toBe(1);
    expect(jumped).toEqual([]); // a breakpoint is not a jump
    p.seek(0);
    p.nextConflict();
    expect(p.t).toBe(62);
    expect(jumped).toEqual([1]);
    p.prevConflict(); // none before: stays, pauses
    expect(p.t).toBe(62);
    p.step(1);
    expect(p.t).toBe(70);
    p.step(-1);
    expect(p.t).toBe(62);
    p.seek(-5);
    expect(p.t).toBe(0);
    p.seek(Number.MAX_SAFE_INTEGER);
    expect(p.t).toBe(96);
  });

  it('follows a live run as it grows, then replays it when it finishes', () => {
    const clock = new FakeClock();
    const p = new Playback(clock);
    const full = run(10);
    const growing: Trace = { ...full, events: [] };
    const live = new LiveTrace();
    live.sync(growing);
    p.load(live, true);
    expect(p.player.follow).toBe(true);
    for (const e of full.events) {
      growing.events.push(e);
      live.sync(growing);
      clock.tick(16);
      if (e.kind !== 'run-start') expect(p.t).toBe(live.end);
    }
    expect(p.t).toBe(106);
    p.pause(); // the user takes over: no more following
    live.sync({ ...growing }); // (same events: nothing new)
    clock.tick(16);
    expect(p.player.follow).toBe(false);
    p.follow();
    clock.tick(16);
    expect(p.t).toBe(106);
    p.setLive(false);
    expect(p.player).toMatchObject({ t: 10, playing: true, follow: false });
  });

  it('keeps the chosen speed and the breakpoint for the next run', () => {
    const p = new Playback(new FakeClock());
    p.load(indexTrace(run(0)), false);
    p.setSpeed(0.25);
    p.setPauseOnConflict(true);
    p.slower();
    p.load(indexTrace(run(0, 3)), false);
    expect(p.speed).toBe(0.125);
    expect(p.player.pauseOnConflict).toBe(true);
    p.faster();
    expect(p.speed).toBe(0.25);
  });
});

describe('MultiTimeline (compare mode)', () => {
  it('puts every run on one axis from its own first activity', () => {
    const a = indexTrace(run(1000));
    const b = indexTrace(run(5, 2));
    const m = new MultiTimeline([a, b]);
    expect([m.start, m.end]).toEqual([0, 192]);
    expect(m.at(0, 50)).toBe(1050);
    expect(m.at(0, 150)).toBe(1096); // a finished run stays at its end
    expect(m.at(1, 150)).toBe(155);
    expect(m.conflictAfter(0)).toMatchObject({ t: 62 });
    expect(m.conflictAfter(62)).toMatchObject({ t: 124 });
    expect(m.conflictAfter(124)).toBeUndefined();
    expect(m.conflictBefore(124)?.t).toBe(62);
    expect(new MultiTimeline([]).start).toBe(Infinity);
  });

  it('steps through the union of every run’s events, and jumps through every run’s conflicts, in time order', () => {
    const arb = fc.array(fc.record({ at: fc.double({ min: 0, max: 1e6, noNaN: true }), stretch: fc.double({ min: 0.01, max: 50, noNaN: true }) }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(arb, (shapes) => {
        const ixs = shapes.map((s) => indexTrace(run(s.at, s.stretch)));
        const m = new MultiTimeline(ixs);
        // Times from different runs an ulp apart are one time on the shared axis: compare at a nanosecond's grain.
        const ns = (xs: number[]): number[] => [...new Set(xs.map((t) => Math.round(t * 1000)))];
        const rel = (pick: (ix: TraceIndex) => number[]): number[] => [...new Set(ixs.flatMap((ix) => pick(ix).map((t) => t - ix.start)))].sort((x, y) => x - y);
        const times = rel((ix) => [...ix.times.values]).filter((t) => t > 0);
        const seen: number[] = [];
        for (let t = 0, i = 0; i < 200; i++) {
          const n = m.eventAfter(t);
          if (n === t) break;
          seen.push((t = n));
        }
        expect(ns(seen)).toEqual(ns(times));
        const back: number[] = [];
        for (let t = m.end, i = 0; i < 200; i++) {
          const p = m.eventBefore(t);
          if (p >= t) break;
          back.push((t = p));
        }
        expect(ns(back.reverse())).toEqual(ns([0, ...times.slice(0, -1)]));
        const conflicts = rel((ix) => ix.conflicts.map((c) => c.t));
        const hops: number[] = [];
        for (let c = m.conflictAfter(0), i = 0; c && i < 50; c = m.conflictAfter(c.t), i++) hops.push(c.t);
        expect(ns(hops)).toEqual(ns(conflicts));
      }),
      { numRuns: 100 },
    );
  });
});

describe('Playback over several runs (compare mode)', () => {
  it('plays every run on one clock and stops at the first conflict of any of them', () => {
    const clock = new FakeClock();
    const p = new Playback(clock);
    const fast = indexTrace(run(300, 0.5, 'block-stm'));
    const slow = indexTrace(run(20, 2, 'sequential'));
    const m = new MultiTimeline([slow, fast]);
    p.load(m, false, false);
    expect(p.player).toMatchObject({ t: 192, playing: false }); // shown whole
    p.setPauseOnConflict(true);
    p.play();
    for (let i = 0; i < 500 && clock.waiting > 0; i++) clock.tick(16);
    expect(p.t).toBe(31); // block-stm's conflict, 62 × 0.5 after its start
    expect(p.player.stoppedAt).toBe(fast.conflicts[0]);
    p.play();
    for (let i = 0; i < 500 && clock.waiting > 0; i++) clock.tick(16);
    expect(p.t).toBe(124);
    expect(p.player.stoppedAt).toBe(slow.conflicts[0]);
    p.play();
    for (let i = 0; i < 500 && clock.waiting > 0; i++) clock.tick(16);
    expect(p.player).toMatchObject({ t: 192, playing: false });
    p.seek(0);
    p.step(1);
    expect(p.t).toBe(10); // block-stm's first execution, 20 × 0.5 in
    p.prevConflict();
    expect(p.t).toBe(10);
    p.seek(100);
    p.prevConflict();
    expect(p.t).toBe(31);
  });

  it('follows the strategy running now, drawn with the finished ones, and shows them whole when it finishes', () => {
    const clock = new FakeClock();
    const p = new Playback(clock);
    const done = indexTrace(run(50, 1, 'sequential'));
    const full = run(7, 3, 'block-stm');
    const growing: Trace = { ...full, events: [] };
    const live = new LiveTrace();
    live.sync(growing);
    let tracks = [done];
    const m = new MultiTimeline(() => [...tracks, live]);
    p.load(m, true, false);
    tracks = [done];
    const seen: number[] = [];
    for (const e of full.events) {
      growing.events.push(e);
      live.sync(growing);
      clock.tick(16);
      seen.push(p.t);
    }
    // The playhead stays at the end of the longer of the two: first the finished run, then the running one passes it.
    expect(seen.at(-1)).toBe(288);
    expect(seen.every((t, i) => i === 0 || t >= seen[i - 1])).toBe(true);
    expect(m.at(0, p.t)).toBe(146);
    expect(m.at(1, p.t)).toBe(295);
    p.setLive(false, false);
    expect(p.player).toMatchObject({ t: 288, playing: false });
    expect(p.speed).toBeCloseTo(speedFor(288));
  });
});

describe('LiveTrace', () => {
  it('indexes a trace incrementally, and anew when it is another trace or its events were replaced', () => {
    const live = new LiveTrace();
    const full = run(0);
    const t1: Trace = { ...full, events: full.events.slice(0, 5) };
    expect(live.sync(t1)).toBe('new');
    const r = live.revision;
    expect(live.sync(t1)).toBe('same');
    t1.events.push(...full.events.slice(5));
    expect(live.sync(t1)).toBe('grew');
    expect(live.revision).toBe(r + 1);
    expect(live.ix.commits.length).toBe(2);
    t1.events = [...t1.events];
    expect(live.sync(t1)).toBe('new');
    expect(live.sync(null)).toBe('new');
    expect(Number.isFinite(live.start)).toBe(false);
  });
});
