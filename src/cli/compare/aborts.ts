/**
 * `compare --why` and `bench`: where a strategy's aborts come from, in words. The anatomy itself is the engine's
 * (`engine/analysis/aborts.ts`, hex keys); the names come from the real-block namer (`app/explain/realKeys.ts`: WETH,
 * a Uniswap V2 pair's reserves, a token's balanceOf[…], the fee recipient, a sender's nonce), which lives above the
 * engine, so the naming happens here.
 */
import {
  DISTANCE_TEXT,
  PATTERN_TEXT,
  REMEDY,
  dominantDistance,
  dominantPattern,
  nameAnatomy,
  type AbortAnatomy,
  type KeyAnatomy,
} from '../../engine/analysis/aborts.ts';
import type { Result } from '../../engine/result.ts';
import type { WorkloadResult } from '../bench/report.ts';
import type { Scenario } from '../../engine/scenario/types.ts';
import { RealKeys } from '../../app/explain/realKeys.ts';
import { markdownTable, percent, table, type Column } from '../format.ts';

/** `12345678` → `12.3 M` (gas; the comparison table's style, kept here so `comparison.ts` may import this file). */
const gas = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toFixed(n >= 1e7 ? 1 : 2)} M` : n >= 1e4 ? `${(n / 1e3).toFixed(n >= 1e5 ? 0 : 1)} k` : String(n));

/** Names the keys of every anatomy of one block (made once: its mapping search hashes the block's addresses). */
export class AnatomyNamer {
  private real: RealKeys | undefined;

  /** `reference`: the sequential run (its senders, and its logs, which name a token's holders and a pair). */
  constructor(private readonly scenario: Scenario, private readonly reference: Pick<Result, 'senders' | 'receipts'>) {}

  name(a: AbortAnatomy): AbortAnatomy {
    if (a.byKey.length === 0 && a.byAccount.length === 0) return a;
    const real = (this.real ??= new RealKeys(this.scenario, { senders: this.reference.senders, receipts: this.reference.receipts }));
    return nameAnatomy(a, { key: (key, txs) => real.name(key, txs).text, account: (addr) => real.who(addr) });
  }
}

const share = (part: number, whole: number): string => (whole > 0 ? percent(part / whole) : '–');

const KEY_COLUMNS = (a: AbortAnatomy): Column<KeyAnatomy>[] => [
  { header: 'key', value: (k) => k.name },
  { header: 'hex', value: (k) => k.hex },
  { header: 'aborts', value: (k) => `${k.aborts} (${share(k.aborts, a.aborts)})`, right: true },
  { header: 'val/est', value: (k) => `${k.validation}/${k.estimate}`, right: true },
  { header: 're-exec', value: (k) => String(k.reexecutions), right: true },
  { header: 'wasted gas', value: (k) => gas(k.wastedGas), right: true },
  { header: 'readers', value: (k) => String(k.readers), right: true },
  { header: 'touched by', value: (k) => `${k.touchedBy}/${a.txCount}`, right: true },
  { header: 'pattern', value: (k) => PATTERN_TEXT[dominantPattern(k)] },
  { header: 'distance', value: (k) => DISTANCE_TEXT[dominantDistance(k)] },
  { header: 'cascades', value: (k) => String(k.cascades), right: true },
  { header: 'stray', value: (k) => String(k.stray), right: true },
];

/** The anatomy as `compare --why` prints it: the summary, the top keys, and what a scheduler could do. */
export function describeAnatomy(a: AbortAnatomy, top = 5, markdown = false): string {
  const lines = [a.summary];
  if (a.byKey.length === 0) return lines.join('\n');
  const keys = a.byKey.slice(0, top);
  lines.push('', (markdown ? markdownTable : table)(keys, KEY_COLUMNS(a)));
  const rest = a.byKey.slice(top).reduce((n, k) => n + k.aborts, 0) + a.otherKeys.aborts;
  if (rest > 0) lines.push(`${markdown ? '\n' : ''}… and ${rest} more abort(s) on ${a.byKey.length - keys.length + a.otherKeys.keys} other key(s).`);
  const seen = new Set<string>();
  const remedies = keys
    .filter((k) => k.aborts >= a.aborts * 0.1)
    .map((k) => dominantPattern(k))
    .filter((p) => !seen.has(p) && seen.add(p))
    .map((p) => `  - ${PATTERN_TEXT[p]}: ${REMEDY[p]}`);
  if (remedies.length > 0) lines.push('', 'What a scheduler could do:', ...remedies);
  return lines.join('\n');
}

/** One timed run's aborts in brief (a comparison row keeps one per run: abort counts depend on timing). */
export interface AbortRun {
  aborts: number;
  wastedGas: number;
  /** The key with the most aborts (`describeKey`'s form) and its aborts. */
  topKey?: string;
  topKeyAborts: number;
}

/** Every timed run in one line: `runs: 6, 3, 6 aborts; top key 0xe42c…e306[0xe90b…c2e0] in 3 of 3 (100 %, 100 %, 83 %)`. */
export function describeAbortRuns(runs: readonly AbortRun[]): string {
  if (runs.length === 0) return '';
  const tops = runs.map((r) => r.topKey).filter((k): k is string => k !== undefined);
  const common = tops.length ? [...new Set(tops)].map((k) => [k, tops.filter((t) => t === k).length] as const).sort((x, y) => y[1] - x[1])[0] : undefined;
  const head = `every run (${runs.length}): ${runs.map((r) => r.aborts).join(', ')} aborts, wasted gas ${runs.map((r) => gas(r.wastedGas)).join(', ')}`;
  if (!common) return head;
  return `${head}; top key ${common[0]} in ${common[1]} of ${runs.length} (${runs.map((r) => (r.topKey === common[0] ? share(r.topKeyAborts, r.aborts) : '–')).join(', ')} of their aborts)`;
}

/** `--why`: each parallel row's abort anatomy (its median run), as `compare` and `compare:all` print it. */
export function anatomyTexts(c: { rows: readonly { strategy: string; workers: number; anatomy?: AbortAnatomy; abortRuns?: readonly AbortRun[] }[] }): string[] {
  return c.rows.flatMap((r) => (r.anatomy ? [`Where the aborts of ${r.strategy} ×${r.workers} come from (its median run):\n${describeAnatomy(r.anatomy)}\n${describeAbortRuns(r.abortRuns ?? [])}`] : []));
}

/** One line per (block, configuration) for `bench`: "Where the aborts come from". */
export interface AnatomyRow {
  label: string;
  anatomy: AbortAnatomy;
}

const COLUMNS: Column<AnatomyRow>[] = [
  { header: 'workload', value: (r) => r.label },
  { header: 'strategy', value: (r) => `${r.anatomy.strategy} ×${r.anatomy.workers}` },
  { header: 'aborts', value: (r) => String(r.anatomy.aborts), right: true },
  { header: 'val/est', value: (r) => `${r.anatomy.validation}/${r.anatomy.estimate}`, right: true },
  { header: 'wasted gas', value: (r) => `${gas(r.anatomy.wastedGas)} (${share(r.anatomy.wastedGas, r.anatomy.blockGas)})`, right: true },
  {
    header: 'top key (share of aborts)',
    value: (r) => {
      const k = r.anatomy.byKey[0];
      return k ? `${k.name} (${share(k.aborts, r.anatomy.aborts)})` : '–';
    },
  },
  { header: 'main pattern', value: (r) => (r.anatomy.aborts ? `${PATTERN_TEXT[dominantPattern(r.anatomy)]} (${share(r.anatomy.patterns[dominantPattern(r.anatomy)], r.anatomy.aborts)})` : '–') },
  { header: 'distance', value: (r) => (r.anatomy.aborts ? DISTANCE_TEXT[dominantDistance(r.anatomy)] : '–') },
  { header: 'cascades', value: (r) => (r.anatomy.aborts ? share(r.anatomy.cascades, r.anatomy.aborts) : '–'), right: true },
  { header: 'stray', value: (r) => (r.anatomy.aborts ? share(r.anatomy.stray, r.anatomy.aborts) : '–'), right: true },
];

export function anatomyTable(rows: readonly AnatomyRow[], markdown = false): string {
  return (markdown ? markdownTable : table)(rows, COLUMNS);
}

/** `bench`'s rows: every anatomy its workloads carry. */
export const anatomyRows = (results: readonly Pick<WorkloadResult, 'label' | 'aborts'>[]): AnatomyRow[] =>
  results.flatMap((w) => (w.aborts ?? []).map((anatomy) => ({ label: w.label, anatomy })));
