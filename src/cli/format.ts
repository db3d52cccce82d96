/** Text and JSON output for the CLI: numbers, hashes, tables and the human summary of a `Result`. */
import { describeKey } from '../engine/evm/keys.ts';
import type { Result } from '../engine/result.ts';

/** JSON with bigints as `0x` hex (a `Result` holds none today, but nothing downstream should depend on that). */
export function toJson(value: unknown, indent: number | undefined = 2): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v), indent);
}

/** `0x2830cd` → `2,634,957`. */
export function hexToDecimal(hex: string): string {
  return BigInt(hex).toLocaleString('en-US');
}

/** Milliseconds with a precision that suits their size. */
export function ms(value: number): string {
  if (value >= 1000) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export const percent = (ratio: number): string => `${(ratio * 100).toFixed(0)} %`;

/** `1.10–1.45×`: the lowest and highest of some ratios (a calibration's rounds). */
export const ratioRange = (xs: readonly number[]): string => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}×`;

/** A long hex string cut to its ends: `0x00210000…00000400`. */
export function shortHex(hex: string, keep = 8): string {
  return hex.length <= 2 + 2 * keep + 1 ? hex : `${hex.slice(0, 2 + keep)}…${hex.slice(-keep)}`;
}

/** A logs bloom for people: `empty` or its ends and how many bits are set. */
export function describeBloom(bloom: string): string {
  const bits = popcount(bloom);
  return bits === 0 ? 'empty (no logs)' : `${shortHex(bloom)} (${bits} bits set)`;
}

export function popcount(hex: string): number {
  let n = 0;
  for (const ch of hex.slice(2)) {
    let d = parseInt(ch, 16);
    while (d) {
      n += d & 1;
      d >>= 1;
    }
  }
  return n;
}

/** Bits that differ between two blooms of the same length. */
export function bloomDistance(a: string, b: string): number {
  if (a.length !== b.length) return NaN;
  let n = 0;
  for (let i = 2; i < a.length; i++) n += popcount(`0x${(parseInt(a[i], 16) ^ parseInt(b[i], 16)).toString(16)}`);
  return n;
}

/** The `n` keys that caused the most aborts, most first, as `describeKey` names them (labels pass unchanged). */
export function topAbortKeys(abortsByKey: Record<string, number>, n = 5): [string, number][] {
  return Object.entries(abortsByKey)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([k, count]) => [describeKey(k), count]);
}

/** Share of the run each worker spent busy, 0…1. */
export function utilisation(result: Pick<Result, 'stats'>): number[] {
  const wall = result.stats.wallMs;
  return result.stats.workerBusyMs.map((busy) => (wall > 0 ? busy / wall : 0));
}

/** Mean utilisation over the workers the run used. */
export function meanUtilisation(result: Pick<Result, 'stats'>): number {
  const u = utilisation(result);
  return u.length ? u.reduce((a, b) => a + b, 0) / u.length : 0;
}

export interface Column<R> {
  header: string;
  value: (row: R) => string;
  /** Right-align (numbers). Default: left. */
  right?: boolean;
}

/** A plain text table: a header, a rule, one line per row. */
export function table<R>(rows: readonly R[], columns: readonly Column<R>[]): string {
  const cells = rows.map((r) => columns.map((c) => c.value(r)));
  const widths = columns.map((c, i) => Math.max(width(c.header), ...cells.map((row) => width(row[i]))));
  const line = (values: string[]) =>
    values.map((v, i) => (columns[i].right ? pad(v, widths[i], true) : pad(v, widths[i], false))).join('  ').trimEnd();
  return [line(columns.map((c) => c.header)), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** A Markdown table of the same rows. */
export function markdownTable<R>(rows: readonly R[], columns: readonly Column<R>[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `| ${columns.map((c) => esc(c.header)).join(' | ')} |`,
    `|${columns.map((c) => (c.right ? '---:' : ':---')).join('|')}|`,
    ...rows.map((r) => `| ${columns.map((c) => esc(c.value(r))).join(' | ')} |`),
  ].join('\n');
}

const width = (s: string): number => [...s].length;
const pad = (s: string, w: number, right: boolean): string => {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return right ? fill + s : s + fill;
};

/** What `run` prints without `--json`. */
export function formatSummary(name: string, result: Result): string {
  const s = result.stats;
  const lines: string[] = [];
  const who = result.strategy === 'sequential' ? 'sequential (1 worker)' : `${result.strategy} × ${result.workers} workers`;
  lines.push(`${name} — ${who}`);
  const row = (label: string, value: string) => lines.push(`  ${label.padEnd(15)}${value}`);
  row('transactions', String(result.txCount));
  row('gas used', `${hexToDecimal(result.gasUsed)} (${result.gasUsed})`);
  row('state root', result.stateRoot);
  row('receipts root', result.receiptsRoot);
  row('logs bloom', describeBloom(result.logsBloom));
  const failed = result.receipts.filter((r) => r.status === 0).length;
  if (failed > 0) row('failed txs', `${failed} (reverted or out of gas; still in the block)`);
  row('wall', `${ms(s.wallMs)} ms  (sender recovery ${ms(s.recoverMs)} ms, execution + commit ${ms(s.wallMs - s.recoverMs)} ms)`);
  row('root time', `${ms(s.rootMs)} ms  (computed after execution, not part of wall)`);
  const hints = s.hintExecutions > 0 ? ` (hint pass ${s.hintExecutions}, first ${s.executions - s.hintExecutions - s.reexecutions})` : '';
  row('executions', `${s.executions}${hints}  re-executions ${s.reexecutions}  validations ${s.validations}  aborts ${s.aborts}`);
  const top = topAbortKeys(s.abortsByKey);
  if (top.length > 0) {
    row('top abort keys', top.map(([k, n]) => `${k} ×${n}`).join(', '));
  }
  const util = utilisation(result);
  row('worker busy', s.workerBusyMs.map((b, i) => `#${i} ${ms(b)} ms (${percent(util[i])})`).join('  '));
  if (s.workerRestarts > 0) row('restarts', `${s.workerRestarts} worker(s) crashed and were replaced`);
  if (s.coldWorkers) row('cold', `${s.coldWorkers} worker(s) ran their first run here: the JavaScript engine compiled the EVM as it went, so this is slower than a second run would be (the warm-up before a timed run prevents it; --no-warmup skips that)`);
  return lines.join('\n');
}
