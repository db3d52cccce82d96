/**
 * `TraceRecorder`: collects events (cheaply: an array push) and hands them to a subscriber in batches while the
 * run goes, so a page can draw a run that is still executing.
 */
import { COORDINATOR, type TraceEvent } from './events.ts';

/** An event's own fields, without the ones every event has (`t`, `worker`, `tx`, `incarnation`). */
export type EventBody = TraceEvent extends infer E ? (E extends TraceEvent ? Omit<E, 't' | 'worker' | 'tx' | 'incarnation'> : never) : never;

export const nowAbs = (): number => performance.timeOrigin + performance.now();

export class TraceRecorder {
  readonly events: TraceEvent[] = [];
  private flushed = 0;

  /**
   * `clock`: µs since the run began. Real runs read the wall clock; a simulated run (the scale lab's transport) passes
   * its virtual clock, so coordinator events land on the same time line as its simulated executions.
   */
  constructor(
    readonly startAbs: number = nowAbs(),
    private readonly onEvents?: (batch: TraceEvent[]) => void,
    private readonly clock?: () => number,
  ) {}

  /** µs since the run began. */
  now(): number {
    return this.clock ? this.clock() : Math.round((nowAbs() - this.startAbs) * 1000);
  }

  private watchers: ((e: TraceEvent) => void)[] = [];

  push(event: TraceEvent): void {
    this.events.push(event);
    for (const w of this.watchers) w(event);
  }

  /** Calls `fn` with every event recorded from now on (a policy that learns from the run, like `predictive`). */
  watch(fn: (e: TraceEvent) => void): () => void {
    this.watchers.push(fn);
    return () => {
      this.watchers = this.watchers.filter((w) => w !== fn);
    };
  }

  /** Records a coordinator decision (scheduling, validation, commit) about `tx` that happens now. */
  coordinator(tx: number, incarnation: number, body: EventBody): void {
    // Through push(), so a recorder that watches events (predictive's model) sees these too.
    this.push({ t: this.now(), worker: COORDINATOR, tx, incarnation, ...body } as TraceEvent);
  }

  /** Hands what is pending to the subscriber, then lets go of every event recorded so far (a caller that wants the
   * result, not the trace: `RunOptions.keepTrace`). Recording goes on. */
  discard(): void {
    this.flush();
    this.events.length = 0;
    this.flushed = 0;
  }

  /** Hands everything recorded since the last flush to the subscriber. */
  flush(): void {
    if (!this.onEvents || this.flushed === this.events.length) return;
    const batch = this.events.slice(this.flushed);
    this.flushed = this.events.length;
    this.onEvents(batch);
  }
}
