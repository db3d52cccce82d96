/**
 * A finished run in plain words, from its own figures: where the aborts came from (named keys), what bounds the
 * speedup and why (the heaviest dependency chain, measured in gas), and what the run achieved against that bound.
 * Each sentence says its unit: aborts and executions are counts, the chain is weighted by gas, times are this run's
 * wall-clock milliseconds.
 */
import type { ConflictAnalysis } from '../../engine/analysis/conflicts.ts';
import type { Result } from '../../engine/result.ts';
import { formatRatio, groupDigits } from '../format.ts';
import type { KeyNamer } from './keyNames.ts';

export interface RunStory {
  aborts: string;
  bound: string | null;
  achieved: string;
}

const pct = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 100) : 0);
const times = formatRatio;
/** A share in words: `42`, or `under 1` for a part too small to round to 1 % (never `0 %` of something that is there). */
const share = (part: number, whole: number): string => (part > 0 && whole > 0 && (part / whole) * 100 < 0.5 ? 'under 1' : String(pct(part, whole)));
const plural = (n: number, one: string, many = `${one}s`): string => `${groupDigits(n)} ${n === 1 ? one : many}`;

/** The keys that link the critical path, most links first. */
export function criticalPathKeys(a: Pick<ConflictAnalysis, 'criticalPath' | 'edges'>): { key: string; links: number }[] {
  const edgeKey = new Map(a.edges.map((e) => [`${e.from}>${e.to}`, e.key]));
  const count = new Map<string, number>();
  for (let i = 1; i < a.criticalPath.length; i++) {
    const k = edgeKey.get(`${a.criticalPath[i - 1]}>${a.criticalPath[i]}`);
    if (k !== undefined) count.set(k, (count.get(k) ?? 0) + 1);
  }
  return [...count].map(([key, links]) => ({ key, links })).sort((x, y) => y.links - x.links);
}

/** The longest chain of dependent transactions counted in transactions (not gas): `edges` go from earlier to later. */
export function longestChain(a: Pick<ConflictAnalysis, 'edges' | 'txCount'>): number {
  if (a.txCount === 0) return 0;
  const depth = new Map<number, number>();
  for (const e of [...a.edges].sort((x, y) => x.to - y.to)) depth.set(e.to, Math.max(depth.get(e.to) ?? 1, (depth.get(e.from) ?? 1) + 1));
  return Math.max(1, ...depth.values());
}

/**
 * Which side of a speedup ran on cold workers (`RunStats.coldWorkers`: their first run, the JavaScript engine compiling
 * the EVM as it went) while the other did not: `run` — the speedup understates the strategy; `reference` — it
 * overstates it; null when both or neither did.
 */
export function coldSide(result: { stats: Pick<Result['stats'], 'coldWorkers'> }, reference: { stats: Pick<Result['stats'], 'coldWorkers'> }): 'run' | 'reference' | null {
  const run = (result.stats.coldWorkers ?? 0) > 0;
  const ref = (reference.stats.coldWorkers ?? 0) > 0;
  return run === ref ? null : run ? 'run' : 'reference';
}

/** The same in two words, beside a speedup figure (the metrics, a figure's caption). */
export function coldLabel(side: 'run' | 'reference'): string {
  return side === 'run' ? 'cold run' : 'cold reference';
}

/** The sentence that says so, after the speedup. */
export function coldNote(side: 'run' | 'reference' | null): string {
  if (side === 'run') return ' It ran on cold workers (their first run: the JavaScript engine compiled the EVM as it went) and sequential on warm ones, so this understates it: run it again to compare fairly.';
  if (side === 'reference') return ' Sequential ran on cold workers (their first run: the JavaScript engine compiled the EVM as it went) and this run on warm ones, so this overstates it: verify again to compare fairly.';
  return '';
}

/**
 * `reference`: a sequential run of the same scenario (its time makes the speedup); `writersOf(key)` gives
 * transactions that wrote a key, so the namer can name mapping entries from their call arguments.
 */
export function runStory(result: Result, analysis: ConflictAnalysis | null, namer: KeyNamer, reference: Result | null, writersOf: (key: string) => number[] = () => []): RunStory {
  const s = result.stats;
  const name = (key: string) => namer.name(key, writersOf(key)).text;
  let aborts: string;
  if (s.aborts === 0) {
    aborts = s.reexecutions > 0
      ? `No aborts, but ${plural(s.reexecutions, 're-execution')}: results that went stale before their turn to commit were run again.`
      : `No aborts: every transaction’s first execution was the one committed (${plural(s.executions, 'execution')} for ${plural(result.txCount, 'transaction')}${s.hintExecutions ? `, ${groupDigits(s.hintExecutions)} of them hint passes` : ''}).`;
  } else {
    const byKey = Object.entries(s.abortsByKey).sort((a, b) => b[1] - a[1]);
    const top = byKey.slice(0, 3).map(([k, n]) => `${name(k)} (${groupDigits(n)})`);
    const rest = byKey.slice(3).reduce((sum, [, n]) => sum + n, 0);
    aborts = `${plural(s.aborts, 'abort')}, ${plural(s.reexecutions, 're-execution')}. By key: ${top.join(', ')}${rest > 0 ? `, and ${groupDigits(rest)} on ${plural(byKey.length - 3, 'other key')}` : ''}${byKey[0] ? ` — ${pct(byKey[0][1], s.aborts)} % on the first, where transactions read what an earlier one, running at the same time, wrote.` : '.'}`;
  }
  let bound: string | null = null;
  if (analysis && analysis.txCount > 0) {
    const b = analysis.speedupBound;
    const len = analysis.criticalPath.length;
    const gasShare = share(analysis.criticalPathGas, analysis.totalGas);
    if (analysis.edges.length === 0) {
      bound = `Nothing depends on anything here, so only the heaviest single transaction (${share(analysis.criticalPathGas, analysis.totalGas)} % of the block’s gas) limits a speedup: at most ${times(b)} sequential, on any number of workers.`;
    } else if (len === 1) {
      const longest = longestChain(analysis);
      bound = `The bound: at most ${times(b)} sequential, on any number of workers. The heaviest chain of dependent transactions, weighed in gas, is a single transaction with ${gasShare} % of the block’s gas${longest > 1 ? ` (the longest chain by count, ${plural(longest, 'transaction')}, carries less gas)` : ''}: no schedule finishes before it does (bound = total gas ÷ its gas).`;
    } else {
      const links = criticalPathKeys(analysis)[0];
      bound = `The bound: at most ${times(b)} sequential, on any number of workers. The heaviest chain of dependent transactions, weighed in gas, holds ${plural(len, 'transaction')} and ${gasShare} % of the block’s gas${links ? `, linked mostly through ${name(links.key)}` : ''}; each must wait for the one before, so no schedule finishes before that chain (bound = total gas ÷ chain gas).`;
    }
  }
  const ceiling = analysis ? Math.min(result.workers, analysis.speedupBound) : result.workers;
  const ref = result.strategy === 'sequential' ? result : reference;
  const work = `${plural(s.executions, 'execution')} for ${plural(result.txCount, 'transaction')}`;
  let achieved: string;
  if (ref && result.stats.wallMs > 0 && result.strategy !== 'sequential') {
    const speedup = ref.stats.wallMs / result.stats.wallMs;
    achieved = `This run: a speedup of ${times(speedup)} over sequential on ${plural(result.workers, 'worker')} (${groupDigits(Math.round(result.stats.wallMs))} ms of wall-clock time against ${groupDigits(Math.round(ref.stats.wallMs))} ms), against a ceiling of ${times(ceiling)} (the lower of the worker count and the bound): ${pct(speedup, ceiling)} % of it, with ${work}.${coldNote(coldSide(result, ref))}`;
  } else if (result.strategy === 'sequential') {
    achieved = `This run is the sequential reference: ${groupDigits(Math.round(result.stats.wallMs))} ms of wall-clock time on one worker, ${work}. A parallel strategy on ${plural(result.workers, 'worker')} could reach at most ${times(ceiling)} of it.`;
  } else {
    achieved = `This run took ${groupDigits(Math.round(result.stats.wallMs))} ms of wall-clock time on ${plural(result.workers, 'worker')}, ${work}; its ceiling is ${times(ceiling)} sequential (the lower of the worker count and the bound). Verify runs sequential to measure the speedup.`;
  }
  return { aborts, bound, achieved };
}
