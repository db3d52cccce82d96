/**
 * `EventLog`: the page's copy of a streaming trace. It keeps the first `cap` events as text lines (a list of
 * thousands of DOM nodes is fine; tens of thousands is not) and counts everything, so the page can say how many
 * it left out.
 */
import type { TraceEvent, TraceEventKind } from '../engine/trace/events.ts';
import { formatEvent } from './format.ts';

export const EVENT_LIST_CAP = 2000;

export class EventLog {
  readonly lines: string[] = [];
  total = 0;
  readonly byKind: Partial<Record<TraceEventKind, number>> = {};

  constructor(readonly cap: number = EVENT_LIST_CAP) {}

  add(batch: readonly TraceEvent[]): void {
    for (const e of batch) {
      this.total++;
      this.byKind[e.kind] = (this.byKind[e.kind] ?? 0) + 1;
      if (this.lines.length < this.cap) this.lines.push(formatEvent(e));
    }
  }

  get truncated(): boolean {
    return this.total > this.lines.length;
  }
}
