/** Across workloads: which strategy wins where — the fastest configuration overall and with 2 workers. */
import { ratio } from '../bench/report.ts';
import { markdownTable, ms, percent, table, type Column } from '../format.ts';
import type { Comparison, ComparisonRow } from './comparison.ts';

interface Row {
  c: Comparison;
  seq?: ComparisonRow;
  best?: ComparisonRow;
  bestTwo?: ComparisonRow;
}

/** The fastest correct row among `rows` by median wall time. */
export function fastest(rows: readonly ComparisonRow[]): ComparisonRow | undefined {
  return rows.filter((r) => r.ok && r.metrics).reduce<ComparisonRow | undefined>((a, b) => (!a || b.metrics!.wallMs < a.metrics!.wallMs ? b : a), undefined);
}

const who = (r?: ComparisonRow): string => (r ? `${r.strategy} ×${r.workers}` : '–');
const speedup = (r?: ComparisonRow): string => (r?.metrics?.speedup === undefined ? '–' : ratio(r.metrics.speedup));

const COLUMNS: Column<Row>[] = [
  { header: 'workload', value: (r) => r.c.scenario.name },
  { header: 'txs', value: (r) => r.c.scenario.txs.toLocaleString('en-US'), right: true },
  { header: 'bound', value: (r) => ratio(r.c.analysis.speedupBound), right: true },
  { header: 'seq ms', value: (r) => (r.seq?.metrics ? ms(r.seq.metrics.wallMs) : '–'), right: true },
  { header: 'fastest', value: (r) => who(r.best) },
  { header: 'speedup', value: (r) => speedup(r.best), right: true },
  { header: 'eff.', value: (r) => (r.best?.metrics?.efficiency === undefined ? '–' : percent(r.best.metrics.efficiency)), right: true },
  { header: 'fastest on 2 workers', value: (r) => who(r.bestTwo) },
  { header: 'speedup ×2', value: (r) => speedup(r.bestTwo), right: true },
  { header: 'all equal seq', value: (r) => (r.c.failures.length === 0 ? '✓' : `✗ ${r.c.failures.length}`) },
];

export function summaryTable(results: readonly Comparison[], markdown = false): string {
  const rows = results.map((c) => {
    const parallel = c.rows.filter((r) => r.strategy !== 'sequential');
    return { c, seq: c.rows.find((r) => r.strategy === 'sequential'), best: fastest(parallel), bestTwo: fastest(parallel.filter((r) => r.workers === 2)) };
  });
  return (markdown ? markdownTable : table)(rows, COLUMNS);
}
