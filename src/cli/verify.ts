/**
 * The correctness contract's checks (`engine/contract.ts`) as the CLI prints them:
 * `✓ receiptsRoot matches the block header (0x…)`, `✗ stateRoot differs from sequential: expected X, got Y`,
 * `✗ receipts differ from sequential: tx 17: gasUsed expected 0x5209, got 0x5208 (3 of 40 receipts differ)`.
 */
import { type Check, HEADER } from '../engine/contract.ts';
import { bloomDistance, shortHex } from './format.ts';

const RECEIPT_FIELDS = 'status, gasUsed, cumulativeGasUsed, logs, contractAddress';
/** After `blockGasProblem` for a scenario (a real block with that problem is refused instead). */
export const OVER_LIMIT_NOTE = 'a real block could not hold these transactions (to mean it, raise block.gasLimit)';
/** Receipt values whole unless long (log data, topic lists); roots stay whole. */
const cut = (v: string): string => (v.length <= 66 ? v : shortHex(v));

/** A check's line, with its mark. */
export function checkLine(c: Check): string {
  return `${c.ok ? '✓' : '✗'} ${describeCheck(c)}`;
}

/** A check's line without the mark: what a failure list shows after its own prefix. */
export function describeCheck(c: Check): string {
  const against = c.against === HEADER ? 'the block header' : c.against;
  if (c.name === 'receipts') {
    const r = c.receipts;
    if (c.ok || !r?.first) return `receipts match ${against} (${r?.compared ?? c.actual} receipts: ${RECEIPT_FIELDS})`;
    const { index, field } = r.first;
    const what = field === 'receipt' ? `expected ${c.expected}, got ${c.actual}` : `${field} expected ${cut(c.expected)}, got ${cut(c.actual)}`;
    return `receipts differ from ${against}: tx ${index}: ${what} (${r.differing} of ${r.compared} receipts differ)`;
  }
  const isBloom = c.name === 'logsBloom';
  const show = (v: string) => (isBloom ? shortHex(v) : v);
  if (c.ok) return `${c.name} matches ${against} (${show(c.actual)})`;
  const extra = isBloom ? ` (${bloomDistance(c.expected, c.actual)} bits differ)` : '';
  return `${c.name} differs from ${against}: expected ${show(c.expected)}, got ${show(c.actual)}${extra}`;
}
