/**
 * How `predictive`'s predictions fared, measured against the run's own trace: the true dependencies (read-after-write
 * edges between committed executions) and the conflicts the run actually hit (aborted executions).
 *
 * - `predictedConflicts`: transactions given a predecessor to follow;
 * - `predictionHits`: of those, the ones that really depend on that predecessor;
 * - `missedConflicts`: transactions that aborted although nothing was predicted for them;
 * - `abortedTxs`: transactions that aborted at least once.
 */
import { analyseConflicts } from '../../analysis/conflicts.ts';
import type { StateKey, TraceEvent } from '../../trace/events.ts';

export function scorecard(events: readonly TraceEvent[], predicted: Int32Array, coinbaseKey: StateKey): Record<string, number> {
  const n = predicted.length;
  const deps = new Set<number>();
  for (const e of analyseConflicts({ events: events as TraceEvent[], txCount: n }, coinbaseKey).edges) deps.add(e.from * n + e.to);
  const aborted = new Uint8Array(n);
  for (const e of events) if ((e.kind === 'validate-fail' || e.kind === 'exec-abort') && e.tx >= 0) aborted[e.tx] = 1;
  let predictedConflicts = 0;
  let predictionHits = 0;
  let missedConflicts = 0;
  let abortedTxs = 0;
  for (let tx = 0; tx < n; tx++) {
    const p = predicted[tx];
    if (p >= 0) {
      predictedConflicts++;
      if (deps.has(p * n + tx)) predictionHits++;
    } else if (aborted[tx]) missedConflicts++;
    abortedTxs += aborted[tx];
  }
  return { predictedConflicts, predictionHits, missedConflicts, abortedTxs };
}
