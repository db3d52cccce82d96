/**
 * The correctness contract as checks a person can read: a run against `sequential` (state root, receipts root, logs
 * bloom, gas, every receipt), and against the block header a bundle carries (gas, receipts root, logs bloom).
 */
import type { Receipt, Result } from '../engine/result.ts';
import type { ExpectedHeader } from '../engine/scenario/types.ts';
import { bloomDistance, shortHex } from './format.ts';

export interface Check {
  ok: boolean;
  /** `✓ receiptsRoot matches the block header (0x…)` / `✗ receiptsRoot differs from …: expected X, got Y`. */
  line: string;
}

function field(name: string, against: string, expected: string, actual: string): Check {
  const isBloom = name === 'logsBloom';
  const show = (v: string) => (isBloom ? shortHex(v) : v);
  if (expected === actual) return { ok: true, line: `✓ ${name} matches ${against} (${show(actual)})` };
  const extra = isBloom ? ` (${bloomDistance(expected, actual)} bits differ)` : '';
  return { ok: false, line: `✗ ${name} differs from ${against}: expected ${show(expected)}, got ${show(actual)}${extra}` };
}

/** Every receipt field the contract names; returns what differs, empty when equal. */
export function receiptDifferences(expected: Receipt, actual: Receipt): string[] {
  const out: string[] = [];
  if (expected.status !== actual.status) out.push(`status expected ${expected.status}, got ${actual.status}`);
  if (expected.gasUsed !== actual.gasUsed) out.push(`gasUsed expected ${expected.gasUsed}, got ${actual.gasUsed}`);
  if (expected.cumulativeGasUsed !== actual.cumulativeGasUsed) {
    out.push(`cumulativeGasUsed expected ${expected.cumulativeGasUsed}, got ${actual.cumulativeGasUsed}`);
  }
  if (expected.logs.length !== actual.logs.length) out.push(`expected ${expected.logs.length} logs, got ${actual.logs.length}`);
  else {
    expected.logs.forEach((log, i) => {
      const other = actual.logs[i];
      if (log.address !== other.address || log.data !== other.data || log.topics.join() !== other.topics.join()) {
        out.push(`log ${i} differs`);
      }
    });
  }
  return out;
}

/** `actual` against a `sequential` run of the same scenario. */
export function compareWithSequential(seq: Result, actual: Result): Check[] {
  const against = 'sequential';
  const checks = [
    field('stateRoot', against, seq.stateRoot, actual.stateRoot),
    field('receiptsRoot', against, seq.receiptsRoot, actual.receiptsRoot),
    field('logsBloom', against, seq.logsBloom, actual.logsBloom),
    field('gasUsed', against, seq.gasUsed, actual.gasUsed),
  ];
  const problems: string[] = [];
  if (seq.receipts.length !== actual.receipts.length) {
    problems.push(`expected ${seq.receipts.length} receipts, got ${actual.receipts.length}`);
  } else {
    seq.receipts.forEach((r, i) => {
      for (const d of receiptDifferences(r, actual.receipts[i])) problems.push(`tx ${i}: ${d}`);
    });
  }
  const n = seq.receipts.length;
  if (problems.length === 0) {
    checks.push({ ok: true, line: `✓ receipts match sequential (${n} receipts: status, gasUsed, cumulativeGasUsed, logs)` });
  } else {
    const shown = problems.slice(0, 5).join('; ');
    const more = problems.length > 5 ? `; and ${problems.length - 5} more` : '';
    checks.push({ ok: false, line: `✗ receipts differ from sequential: ${shown}${more}` });
  }
  return checks;
}

/** `actual` against the header values a block bundle carries. */
export function compareWithHeader(expected: ExpectedHeader, actual: Result): Check[] {
  const against = 'the block header';
  return [
    field('gasUsed', against, expected.gasUsed, actual.gasUsed),
    field('receiptsRoot', against, expected.receiptsRoot, actual.receiptsRoot),
    field('logsBloom', against, expected.logsBloom, actual.logsBloom),
  ];
}
