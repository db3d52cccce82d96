/**
 * `TraceRecorder`: collects events (cheaply: an array push) and hands them to a subscriber in batches while the
 * run goes, so a page can draw a run that is still executing.
 */
import type { TraceEvent } from './events.ts';

export const nowAbs = (): number => performance.timeOrigin + performance.now();

export class TraceRecorder {
  readonly events: TraceEvent[] = [];
  private flushed = 0;

  constructor(readonly startAbs: number = nowAbs(), private readonly onEvents?: (batch: TraceEvent[]) => void) {}

  /** µs since the run began. */
  now(): number {
    return Math.round((nowAbs() - this.startAbs) * 1000);
  }

  push(event: TraceEvent): void {
    this.events.push(event);
  }

  /** Hands everything recorded since the last flush to the subscriber. */
  flush(): void {
    if (!this.onEvents || this.flushed === this.events.length) return;
    const batch = this.events.slice(this.flushed);
    this.flushed = this.events.length;
    this.onEvents(batch);
  }
}
