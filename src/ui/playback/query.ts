/** Questions the views ask of a `TraceIndex` at one playback time. Each is a few binary searches: seeking is instant. */
import type { Bar, BarLook, Conflict, Metrics, TxPhase, TxStep } from './model.ts';
import { upperBound, upperBoundBy } from './sorted.ts';
import type { TraceIndex } from './traceIndex.ts';

/** The step a transaction is in at `t` (undefined: not queued yet). */
export function txStepAt(ix: TraceIndex, tx: number, t: number): TxStep | undefined {
  const steps = ix.txSteps[tx];
  if (!steps) return undefined;
  // Inline binary search: this runs for every transaction every frame.
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (steps[mid].t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? steps[lo - 1] : undefined;
}

export function txPhaseAt(ix: TraceIndex, tx: number, t: number): TxPhase {
  return txStepAt(ix, tx, t)?.phase ?? 'pending';
}

/** How a bar looks at `t`: its outcome colour once the outcome is known, else running / executed (awaiting it). */
export function barLook(b: Bar, t: number, ix?: TraceIndex): BarLook {
  if (b.kind === 'recover') return 'recover';
  if (b.outcomeT <= t) return b.outcome === 'aborted' ? 'aborted' : isReexecution(b, ix) ? 'reexecuted' : 'committed';
  if (Number.isNaN(b.end) || b.end > t) return 'running';
  const next = ix?.txBars[b.tx]?.[b.attempt + 1];
  return next && next.start <= t ? 'discarded' : 'executed';
}

/** Whether an attempt is a re-execution, as the engine's ledger counts it (`exec` on the trace): a hint pass's
 * attempt (dag, access-locks, shards) is planning, not a failure, and never makes a commit a retry. Traces recorded
 * before executions carried their kind: a re-execution is an attempt after an aborted one. */
export function isReexecution(b: Bar, ix?: TraceIndex): boolean {
  if (b.exec !== undefined) return b.exec === 'reexec';
  if (b.attempt === 0) return false;
  const bars = ix?.txBars[b.tx];
  if (!bars) return true;
  for (let i = 0; i < b.attempt; i++) if (bars[i]?.outcome === 'aborted') return true;
  return false;
}

/** Calls `draw` for each bar of `lane` that started by `t` and overlaps [from, to]. Bars end at `t` if later. */
export function forBarsUntil(ix: TraceIndex, lane: number, t: number, from: number, to: number, draw: (b: Bar, end: number) => void): number {
  const bars = ix.lanes[lane] ?? [];
  const last = upperBoundBy(bars, Math.min(t, to), (b) => b.start);
  let i = upperBoundBy(bars, from - ix.maxBar - 1, (b) => b.start, 0, last);
  let n = 0;
  for (; i < last; i++) {
    const b = bars[i];
    const end = Number.isNaN(b.end) ? t : Math.min(b.end, t);
    if (end < from) continue;
    draw(b, end);
    n++;
  }
  return n;
}

/** Execution bars started by `t` on each worker. */
export function barsPerWorkerAt(ix: TraceIndex, t: number): number[] {
  return ix.lanes.map((bars, w) => ix.execPrefix[w][upperBoundBy(bars, t, (b) => b.start)]);
}

/** Busy time (µs) of a worker from the start to `t`: bars on one worker do not overlap. */
export function busyAt(ix: TraceIndex, lane: number, t: number): number {
  const bars = ix.lanes[lane] ?? [];
  const k = upperBoundBy(bars, t, (b) => b.start);
  if (k === 0) return 0;
  const b = bars[k - 1];
  const end = Number.isNaN(b.end) ? t : Math.min(b.end, t);
  return ix.busyPrefix[lane][k - 1] + Math.max(0, end - b.start);
}

export function metricsAt(ix: TraceIndex, t: number): Metrics {
  const elapsed = Math.max(0, t - ix.start);
  const committed = ix.commits.countAt(t);
  const executions = ix.executions.countAt(t);
  const gas = ix.gasPrefix[upperBoundBy(ix.commitGas, t, (c) => c.t)] ?? 0;
  const perSec = (x: number): number => (elapsed > 0 ? (x * 1e6) / elapsed : 0);
  return {
    t,
    elapsed,
    committed,
    executions,
    hintExecutions: ix.hintExecs.countAt(t),
    reexecutions: ix.kinded ? ix.reexecs.countAt(t) : executions - upperBound(ix.firstExecs, t),
    validations: ix.validations.countAt(t),
    aborts: ix.aborts.countAt(t),
    undeclared: ix.undeclared.countAt(t),
    gas,
    gasPerSec: perSec(gas),
    txPerSec: perSec(committed),
    // Every worker the run had, idle ones too (dag's second worker may never run anything: 0 %, not absent).
    utilisation: Array.from({ length: Math.max(ix.workers, ix.lanes.length) }, (_, w) => (elapsed > 0 ? Math.min(1, busyAt(ix, w, t) / elapsed) : 0)),
    barsPerWorker: barsPerWorkerAt(ix, t),
  };
}

/** Conflicts recorded by `t`, oldest first. */
export function conflictsUntil(ix: TraceIndex, t: number): Conflict[] {
  return ix.conflicts.slice(0, upperBoundBy(ix.conflicts, t, (c) => c.t));
}

// The stepping questions are the index's own (it is the player's `Timeline`); these are their plain-function forms.

/** The first conflict strictly after `t`, or undefined. */
export function nextConflict(ix: TraceIndex, t: number): Conflict | undefined {
  return ix.conflictAfter(t)?.conflict;
}

/** The last conflict strictly before `t`, or undefined. */
export function prevConflict(ix: TraceIndex, t: number): Conflict | undefined {
  return ix.conflictBefore(t)?.conflict;
}

/** The next recorded event time after `t` (or `t` at the end). */
export function nextEventTime(ix: TraceIndex, t: number): number {
  return ix.eventAfter(t);
}

/** The previous recorded event time before `t` (or the start). */
export function prevEventTime(ix: TraceIndex, t: number): number {
  return ix.eventBefore(t);
}

/** Count of transactions in each phase at `t`. */
export function phaseCounts(ix: TraceIndex, t: number): Record<TxPhase, number> {
  const out: Record<TxPhase, number> = { pending: 0, queued: 0, blocked: 0, executing: 0, validating: 0, aborted: 0, committed: 0 };
  for (let tx = 0; tx < ix.txCount; tx++) out[txPhaseAt(ix, tx, t)]++;
  return out;
}
