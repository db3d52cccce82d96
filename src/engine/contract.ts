/**
 * The correctness contract, in one place: what a run must reproduce, as checks a person can read.
 *
 * - Against a reference run (`sequential`): state root, receipts root, logs bloom, gas used, transaction count and
 *   every receipt (status, gas used, cumulative gas used, logs, created contract).
 * - Against a real block's header: gas used, receipts root, logs bloom, and the state root only when the caller says
 *   the pre-state is complete (a block bundle's pre-state holds only what the block touches, so its root cannot match).
 *
 * Quantities are compared as numbers, hex strings without regard to case. Pure: the test harness, the CLI and the page
 * all build on it and only format what it returns.
 */
import type { Receipt, Result } from './result.ts';
import type { ExpectedHeader, Scenario } from './scenario/types.ts';

/** What a check compares, named as the `Result` field. */
export type CheckName = 'stateRoot' | 'receiptsRoot' | 'logsBloom' | 'gasUsed' | 'txCount' | 'receipts' | 'transactionsRoot' | 'transactionHashes';

/** `against` of the header checks (the others carry the reference run's strategy, e.g. `sequential`). */
export const HEADER = 'header';

export interface Check {
  name: CheckName;
  ok: boolean;
  /**
   * One self-contained line: `stateRoot 0x… ≠ 0x… (sequential)`, `receipt 17: gasUsed 0x5208 ≠ 0x5209 (sequential);
   * 3 of 40 receipts differ`, or when it holds `gasUsed 0x5208 (same as header)`. The run's value comes first.
   */
  detail: string;
  /** What the run was compared with: the reference run's strategy, or `HEADER`. */
  against: string;
  /**
   * The reference's value and the run's, in full (quantities as canonical hex). For `receipts`: those of the first
   * differing field, or both receipt counts when every receipt matches.
   */
  expected: string;
  actual: string;
  /** `receipts` only: how many were compared (the longer list), how many differ, and the first difference. */
  receipts?: { compared: number; differing: number; first?: { index: number; field: string } };
  /** `transactionHashes` only: how many transactions carry a hash, how many differ, and the first that does. */
  transactions?: { compared: number; differing: number; first?: number };
}

/** `against` of the transaction-hash check: the hashes the bundle gives its transactions. */
export const BUNDLE = 'bundle';

/** `actual` against a reference run of the same scenario (normally `sequential`). */
export function compareResults(actual: Result, reference: Result): Check[] {
  const against = reference.strategy;
  return [
    hexCheck('stateRoot', against, reference.stateRoot, actual.stateRoot),
    hexCheck('receiptsRoot', against, reference.receiptsRoot, actual.receiptsRoot),
    hexCheck('logsBloom', against, reference.logsBloom, actual.logsBloom),
    quantityCheck('gasUsed', against, reference.gasUsed, actual.gasUsed),
    valueCheck('txCount', against, String(reference.txCount), String(actual.txCount), reference.txCount === actual.txCount),
    receiptsCheck(against, reference.receipts, actual.receipts),
  ];
}

export interface HeaderOptions {
  /** The run started from the block's whole pre-state, so its state root can match the header's. Default false. */
  preStateComplete?: boolean;
}

/** `actual` against the header values a real block carries. */
export function compareWithHeader(actual: Result, expected: ExpectedHeader, options: HeaderOptions = {}): Check[] {
  const skipped = new Set(uncheckedAgainstHeader(actual, expected, options).map((u) => u.name));
  const checks = [
    quantityCheck('gasUsed', HEADER, expected.gasUsed, actual.gasUsed),
    ...(skipped.has('receiptsRoot') ? [] : [hexCheck('receiptsRoot', HEADER, expected.receiptsRoot, actual.receiptsRoot)]),
    hexCheck('logsBloom', HEADER, expected.logsBloom, actual.logsBloom),
  ];
  if (expected.stateRoot !== undefined && !skipped.has('stateRoot')) checks.push(hexCheck('stateRoot', HEADER, expected.stateRoot, actual.stateRoot));
  return checks;
}

/** What of a header `compareWithHeader` does not hold a run to, and why (the end of a sentence). */
export function uncheckedAgainstHeader(actual: Result, expected: ExpectedHeader, options: HeaderOptions = {}): { name: CheckName; why: string }[] {
  if (options.preStateComplete) return [];
  const out: { name: CheckName; why: string }[] = [];
  if (expected.stateRoot !== undefined) out.push({ name: 'stateRoot', why: 'the pre-state holds only what the block touches, so no run can reproduce it' });
  if (actual.receipts.some((r) => r.root !== undefined)) {
    out.push({ name: 'receiptsRoot', why: 'before Byzantium each receipt carries the state root after its transaction, which the pre-state, holding only what the block touches, cannot reproduce' });
  }
  return out;
}

/**
 * The block gas limit, as a real block is held to it: each transaction's gas limit must fit in the gas the block has
 * left when it starts (its limit less what the transactions before used), so all of them together never use more
 * than the limit. Scenario files are only checked per transaction when they load; this needs the run's receipts.
 * Returns the first transaction that does not fit, in a sentence, or undefined.
 */
export function blockGasProblem(scenario: Pick<Scenario, 'block' | 'transactions'>, receipts: readonly Receipt[]): string | undefined {
  const limit = BigInt(scenario.block.gasLimit);
  let used = 0n;
  for (let i = 0; i < scenario.transactions.length && i < receipts.length; i++) {
    const gas = BigInt(scenario.transactions[i]!.gas);
    if (gas > limit - used) {
      const total = BigInt(receipts[receipts.length - 1]!.cumulativeGasUsed);
      return (
        `transaction ${i} may use up to ${group(gas)} gas, but only ${group(limit - used)} of the block's gas limit of ${group(limit)} ` +
        `is left after the transactions before it; all ${receipts.length} use ${group(total)} gas`
      );
    }
    used = BigInt(receipts[i]!.cumulativeGasUsed);
  }
  return undefined;
}

/** 30000000n → `30,000,000` (the same in every locale). */
const group = (n: bigint): string => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * The transactions as given against what the data says they are: each one's hash, computed from its fields and
 * signature (`computed.hashes`), against the hash the bundle gives it; and their root against the header's
 * transactions root. Either check is left out when the data has nothing to compare with.
 */
export function compareTransactions(scenario: Pick<Scenario, 'transactions' | 'expected'>, computed: { hashes: readonly string[]; transactionsRoot: string }): Check[] {
  const checks: Check[] = [];
  const given = scenario.transactions.flatMap((t, i) => (t.hash === undefined ? [] : [i]));
  if (given.length > 0) {
    const differ = given.filter((i) => !sameHex(scenario.transactions[i]!.hash!, computed.hashes[i] ?? ''));
    const first = differ[0];
    const n = String(given.length);
    checks.push(
      first === undefined
        ? { name: 'transactionHashes', ok: true, detail: `transaction hashes: all ${n} same as ${BUNDLE}`, against: BUNDLE, expected: n, actual: n, transactions: { compared: given.length, differing: 0 } }
        : {
            name: 'transactionHashes',
            ok: false,
            detail: `transaction ${first}: hash ${computed.hashes[first]} ≠ ${scenario.transactions[first]!.hash} (${BUNDLE}); ${differ.length} of ${n} differ`,
            against: BUNDLE,
            expected: scenario.transactions[first]!.hash!,
            actual: computed.hashes[first] ?? '',
            transactions: { compared: given.length, differing: differ.length, first },
          },
    );
  }
  const root = scenario.expected?.transactionsRoot;
  if (root !== undefined) checks.push(hexCheck('transactionsRoot', HEADER, root, computed.transactionsRoot));
  return checks;
}

function valueCheck(name: CheckName, against: string, expected: string, actual: string, ok: boolean): Check {
  const detail = ok ? `${name} ${short(actual)} (same as ${against})` : `${name} ${short(actual)} ≠ ${short(expected)} (${against})`;
  return { name, ok, detail, against, expected, actual };
}

function hexCheck(name: CheckName, against: string, expected: string, actual: string): Check {
  return valueCheck(name, against, expected, actual, sameHex(expected, actual));
}

function quantityCheck(name: CheckName, against: string, expected: string, actual: string): Check {
  return valueCheck(name, against, canonical(expected), canonical(actual), sameQuantity(expected, actual));
}

/** Every receipt, in one check: the first difference and how many receipts differ, not one line per receipt. */
function receiptsCheck(against: string, reference: Receipt[], actual: Receipt[]): Check {
  const compared = Math.max(reference.length, actual.length);
  let differing = 0;
  let first: ReceiptDifference | undefined;
  let firstIndex = -1;
  for (let i = 0; i < compared; i++) {
    const d = receiptDifference(reference[i], actual[i]);
    if (!d) continue;
    differing++;
    if (!first) {
      first = d;
      firstIndex = i;
    }
  }
  const name = 'receipts';
  if (!first) {
    const n = String(compared);
    return { name, ok: true, detail: `receipts: all ${n} same as ${against}`, against, expected: n, actual: n, receipts: { compared, differing: 0 } };
  }
  return {
    name,
    ok: false,
    detail: `receipt ${firstIndex}: ${first.field === 'receipt' ? '' : `${first.field} `}${short(first.actual)} ≠ ${short(first.expected)} (${against}); ${differing} of ${compared} receipts differ`,
    against,
    expected: first.expected,
    actual: first.actual,
    receipts: { compared, differing, first: { index: firstIndex, field: first.field } },
  };
}

interface ReceiptDifference {
  /**
   * `status`, `gasUsed`, `cumulativeGasUsed`, `logs` (their count), `logs[i].address|topics|data`, `contractAddress`,
   * or `receipt` (one side has none: `a receipt` against `none`).
   */
  field: string;
  expected: string;
  actual: string;
}

const NO_RECEIPT = 'none';
const A_RECEIPT = 'a receipt';

/** The first field of the contract where `actual` differs from `expected`, or undefined when they agree. */
function receiptDifference(expected: Receipt | undefined, actual: Receipt | undefined): ReceiptDifference | undefined {
  if (!expected || !actual) {
    return expected || actual ? { field: 'receipt', expected: expected ? A_RECEIPT : NO_RECEIPT, actual: actual ? A_RECEIPT : NO_RECEIPT } : undefined;
  }
  if (expected.status !== actual.status) return { field: 'status', expected: String(expected.status), actual: String(actual.status) };
  for (const field of ['gasUsed', 'cumulativeGasUsed'] as const) {
    if (!sameQuantity(expected[field], actual[field])) return { field, expected: canonical(expected[field]), actual: canonical(actual[field]) };
  }
  if (expected.logs.length !== actual.logs.length) {
    return { field: 'logs', expected: String(expected.logs.length), actual: String(actual.logs.length) };
  }
  for (let i = 0; i < expected.logs.length; i++) {
    const e = expected.logs[i];
    const a = actual.logs[i];
    if (!sameHex(e.address, a.address)) return { field: `logs[${i}].address`, expected: e.address, actual: a.address };
    if (e.topics.length !== a.topics.length || e.topics.some((t, k) => !sameHex(t, a.topics[k]))) {
      return { field: `logs[${i}].topics`, expected: `[${e.topics.join(', ')}]`, actual: `[${a.topics.join(', ')}]` };
    }
    if (!sameHex(e.data, a.data)) return { field: `logs[${i}].data`, expected: e.data, actual: a.data };
  }
  if (!sameHex(expected.contractAddress ?? '', actual.contractAddress ?? '')) {
    return { field: 'contractAddress', expected: expected.contractAddress ?? NO_RECEIPT, actual: actual.contractAddress ?? NO_RECEIPT };
  }
  return undefined;
}

function sameHex(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function quantity(v: string): bigint | undefined {
  if (v.trim() === '') return undefined;
  try {
    return BigInt(v);
  } catch {
    return undefined;
  }
}

function sameQuantity(a: string, b: string): boolean {
  const x = quantity(a);
  const y = quantity(b);
  return x !== undefined && y !== undefined ? x === y : a === b;
}

/** A quantity as lowercase hex without leading zeros (`0x2830cd`); anything unparsable as it is. */
function canonical(v: string): string {
  const n = quantity(v);
  return n === undefined ? v : `0x${n.toString(16)}`;
}

/** Long values (blooms, log data) cut to their ends in the detail line; roots (66 characters) stay whole. */
function short(v: string): string {
  return v.length <= 66 ? v : `${v.slice(0, 10)}…${v.slice(-8)}`;
}
