/**
 * A trace recorder that lets the hot-key model watch the run: every event goes to the run's own recorder unchanged,
 * and each finished execution's write set is learned, and so is the key of each abort. The model learns from the trace, the same stream the
 * run history learns from across runs.
 */
import type { StateKey, TraceEvent } from '../../trace/events.ts';
import { TraceRecorder } from '../../trace/recorder.ts';
import type { HotKeyModel } from './hotKeys.ts';

export class LearningRecorder extends TraceRecorder {
  constructor(
    private readonly inner: TraceRecorder,
    private readonly model: HotKeyModel,
    private readonly classes: readonly (readonly string[])[],
    private readonly coinbaseKey: StateKey,
  ) {
    super(inner.startAbs);
  }

  override now(): number {
    return this.inner.now();
  }

  override push(e: TraceEvent): void {
    this.inner.push(e);
    if ((e.kind === 'validate-fail' || e.kind === 'exec-abort') && e.tx >= 0) return this.model.learnConflict(this.classes[e.tx], e.key);
    if (e.kind !== 'exec-end' || e.tx < 0) return;
    // The trace lists fee credits among the writes; a credit is a delta, not a conflict.
    const coinbase = this.coinbaseKey;
    this.model.learnAll(this.classes[e.tx], e.writes.includes(coinbase) && !e.reads.includes(coinbase) ? e.writes.filter((k) => k !== coinbase) : e.writes);
  }

  override flush(): void {
    this.inner.flush();
  }
}
