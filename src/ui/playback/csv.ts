/** Metrics over a run as CSV: the cumulative figures sampled at evenly spaced times (and the end). */
import type { Metrics } from './model.ts';
import { metricsAt } from './query.ts';
import type { TraceIndex } from './traceIndex.ts';

export function metricsSeries(ix: TraceIndex, samples = 200): Metrics[] {
  if (!Number.isFinite(ix.start)) return [];
  const span = ix.end - ix.start;
  const n = span > 0 ? samples : 0;
  return Array.from({ length: n + 1 }, (_, i) => metricsAt(ix, i === n ? ix.end : ix.start + (span * i) / n));
}

const cell = (v: string | number): string => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(4)) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** One row per sample; `label` (a run's name) as the first column when comparing runs. */
export function metricsCsv(series: readonly Metrics[], label?: string): string {
  const workers = Math.max(0, ...series.map((m) => m.utilisation.length));
  const head = [
    ...(label !== undefined ? ['run'] : []),
    'ms_since_start', 'committed', 'executions', 'reexecutions', 'validations', 'aborts', 'undeclared', 'gas', 'tx_per_s', 'gas_per_s',
    ...Array.from({ length: workers }, (_, w) => `busy_share_w${w}`),
  ];
  const rows = series.map((m) => [
    ...(label !== undefined ? [label] : []),
    m.elapsed / 1000, m.committed, m.executions, m.reexecutions, m.validations, m.aborts, m.undeclared, m.gas, m.txPerSec, m.gasPerSec,
    ...Array.from({ length: workers }, (_, w) => m.utilisation[w] ?? 0),
  ].map(cell).join(','));
  return [head.join(','), ...rows].join('\n') + '\n';
}
