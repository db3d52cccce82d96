/**
 * `TraceRecorder`: collects events (cheaply: an array push) and hands them to a subscriber in batches while the
 * run goes, so a page can draw a run that is still executing.
 */
import { COORDINATOR, type TraceEvent } from './events.ts';

/** An event's own fields, without the ones every event has (`t`, `worker`, `tx`, `incarnation`). */
export type EventBody = TraceEvent extends infer E ? (E extends TraceEvent ? Omit<E, 't' | 'worker' | 'tx' | 'incarnation'> : never) : never;

export const nowAbs = (): number => performance.timeOrigin + performance.now();

export class TraceRecorder {
  /** Replaced, not cleared, by `release`: the trace handed out keeps the array. */
  events: TraceEvent[] = [];
  private flushed = 0;
  /** False once `streamOnly`: events are let go as soon as the subscriber has them. */
  private keep = true;

  /**
   * `clock`: µs since the run began. Real runs read the wall clock; a simulated run (the scale lab's transport) passes
   * its virtual clock, so coordinator events land on the same time line as its simulated executions.
   */
  constructor(
    readonly startAbs: number = nowAbs(),
    private onEvents?: (batch: TraceEvent[]) => void,
    private readonly clock?: () => number,
  ) {}

  /** µs since the run began. */
  now(): number {
    return this.clock ? this.clock() : Math.round((nowAbs() - this.startAbs) * 1000);
  }

  private watchers: ((e: TraceEvent) => void)[] = [];

  /** Whether an event would reach anyone (kept, streamed or watched): a caller may skip building one when not. */
  get recording(): boolean {
    return this.keep || this.onEvents !== undefined || this.watchers.length > 0;
  }

  push(event: TraceEvent): void {
    if (this.keep || this.onEvents) this.events.push(event);
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
    if (!this.recording) return;
    this.push({ t: this.now(), worker: COORDINATOR, tx, incarnation, ...body } as TraceEvent);
  }

  /** From now on events only pass through: the subscriber and the watchers get every one, and `events` keeps none
   * once they have (a caller that wants the result, not the trace: `RunOptions.keepTrace`; 100,000 transactions
   * record ~550,000 events, ~70 MB). */
  streamOnly(): void {
    this.flush();
    this.keep = false;
    this.events.length = 0;
    this.flushed = 0;
  }

  /** The run is over and its trace handed out: let go of the events, the subscriber and the watchers. A finished
   * run's objects may outlive it (`runtime/execute.ts`, `lastRuns`), and should not keep its trace or its page. */
  release(): void {
    this.events = [];
    this.flushed = 0;
    this.watchers = [];
    this.onEvents = undefined;
  }

  /** Hands everything recorded since the last flush to the subscriber. */
  flush(): void {
    if (!this.onEvents || this.flushed === this.events.length) return;
    const batch = this.events.slice(this.flushed);
    this.flushed = this.events.length;
    this.onEvents(batch);
    if (this.keep) return;
    this.events.length = 0;
    this.flushed = 0;
  }
}
