/**
 * A run's trace as Svelte sees it: a `TraceIndex` that grows in place while the run streams, behind getters that read
 * a `$state` revision. Anything that reads `live.ix` (or the timeline methods) in a `$derived`, an `$effect` or a
 * template is re-run when the index grows, so no view counts versions by hand.
 */
import type { Trace } from '../../engine/trace/events.ts';
import type { TimedConflict, Timeline } from './timeline.ts';
import { TraceIndex } from './traceIndex.ts';

export type SyncOutcome = 'same' | 'grew' | 'new';

export class LiveTrace implements Timeline {
  #ix = new TraceIndex();
  #trace: Trace | null = null;
  #rev = $state(0);

  /** A finished trace can be indexed at once (no reactive write: safe inside a `$derived`). */
  constructor(trace: Trace | null = null) {
    if (trace) {
      this.#trace = trace;
      this.#ix.update(trace);
    }
  }

  /** The index; reading it subscribes the reader to its growth. */
  get ix(): TraceIndex {
    void this.#rev;
    return this.#ix;
  }

  /** Bumped whenever the index grew or was replaced. */
  get revision(): number {
    return this.#rev;
  }

  /** The trace indexed (not tracked: a new one always comes with a revision bump). */
  get trace(): Trace | null {
    void this.#rev;
    return this.#trace;
  }

  /**
   * Reads what `trace` gained since the last call. A different trace, or the same one whose events array was replaced
   * rather than grown, starts a new index ('new'); null empties it.
   */
  sync(trace: Trace | null): SyncOutcome {
    if (trace !== this.#trace || (trace && this.#ix.processed > 0 && trace.events !== this.#ix.events)) {
      this.#trace = trace;
      this.#ix = new TraceIndex();
      if (trace) this.#ix.update(trace);
      this.#rev++;
      return 'new';
    }
    if (trace && this.#ix.update(trace)) {
      this.#rev++;
      return 'grew';
    }
    return 'same';
  }

  get start(): number {
    return this.ix.start;
  }
  get end(): number {
    return this.ix.end;
  }
  eventAfter(t: number, origin = 0): number {
    return this.ix.eventAfter(t, origin);
  }
  eventBefore(t: number, origin = 0): number {
    return this.ix.eventBefore(t, origin);
  }
  conflictAfter(t: number, origin = 0): TimedConflict | undefined {
    return this.ix.conflictAfter(t, origin);
  }
  conflictBefore(t: number, origin = 0): TimedConflict | undefined {
    return this.ix.conflictBefore(t, origin);
  }
}
