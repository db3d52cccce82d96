import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../engine/trace/events.ts';
import { EventLog } from './eventLog.ts';

const queued = (tx: number): TraceEvent => ({ t: tx, worker: -1, tx, incarnation: 0, kind: 'queued' });

describe('EventLog', () => {
  it('keeps the first cap events as lines and counts them all', () => {
    const log = new EventLog(3);
    log.add([queued(0), queued(1)]);
    log.add([queued(2), queued(3), queued(4)]);
    expect(log.lines).toHaveLength(3);
    expect(log.lines[0]).toContain('tx 0.0');
    expect(log.total).toBe(5);
    expect(log.truncated).toBe(true);
    expect(log.byKind.queued).toBe(5);
  });

  it('is not truncated while under the cap', () => {
    const log = new EventLog();
    log.add([queued(0)]);
    expect(log.truncated).toBe(false);
  });
});
