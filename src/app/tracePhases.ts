/**
 * The phases of a run, as spans on its clock, for the lanes to label: where the time went when no transaction ran.
 * Before the first phase the workers start (`start-up`); sender recovery checks every signature; execution runs the
 * transactions; at the end the state root is computed (a tail with no bars, which looked like nothing happening).
 * Inside execution, the time until a worker's first execution is its warm-up (its first message and code load).
 * Read from the trace's own `phase-start` / `phase-end` events; incremental, since a live run's trace grows.
 */
import type { TraceEvent } from '../engine/trace/events.ts';

export type PhaseName = 'start-up' | 'recover-senders' | 'execute' | 'commit' | 'state-root' | 'warm-up';

export interface PhaseSpan {
  phase: PhaseName;
  /** In words, for the label. */
  label: string;
  /** Run-clock µs; `end` is the latest event seen while the phase is still open. */
  start: number;
  end: number;
  open: boolean;
}

export const PHASE_LABEL: Record<PhaseName, string> = {
  'start-up': 'start-up',
  'recover-senders': 'sender recovery',
  execute: 'execution',
  commit: 'commit',
  'state-root': 'state root',
  'warm-up': 'worker warm-up',
};

/** Reads the events appended since the last call; `spans()` are the phases so far, in time order. */
export class PhaseTracker {
  private read = 0;
  private events: readonly TraceEvent[] | null = null;
  private readonly done: PhaseSpan[] = [];
  private readonly openSpans = new Map<string, PhaseSpan>();
  private firstPhaseAt = Infinity;
  private runStart: number | undefined;
  private executeAt: number | undefined;
  private firstExec = Infinity;
  private latest = 0;

  update(events: readonly TraceEvent[]): void {
    if (events !== this.events) {
      if (this.read > 0) throw new Error('PhaseTracker.update: a different trace; make a new tracker for it');
      this.events = events;
    }
    for (let i = this.read; i < events.length; i++) {
      const e = events[i]!;
      if (e.t > this.latest) this.latest = e.t;
      if (e.kind === 'run-start') this.runStart = e.t;
      else if (e.kind === 'phase-start') {
        this.firstPhaseAt = Math.min(this.firstPhaseAt, e.t);
        if (e.phase === 'execute') this.executeAt = e.t;
        this.openSpans.set(e.phase, { phase: e.phase, label: PHASE_LABEL[e.phase], start: e.t, end: e.t, open: true });
      } else if (e.kind === 'phase-end') {
        const s = this.openSpans.get(e.phase);
        if (s) {
          this.openSpans.delete(e.phase);
          this.done.push({ ...s, end: e.t, open: false });
        }
      } else if (e.kind === 'exec-start' && e.t < this.firstExec) this.firstExec = e.t;
    }
    this.read = events.length;
  }

  spans(): PhaseSpan[] {
    const out: PhaseSpan[] = [...this.done, ...[...this.openSpans.values()].map((s) => ({ ...s, end: Math.max(s.start, this.latest) }))];
    if (this.runStart !== undefined && Number.isFinite(this.firstPhaseAt) && this.firstPhaseAt > this.runStart) {
      out.push({ phase: 'start-up', label: PHASE_LABEL['start-up'], start: this.runStart, end: this.firstPhaseAt, open: false });
    }
    if (this.executeAt !== undefined && Number.isFinite(this.firstExec) && this.firstExec > this.executeAt) {
      out.push({ phase: 'warm-up', label: PHASE_LABEL['warm-up'], start: this.executeAt, end: this.firstExec, open: false });
    }
    return out.sort((a, b) => a.start - b.start || Number(a.phase === 'warm-up') - Number(b.phase === 'warm-up'));
  }
}

/** The phases of a whole trace at once. */
export function tracePhases(events: readonly TraceEvent[]): PhaseSpan[] {
  const t = new PhaseTracker();
  t.update(events);
  return t.spans();
}

/**
 * Where a phase's label goes, in pixels, or null when the span is too narrow to carry it: at the span's left edge,
 * pushed right to stay inside the chart ([left, right]) and inside the span. (`phaseLabelBeside` places the label of
 * a narrow span instead.)
 */
export function phaseLabelX(x1: number, x2: number, labelW: number, left: number, right: number): number | null {
  const a = Math.max(x1, left);
  const b = Math.min(x2, right);
  if (b - a < labelW + 6) return null;
  return a + 3;
}

const trackers = new WeakMap<readonly TraceEvent[], PhaseTracker>();
/** The phases of a trace that may still be growing: each call reads only the events added since the last. */
export function phasesOf(events: readonly TraceEvent[]): PhaseSpan[] {
  let t = trackers.get(events);
  if (!t) trackers.set(events, (t = new PhaseTracker()));
  t.update(events);
  return t.spans();
}

/**
 * The label of a span too narrow to carry it (a short state root, a worker's warm-up): from the span's start, moved
 * left as far as needed to end inside the chart; null when the span is not in view at all or under 3 px wide.
 */
export function phaseLabelBeside(x1: number, x2: number, labelW: number, left: number, right: number): number | null {
  const a = Math.max(x1, left);
  const b = Math.min(x2, right);
  if (b - a < 3) return null;
  return Math.max(left + 3, Math.min(a + 3, right - labelW - 3));
}
