/**
 * What the stage shows about conflicts, computed here rather than in `Stage.svelte`: the run's dependency analysis
 * (once the run is over) and the selected conflict in words at the playhead. Pure: the component only reads these.
 */
import { analyseConflicts, type ConflictAnalysis } from '../../engine/analysis/conflicts.ts';
import { coinbaseKey } from '../../engine/evm/keys.ts';
import type { Scenario } from '../../engine/scenario/types.ts';
import type { Trace } from '../../engine/trace/events.ts';
import { type Explanation, explainConflict } from '../../app/explain/conflictStory.ts';
import type { KeyNamer } from '../../app/explain/keyNames.ts';
import { conflictFacts, type KnownFunction } from './inspect.ts';
import type { Conflict } from './model.ts';
import type { TraceIndex } from './traceIndex.ts';

/**
 * The run's dependency graph, or null while there is none to draw: no trace, a live run (the graph needs every
 * commit, so it waits for the end), or nothing committed yet. The scenario's coinbase makes fee credits deltas.
 */
export function runAnalysis(
  trace: Trace | null,
  ix: { readonly commits: { readonly length: number } },
  live: boolean,
  scenario: Pick<Scenario, 'block'> | null,
): ConflictAnalysis | null {
  if (live || !trace || ix.commits.length === 0) return null;
  return analyseConflicts(trace, scenario ? coinbaseKey(scenario) : undefined);
}

/**
 * The incarnation of the conflict's reader that had committed by `t`, or -1 (none yet, or no conflict). A number,
 * so a derived over it changes only when the reader commits, not on every frame of playback.
 */
export function settledIncarnation(ix: TraceIndex, c: Conflict | null, t: number): number {
  return c ? (conflictFacts(ix, c, t).committedIncarnation ?? -1) : -1;
}

/** A function's name from its 4-byte selector, when a known ABI has it (`transfer`, without the argument types). */
export function functionName(known: ReadonlyMap<string, KnownFunction>, selector: string): string | undefined {
  return known.get(selector)?.signature.replace(/\(.*$/, '');
}

/** The selected conflict in words, with its reader's settled incarnation (`settledIncarnation`); null without names. */
export function explainSelected(
  c: Conflict | null,
  settled: number,
  names: KeyNamer | null,
  known: ReadonlyMap<string, KnownFunction>,
): Explanation | null {
  if (!c || !names) return null;
  return explainConflict({ ...c, ...(settled >= 0 ? { committedIncarnation: settled } : {}) }, names, (s) => functionName(known, s));
}
