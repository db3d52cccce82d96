/**
 * Execution spans: each `exec-start` paired with the `exec-end` or `exec-abort` that ended it. One pairing for every
 * analysis that times executions (aborts' wasted time, metrics' busy and wasted time, conflicts' committed execution
 * times), fed one event at a time so a caller can interleave it with the other event kinds it reads.
 *
 * An end is paired with the earliest still-open start of the same worker, transaction and incarnation (FIFO per key).
 * The runtime records each start together with its end, so in a real trace the pairs are adjacent; the FIFO only
 * decides hand-built or reordered traces. An end with no open start (the analysis-only ends `dag` records) is a span
 * of zero length at the end's time.
 */
import type { ExecKind, TraceEvent } from '../trace/events.ts';

export type ExecFinish = Extract<TraceEvent, { kind: 'exec-end' | 'exec-abort' }>;

/** An execution that has started. */
export interface OpenExecution {
  worker: number;
  tx: number;
  incarnation: number;
  /** µs the execution started (for an end without a start: when it ended). */
  t0: number;
  /** The start's execution kind, when it said. */
  exec?: ExecKind;
}

/** An execution that has ended. */
export interface ExecSpan extends OpenExecution {
  /** µs it ended or stopped. */
  t1: number;
  /** The event that ended it (`exec-end`: finished; `exec-abort`: stopped on an ESTIMATE read). */
  end: ExecFinish;
}

export class SpanPairer {
  /** Open starts per `worker:tx:incarnation`, FIFO. A key is never removed once seen, so `pending` lists keys in the
   * order they first started (the order the callers' sums were written for). */
  private readonly open = new Map<string, OpenExecution[]>();

  /** Takes one event: a start is held open, an end comes back as its span, any other event as undefined. */
  push(e: TraceEvent): ExecSpan | undefined {
    if (e.kind === 'exec-start') {
      const x: OpenExecution = { worker: e.worker, tx: e.tx, incarnation: e.incarnation, t0: e.t, exec: e.exec };
      const k = `${e.worker}:${e.tx}:${e.incarnation}`;
      const list = this.open.get(k);
      if (list) list.push(x);
      else this.open.set(k, [x]);
      return undefined;
    }
    if (e.kind !== 'exec-end' && e.kind !== 'exec-abort') return undefined;
    const start = this.open.get(`${e.worker}:${e.tx}:${e.incarnation}`)?.shift();
    return { worker: e.worker, tx: e.tx, incarnation: e.incarnation, t0: start?.t0 ?? e.t, exec: start?.exec, t1: e.t, end: e };
  }

  /** Executions started and not (yet) ended — a live trace's in-flight ones: by key in the order each key first
   * started, FIFO within a key. */
  *pending(): IterableIterator<OpenExecution> {
    for (const list of this.open.values()) yield* list;
  }
}

/** Every ended execution of `events`, in the order they ended. */
export function executionSpans(events: Iterable<TraceEvent>): ExecSpan[] {
  const pairer = new SpanPairer();
  const out: ExecSpan[] = [];
  for (const e of events) {
    const span = pairer.push(e);
    if (span) out.push(span);
  }
  return out;
}
