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
