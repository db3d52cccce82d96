/** How a comparison reads: the conflict-analysis summary and the table (plain text or Markdown). */
import { markdownTable, ms, percent, table, type Column } from '../format.ts';
import { ratio } from '../bench/report.ts';
import { speedupAboveBound, spread } from '../../engine/analysis/timing.ts';
import type { AnalysisSummary, Comparison, ComparisonRow } from './comparison.ts';

/** `12345678` → `12.3 M`; small numbers as they are. */
export function compactNumber(n: number): string {
  if (!Number.isFinite(n)) return '–';
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${(n / 1e9).toFixed(abs >= 1e10 ? 1 : 2)} G`;
  if (abs >= 1e6) return `${(n / 1e6).toFixed(abs >= 1e7 ? 1 : 2)} M`;
  if (abs >= 1e4) return `${(n / 1e3).toFixed(abs >= 1e5 ? 0 : 1)} k`;
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

/** A strategy's own figures, `name=value` (ratios with two decimals). */
export function formatExtra(extra: Record<string, number> | undefined): string {
  return Object.entries(extra ?? {})
    .map(([k, v]) => `${k}=${Number.isInteger(v) || Math.abs(v) >= 1e4 ? compactNumber(Math.round(v)) : v.toFixed(2)}`)
    .join(' ');
}

const fig = (r: ComparisonRow, f: (m: NonNullable<ComparisonRow['metrics']>) => string): string => (r.metrics ? f(r.metrics) : '–');

/** A speedup above what the workers or the block's dependencies allow is noise or a warm-up effect (or sender
 * recovery, which parallelises beyond the execution's bound): flagged, never shown plain. */
export const aboveBound = (r: ComparisonRow, bound: number): boolean => r.strategy !== 'sequential' && speedupAboveBound(r.metrics?.speedup, r.workers, bound);

const columns = (bound: number): Column<ComparisonRow>[] => [
  { header: 'strategy', value: (r) => r.strategy },
  { header: 'workers', value: (r) => String(r.workers), right: true },
  { header: 'wall ms', value: (r) => fig(r, (m) => ms(m.wallMs)), right: true },
  { header: 'spread', value: (r) => { const x = spread(r.wallMs); return x === undefined ? '–' : `±${percent(x)}`; }, right: true },
  { header: 'speedup', value: (r) => fig(r, (m) => `${ratio(m.speedup ?? NaN)}${aboveBound(r, bound) ? ' ⚑' : ''}`), right: true },
  { header: 'eff. vs bound', value: (r) => fig(r, (m) => (m.efficiency === undefined ? '–' : percent(m.efficiency))), right: true },
  { header: 'executions', value: (r) => fig(r, (m) => String(m.executions)), right: true },
  { header: 'aborts', value: (r) => fig(r, (m) => String(m.aborts)), right: true },
  {
    header: 'wasted gas',
    value: (r) => fig(r, (m) => (m.wastedGas === 0 ? '0' : `${compactNumber(m.wastedGas)} (${percent(m.wastedGas / Math.max(1, m.committedGas))})`)),
    right: true,
  },
  { header: 'utilisation', value: (r) => fig(r, (m) => percent(m.meanUtilisation)), right: true },
  { header: 'tx/s', value: (r) => fig(r, (m) => compactNumber(Math.round(m.txPerSec))), right: true },
  { header: 'equals seq', value: (r) => (r.ok ? '✓' : '✗ MISMATCH') },
  { header: 'strategy extras', value: (r) => fig(r, (m) => formatExtra(m.extra)) },
];

export function comparisonTable(c: Comparison, markdown = false): string {
  const out = (markdown ? markdownTable : table)(c.rows, columns(c.analysis.speedupBound));
  const flagged = c.rows.filter((r) => aboveBound(r, c.analysis.speedupBound));
  if (flagged.length === 0) return out;
  return `${out}${markdown ? '\n\n' : '\n'}⚑ above min(workers, bound ${c.analysis.speedupBound.toFixed(2)}×): no schedule of the execution can do that — look at the spread (noise) and the sender recovery share (it parallelises beyond the bound) before quoting it.`;
}

/** Two or three lines: dependency graph, critical path and bound, hot keys. */
export function describeAnalysis(a: AnalysisSummary): string {
  const lines = [
    `conflicts (sequential's trace): ${a.txCount} txs, ${a.edges} read-after-write dependencies, ${a.independent} txs depend on none`,
    `critical path: ${a.criticalPathLength} tx${a.criticalPathLength === 1 ? '' : 's'}, ${compactNumber(a.criticalPathGas)} of ${compactNumber(a.totalGas)} gas → ` +
      `speedup bound ${a.speedupBound.toFixed(2)}× (no schedule on any number of workers beats it)` +
      (a.timeBound !== undefined ? `; by this engine's execution times ${a.timeBound.toFixed(2)}×` : ''),
  ];
  // Lazy senders broke chains: say what the graph is for strategies that read senders in full.
  const p = a.plain;
  if (p !== undefined && Math.abs(p.speedupBound - a.speedupBound) > 0.01 * a.speedupBound) {
    lines.push(
      `with senders read in full (dag, access-locks, occ-rounds, shards: no lazy senders): ${p.edges} dependencies, critical path ${p.criticalPathLength} tx${p.criticalPathLength === 1 ? '' : 's'}, bound ${p.speedupBound.toFixed(2)}×`,
    );
  }
  if (a.hotKeys.length > 0) lines.push(`hot keys (dependencies caused): ${a.hotKeys.map((k) => `${k.key} (${k.edges})`).join(', ')}`);
  return lines.join('\n');
}

/** One line per problem, loud, for the end of the output. */
export function describeFailures(c: Comparison): string {
  if (c.failures.length === 0) return `✓ every run equals sequential (state root, receipts root, logs bloom, gas, ${c.scenario.txs} receipts)`;
  return [`✗ ${c.failures.length} MISMATCH(ES) OR FAILURE(S) — these strategies did not commit the sequential result:`, ...c.failures.map((f) => `  ✗ ${f}`)].join('\n');
}
