import { describe, expect, it } from 'vitest';
import { COORDINATOR, type TraceEvent } from './events.ts';
import { TraceRecorder } from './recorder.ts';

describe('TraceRecorder.coordinator', () => {
  it('records a coordinator event at the current time, through push (so a watching subclass sees it)', () => {
    const seen: TraceEvent[] = [];
    class Watching extends TraceRecorder {
      override push(e: TraceEvent): void {
        seen.push(e);
        super.push(e);
      }
    }
    const r = new Watching();
    const before = r.now();
    r.coordinator(3, 1, { kind: 'validate-fail', key: 'a00', writerTx: 2 });
    expect(r.events).toHaveLength(1);
    expect(seen).toEqual(r.events);
    const [e] = r.events;
    expect(e).toMatchObject({ worker: COORDINATOR, tx: 3, incarnation: 1, kind: 'validate-fail', key: 'a00', writerTx: 2 });
    expect(e.t).toBeGreaterThanOrEqual(before);
    expect(e.t).toBeLessThanOrEqual(r.now());
  });
});

const event = (tx: number): TraceEvent => ({ t: tx, worker: 0, tx, incarnation: 0, kind: 'queued' });

/** A recorder with a subscriber and a watcher, and what each of them got. */
function subscribed() {
  const batches: TraceEvent[][] = [];
  const watched: TraceEvent[] = [];
  const r = new TraceRecorder(0, (b) => batches.push(b));
  r.watch((e) => watched.push(e));
  return { r, batches, watched };
}

describe('TraceRecorder.streamOnly', () => {
  it('hands every event to the subscriber and the watchers, and keeps none once handed out', () => {
    const { r, batches, watched } = subscribed();
    r.push(event(0));
    r.streamOnly(); // hands out what was pending first
    r.push(event(1));
    r.push(event(2));
    expect(r.events).toHaveLength(2);
    r.flush();
    expect(r.events).toEqual([]);
    expect(batches).toEqual([[event(0)], [event(1), event(2)]]);
    expect(watched.map((e) => e.tx)).toEqual([0, 1, 2]);
  });

  it('keeps nothing at all without a subscriber', () => {
    const r = new TraceRecorder(0);
    r.streamOnly();
    r.push(event(0));
    expect(r.events).toEqual([]);
  });
});

describe('TraceRecorder.release', () => {
  it('lets go of the trace handed out, the subscriber and the watchers; the trace keeps its events', () => {
    const { r, batches, watched } = subscribed();
    r.push(event(0));
    r.flush();
    const trace = r.events;
    r.release();
    expect(r.events).not.toBe(trace);
    expect(r.events).toEqual([]);
    expect(trace).toEqual([event(0)]);
    r.push(event(1)); // a late event (none comes after a run's end) reaches nobody from before
    r.flush();
    expect(trace).toEqual([event(0)]);
    expect(batches).toEqual([[event(0)]]);
    expect(watched).toEqual([event(0)]);
  });
});
