/**
 * The figures a lesson's reveal quotes, taken from the run the viewer just watched — never from a script. A reveal is
 * a list of paragraphs with `{name}` placeholders; a paragraph whose figures this run does not have (a shard count
 * on a run without shards) is left out rather than shown with a hole.
 */
import { analyseConflicts } from '../engine/analysis/conflicts.ts';
import { coinbaseKey, describeKey } from '../engine/evm/keys.ts';
import type { Result } from '../engine/result.ts';
import type { Trace } from '../engine/trace/events.ts';
import { formatRatio } from './format.ts';

export type RunFigures = Record<string, string | number>;

const pct = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 100) : 0);
const fixed = (x: number, digits: number): string => (Number.isFinite(x) ? x.toFixed(digits) : '∞');

/** A state key in words (`Pool 0.reserve0`), given transactions that touched it; `describeKey` when absent. */
export type NameKey = (key: string, txs: number[]) => string;

/** Up to three transactions that wrote `key` in the trace: their calls' words name mapping entries. */
function writers(trace: Pick<Trace, 'events'> | undefined, key: string): number[] {
  const out = new Set<number>();
  for (const e of trace?.events ?? []) {
    if (e.kind === 'exec-end' && e.writes.includes(key)) out.add(e.tx);
    if (out.size >= 3) break;
  }
  return [...out];
}

/**
 * Everything a reveal may quote about one run. `trace` adds the dependency analysis and the strategy-specific
 * counts (cross-shard messages, undeclared accesses); `coinbase` lets the analysis treat fee credits as deltas;
 * `nameKey` names keys as the stage does (`Counter.count` rather than hex).
 */
export function figuresOf(result: Result, trace?: Pick<Trace, 'events' | 'txCount'>, coinbase?: string, nameKey?: NameKey): RunFigures {
  const keyText = (key: string): string => (nameKey ? nameKey(key, writers(trace, key)) : describeKey(key));
  const s = result.stats;
  const f: RunFigures = {
    strategy: result.strategy,
    workers: result.workers,
    txCount: result.txCount,
    executions: s.executions,
    hintExecutions: s.hintExecutions ?? 0,
    reexecutions: s.reexecutions,
    reexecutedPct: pct(s.reexecutions, result.txCount),
    aborts: s.aborts,
    wallMs: Math.round(s.wallMs),
  };
  const byKey = Object.entries(s.abortsByKey).sort((a, b) => b[1] - a[1]);
  f.abortKeys = byKey.length;
  if (byKey[0]) {
    f.hotKey = keyText(byKey[0][0]);
    f.hotKeyAborts = byKey[0][1];
    f.hotKeyPct = pct(byKey[0][1], s.aborts);
  }
  for (const [name, value] of Object.entries(s.extra ?? {})) if (!(name in f) && Number.isFinite(value)) f[name] = value;
  // The strategy's own counts win over the same figure recounted from the trace.
  if (trace) for (const [name, value] of Object.entries(traceFigures(trace, coinbase, keyText))) if (!(name in f)) f[name] = value;
  const sends = Number(f.crossShardMessages);
  const crossing = Number(f.crossShardTxs);
  if (crossing > 0 && Number.isFinite(sends)) f.messagesPerCrossTx = fixed(sends / crossing, 1);
  if (crossing >= 0 && !('crossShardPct' in f)) f.crossShardPct = pct(crossing, result.txCount);
  return f;
}

function traceFigures(trace: Pick<Trace, 'events' | 'txCount'>, coinbase: string | undefined, keyText: (key: string) => string): RunFigures {
  const a = analyseConflicts(trace, coinbase ? coinbaseKey(coinbase) : undefined);
  const f: RunFigures = {
    dependencies: a.edges.length,
    independent: a.independent,
    independentPct: pct(a.independent, a.txCount),
    dependents: a.txCount - a.independent,
    criticalPathLength: a.criticalPath.length,
    criticalPathPct: pct(a.criticalPath.length, a.txCount),
    criticalPathGasPct: pct(a.criticalPathGas, a.totalGas),
    speedupBound: Number.isFinite(a.speedupBound) ? formatRatio(a.speedupBound).slice(0, -1) : '∞', // the template adds ×
  };
  if (a.hotKeys[0]) {
    f.hotDependencyKey = keyText(a.hotKeys[0].key);
    f.hotDependencyEdges = a.hotKeys[0].edges;
  }
  let sends = 0;
  let undeclared = 0;
  let routed = 0;
  const crossTxs = new Set<number>();
  for (const e of trace.events) {
    if (e.kind === 'cross-shard-send') sends++;
    else if (e.kind === 'undeclared') undeclared++;
    else if (e.kind === 'shard-route') {
      routed++;
      if (e.shards.length > 1) crossTxs.add(e.tx);
    }
  }
  if (routed > 0) {
    f.crossShardTxs = crossTxs.size;
    f.crossShardMessages = sends;
  }
  f.undeclared = undeclared;
  return f;
}

/** Number formatting for prose: 12345 → "12,345"; strings pass through. */
function show(value: string | number): string {
  return typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 2 }) : value;
}

/** The `{name}`s a piece of text uses. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

/** The plural nouns reveals put after a figure, and their singulars: "1 re-execution", not "1 re-executions". */
const SINGULAR: Record<string, string> = {
  're-executions': 're-execution',
  executions: 'execution',
  aborts: 'abort',
  times: 'time',
  transactions: 'transaction',
  dependencies: 'dependency',
  accesses: 'access',
  messages: 'message',
  workers: 'worker',
  shards: 'shard',
};

/** `text` as it follows a figure of `value`: its first noun (after an optional `first`/`more`) in the singular when
 * the value is exactly 1. */
export function agree(value: string | number, text: string): string {
  if (value !== 1) return text;
  return text.replace(/^(\s+(?:first |more |extra )?)([a-z-]+)/, (whole, lead: string, noun: string) => (SINGULAR[noun] ? lead + SINGULAR[noun] : whole));
}

/** One paragraph with its figures filled in, or null when the run lacks one of them. */
export function fill(text: string, figures: RunFigures): string | null {
  const parts = segments(text, figures);
  return parts === null ? null : parts.map((p) => p.text).join('');
}

/** The reveal's paragraphs this run can fill. */
export function fillAll(paragraphs: readonly string[], figures: RunFigures): string[] {
  return paragraphs.map((p) => fill(p, figures)).filter((p): p is string => p !== null);
}

export type Segment = { text: string } | { figure: string; text: string };

/** A paragraph as text and figure pieces (so a view can set the figures apart), or null when a figure is missing. */
export function segments(text: string, figures: RunFigures): Segment[] | null {
  if (placeholders(text).some((name) => !(name in figures))) return null;
  const out: Segment[] = [];
  let last = 0;
  let before: string | number | undefined;
  const plain = (t: string) => out.push({ text: before === undefined ? t : agree(before, t) });
  for (const m of text.matchAll(/\{(\w+)\}/g)) {
    if (m.index > last) plain(text.slice(last, m.index));
    before = figures[m[1]!]!;
    out.push({ figure: m[1]!, text: show(before) });
    last = m.index + m[0].length;
  }
  if (last < text.length) plain(text.slice(last));
  return out;
}
