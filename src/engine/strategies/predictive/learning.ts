/**
 * Lets the hot-key model watch the run: each finished execution's write set is learned, and so is the key of each
 * abort. The model learns from the trace, the same stream the run history learns from across runs.
 */
import type { StateKey, TraceEvent } from '../../trace/events.ts';
import type { HotKeyModel } from './hotKeys.ts';

export function learnFrom(model: HotKeyModel, classes: readonly (readonly string[])[], coinbaseKey: StateKey): (e: TraceEvent) => void {
  return (e) => {
    if ((e.kind === 'validate-fail' || e.kind === 'exec-abort') && e.tx >= 0) return model.learnConflict(classes[e.tx], e.key);
    if (e.kind !== 'exec-end' || e.tx < 0 || e.exec === 'hint') return;
    // The trace lists fee credits among the writes; a credit is a delta, not a conflict.
    model.learnAll(classes[e.tx], e.writes.includes(coinbaseKey) && !e.reads.includes(coinbaseKey) ? e.writes.filter((k) => k !== coinbaseKey) : e.writes);
  };
}
