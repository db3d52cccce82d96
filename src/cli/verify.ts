/**
 * The correctness contract's checks (`engine/contract.ts`) as the CLI prints them:
 * `✓ receiptsRoot matches the block header (0x…)`, `✗ stateRoot differs from sequential: expected X, got Y`,
 * `✗ receipts differ from sequential: tx 17: gasUsed expected 0x5209, got 0x5208 (3 of 40 receipts differ)`.
 */
import { BUNDLE, type Check, HEADER } from '../engine/contract.ts';
import { bloomDistance, shortHex } from './format.ts';

const RECEIPT_FIELDS = 'status, gasUsed, cumulativeGasUsed, logs, contractAddress';
/** After the checks of a block whose pre-state is partial (a bundle from a prestate trace). */
/** A header value the run is not held to (`uncheckedAgainstHeader`), as a note. */
export const notCheckedLine = ({ name, why }: { name: string; why: string }): string => `note: ${name} not checked against the block header: ${why}`;
/** After `blockGasProblem` for a scenario (a real block with that problem is refused instead). */
export const OVER_LIMIT_NOTE = 'a real block could not hold these transactions (to mean it, raise block.gasLimit)';
/** Receipt values whole unless long (log data, topic lists); roots stay whole. */
const cut = (v: string): string => (v.length <= 66 ? v : shortHex(v));

/** A check's line, with its mark. */
export function checkLine(c: Check): string {
  return `${c.ok ? '✓' : '✗'} ${describeCheck(c)}`;
}

/**
 * When checks against the block's own data fail (header, the bundle's hashes) while the run equals `sequential`, the
 * scheduler is not what disagrees: a line that says the data is the suspect, or undefined.
 */
export function suspectLine(checks: readonly Check[]): string | undefined {
  const ofData = checks.filter((c) => c.against === HEADER || c.against === BUNDLE);
  const ofRun = checks.filter((c) => c.against !== HEADER && c.against !== BUNDLE);
  if (ofData.every((c) => c.ok) || ofRun.some((c) => !c.ok)) return undefined;
  const reference = ofRun[0]?.against;
  const agree = reference === undefined ? '' : `the run equals ${reference}, so `;
  if (ofData.some((c) => !c.ok && (c.name === 'transactionHashes' || c.name === 'transactionsRoot'))) {
    return `→ ${agree}the data is the suspect, not the engine: these are not the block's transactions as signed, or not in its order`;
  }
  return `→ ${agree}the data is the suspect, not the scheduler: the bundle's transactions or pre-state do not reproduce its header`;
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
  if (c.name === 'transactionHashes') {
    const t = c.transactions;
    if (c.ok || t?.first === undefined) return `transaction hashes match the ${c.against} (${t?.compared ?? c.actual} transactions, each hashed from its fields and signature)`;
    return (
      `transaction hashes differ from the ${c.against}: transaction ${t.first} hashes to ${c.actual}, the ${c.against} says ${c.expected} ` +
      `(${t.differing} of ${t.compared} differ: changed after signing?)`
    );
  }
  const isBloom = c.name === 'logsBloom';
  if (c.ok) return `${c.name} matches ${against} (${isBloom ? shortHex(c.actual) : c.actual})`;
  if (isBloom) {
    const [expected, actual, at] = differingExcerpts(c.expected, c.actual);
    const bits = bloomDistance(c.expected, c.actual);
    const differ = Number.isNaN(bits) ? 'their lengths differ' : bits === 1 ? '1 bit differs' : `${bits} bits differ`;
    return `${c.name} differs from ${against}: expected ${expected}, got ${actual} (${differ}, the first in byte ${at})`;
  }
  return `${c.name} differs from ${against}: expected ${c.expected}, got ${c.actual}`;
}

/**
 * Two long hex strings (blooms: 512 digits) cut around their first difference, the differing digits in brackets, so
 * the two excerpts differ where one can see it: `…0108[08]0100…` against `…0108[0c]0100…`; and that byte's index.
 */
export function differingExcerpts(expected: string, actual: string, context = 8): [string, string, number] {
  const a = expected.toLowerCase();
  const b = actual.toLowerCase();
  let i = 2;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = i;
  while (j < a.length && j < b.length && a[j] !== b[j]) j++;
  if (i === j) j = i + 1; // one is a prefix of the other: mark where the shorter ends
  const byte = Math.floor((i - 2) / 2);
  const cut = (h: string) => {
    const from = Math.max(2, i - context);
    const to = Math.min(h.length, j + context);
    return `${from > 2 ? '0x…' : '0x'}${h.slice(from, i)}[${h.slice(i, j)}]${h.slice(j, to)}${to < h.length ? '…' : ''}`;
  };
  return [cut(a), cut(b), byte];
}
