/**
 * What every view of a run receives, as one object instead of the same five props: the run's index (a tracked read:
 * `$derived`s over it re-run as a live run grows, see `liveTrace.svelte.ts`), the playback time on that run's clock,
 * and the selected transaction with the way to select one.
 */
import type { TraceIndex } from './traceIndex.ts';

export interface RunView {
  readonly ix: TraceIndex;
  /** Playback time on the run's clock (µs). */
  readonly t: number;
  readonly selectedTx: number | null;
  select(tx: number): void;
}
