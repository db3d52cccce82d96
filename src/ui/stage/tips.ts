/**
 * Hover tooltips for the stage's canvases, in words: a bar of the lanes, a token of the queue, a node of the graph
 * each name their transaction and what it is doing at the playhead (the legend's words), so a viewer can point
 * without clicking. Clicking still opens the inspector with everything.
 */
import { formatMs, groupDigits } from '../../app/format.ts';
import type { BarLook, TxPhase } from '../playback/model.ts';
import { barLook, txPhaseAt } from '../playback/query.ts';
import type { TraceIndex } from '../playback/traceIndex.ts';
import { LEGEND, LOOK_COLOUR } from './palette.ts';

const PHASE_WORDS: Record<TxPhase, string> = {
  pending: 'not queued yet',
  queued: 'waiting to run',
  blocked: 'blocked on another transaction',
  executing: 'executing',
  validating: 'executed, waiting for validation',
  aborted: 'aborted: it runs again',
  committed: 'committed',
};

const lookWords = (look: BarLook): string => LEGEND.find((l) => l.colour === LOOK_COLOUR[look])?.label ?? look;
const plural = (n: number, one: string): string => `${groupDigits(n)} ${one}${n === 1 ? '' : 's'}`;

/** A transaction at `t`: `tx 12: committed · 2 executions · 43,210 gas`. */
export function txTip(ix: TraceIndex, tx: number, t: number): string {
  const bars = ix.txBars[tx] ?? [];
  const started = bars.filter((b) => b.start <= t).length;
  const committed = bars.find((b) => b.outcome === 'committed' && b.outcomeT <= t);
  return `tx ${tx}: ${PHASE_WORDS[txPhaseAt(ix, tx, t)]} · ${plural(started, 'execution')} so far${committed ? ` · ${groupDigits(committed.gas)} gas` : ''} (click for details)`;
}

/** One execution attempt at `t`: `tx 4, execution 2 of it: committed after re-execution · 0.42 ms`. */
export function barTip(ix: TraceIndex, tx: number, incarnation: number, t: number): string {
  const b = (ix.txBars[tx] ?? []).find((x) => x.incarnation === incarnation);
  if (!b) return txTip(ix, tx, t);
  const ms = Number.isNaN(b.end) || b.end > t ? null : (b.end - b.start) / 1000;
  return `tx ${tx}, execution ${b.attempt + 1}: ${lookWords(barLook(b, t, ix))}${ms === null ? '' : ` · ${formatMs(ms)} ms`} (click for details)`;
}
