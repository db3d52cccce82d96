/**
 * The Verify badge: what a run was checked against and what was not, in words. Three sources can vouch for a run —
 * the block header (gas used, receipts root, logs bloom, and the state root only where the pre-state is complete),
 * the transactions as signed (their root and hashes, where the data carries them) and the sequential reference run.
 * A mismatch is named by its first differing transaction and field where the data allows (receipts against
 * sequential, hashes against the bundle; a header gives only roots), and says who is the suspect: when sequential
 * agrees with the parallel run, the scheduler is not what disagrees with the data. Pure: the page only draws it.
 */
import { type Check, compareResults, compareWithHeader, HEADER, uncheckedAgainstHeader } from '../engine/contract.ts';
import type { Result } from '../engine/result.ts';
import { type Scenario, preStateIsComplete } from '../engine/scenario/types.ts';
import { checkLabel } from './checks.ts';

export type BadgeState = 'verified' | 'mismatch' | 'partial';

export interface VerifyBadge {
  state: BadgeState;
  /** One short line: `Verified`, `Matches the header; sequential not run yet`, `Mismatch in tx 17: gas used`. */
  headline: string;
  /** One sentence per source, what was compared and with what outcome. */
  checked: string[];
  /** What could not be checked, and why. */
  notChecked: string[];
  /** The first difference, in words (absent when everything checked holds). */
  mismatch?: string;
  /** Who is the suspect when something differs. */
  verdict?: string;
}

export interface BadgeInput {
  scenario: Pick<Scenario, 'expected' | 'preStateComplete' | 'transactions'>;
  result: Result;
  /** The sequential reference on the same scenario, once Verify ran it. */
  reference: Result | null;
  /** The transactions against their root and hashes (computed where the EVM is: `EngineApi.transactionChecks`);
   * null while unknown. */
  transactions: readonly Check[] | null;
}

const list = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** `match` or `matches` for a list of items: one item is one thing unless it counts several (`37 transaction hashes`,
 * `all 200 receipts`). */
const verb = (items: readonly string[], base: 'match' | 'differ'): string => {
  const several = items.length > 1 || /^(all |[0-9][0-9,]* )/.test(items[0] ?? '') && !/^1 /.test(items[0] ?? '');
  return several ? base : base === 'match' ? 'matches' : 'differs';
};

/** A check as the badge lists it: `gas used`, `37 transaction hashes`, `all 200 receipts`. */
function item(c: Check): string {
  if (c.name === 'transactionHashes') return plural(c.transactions?.compared ?? 0, 'transaction hash', 'transaction hashes');
  if (c.name === 'receipts') return !c.ok ? 'every receipt' : c.receipts?.compared === 1 ? 'the one receipt' : `all ${plural(c.receipts?.compared ?? 0, 'receipt')}`;
  if (c.name === 'txCount') return 'the transaction count';
  return checkLabel(c);
}

/** The first difference among `checks`, in words; receipts name their transaction and field. */
export function firstDifference(checks: readonly Check[]): string | undefined {
  const bad = checks.filter((c) => !c.ok);
  if (bad.length === 0) return undefined;
  const against = (c: Check) => (c.against === HEADER ? 'the block header' : c.against === 'bundle' ? 'the hash the bundle gives it' : c.against);
  const receipt = bad.find((c) => c.name === 'receipts' && c.receipts?.first);
  if (receipt?.receipts?.first) {
    const { index, field } = receipt.receipts.first;
    const what = field === 'receipt' ? `a receipt: ${receipt.actual} here, ${receipt.expected} in ${receipt.against}` : `${field}: ${receipt.actual} here, ${receipt.expected} in ${receipt.against}`;
    return `tx ${index} is the first that differs from ${receipt.against}, in ${what} (${receipt.receipts.differing} of ${receipt.receipts.compared} receipts differ).`;
  }
  const hashes = bad.find((c) => c.name === 'transactionHashes' && c.transactions?.first !== undefined);
  if (hashes?.transactions?.first !== undefined) {
    const t = hashes.transactions;
    return `tx ${t.first} is the first whose hash differs from ${against(hashes)}: it hashes to ${hashes.actual}, the bundle says ${hashes.expected} (${t.differing} of ${t.compared} differ: changed after signing?).`;
  }
  const c = bad[0]!;
  if (c.name === 'transactionsRoot') return `The transactions root differs from the block header (${c.actual} here, ${c.expected} in the header): these are not the block’s transactions, or not in its order.`;
  const where = c.against === HEADER ? ' The header gives only roots and totals, so it cannot name the transaction.' : '';
  return `${checkLabel(c)[0]!.toUpperCase()}${checkLabel(c).slice(1)} differs from ${against(c)}: ${c.actual} here, ${c.expected} there.${where}`;
}

export function verifyBadge({ scenario, result, reference, transactions }: BadgeInput): VerifyBadge {
  const header = scenario.expected;
  const complete = preStateIsComplete(scenario);
  const headerChecks = header ? compareWithHeader(result, header, { preStateComplete: complete }) : [];
  const txChecks = transactions ?? [];
  const seqChecks = reference ? compareResults(result, reference) : [];
  const checked: string[] = [];
  const notChecked: string[] = [];

  const sentence = (what: string, checks: readonly Check[]) => {
    const ok = checks.filter((c) => c.ok).map(item);
    const bad = checks.filter((c) => !c.ok).map(item);
    if (bad.length === 0) return `${what}: ${list(ok)} ${verb(ok, 'match')}.`;
    return `${what}: ${list(bad)} ${verb(bad, 'differ')}${ok.length > 0 ? `; ${list(ok)} ${verb(ok, 'match')}` : ''}.`;
  };
  if (header) {
    checked.push(sentence('Against the block header', [...headerChecks, ...txChecks.filter((c) => c.against === HEADER)]));
    const hashes = txChecks.filter((c) => c.against !== HEADER);
    if (hashes.length > 0) checked.push(sentence('Against the bundle’s transaction hashes', hashes));
    for (const u of uncheckedAgainstHeader(result, header, { preStateComplete: complete })) notChecked.push(`The ${checkLabel(u)}, against the header: ${u.why}.`);
    if (transactions === null) notChecked.push('The transactions root and hashes: still being computed.');
    else if (!txChecks.some((c) => c.name === 'transactionsRoot') && !txChecks.some((c) => c.name === 'transactionHashes')) {
      notChecked.push('The transactions themselves: the data carries neither a transactions root nor transaction hashes.');
    }
  } else {
    notChecked.push('A block header: this block was made up here, so only the sequential reference can vouch for the run.');
  }
  if (reference) checked.push(sentence(result.strategy === 'sequential' ? 'Against a second sequential run' : 'Against the sequential reference', seqChecks));
  else notChecked.push('The sequential reference: Verify runs it and compares every root and receipt.');

  const ofData = [...headerChecks, ...txChecks];
  const dataBad = ofData.some((c) => !c.ok);
  const runBad = seqChecks.some((c) => !c.ok);
  let mismatch: string | undefined;
  let verdict: string | undefined;
  if (runBad) {
    mismatch = firstDifference(seqChecks);
    const seqVsHeader = header && reference ? compareWithHeader(reference, header, { preStateComplete: complete }) : [];
    if (!header) verdict = `${result.strategy} disagrees with sequential: the scheduler is the suspect.`;
    else if (seqVsHeader.every((c) => c.ok)) verdict = `Sequential agrees with the block header and ${result.strategy} does not: the scheduler is the suspect, not the data.`;
    else verdict = `Sequential disagrees with the header too, and with ${result.strategy}: both the data and the scheduler are suspect.`;
  } else if (dataBad) {
    mismatch = firstDifference(ofData);
    verdict = reference
      ? `Sequential agrees with the ${result.strategy === 'sequential' ? 'first' : 'parallel'} run, so the data is the suspect, not the scheduler.`
      : 'Verify runs sequential to tell whether the data or the scheduler is the suspect.';
  }

  // Without a header, only signed transactions with hashes have something to check (a generated block has none).
  const txPending = transactions === null && header !== undefined;
  const state: BadgeState = mismatch !== undefined ? 'mismatch' : reference && !txPending ? 'verified' : 'partial';
  let headline: string;
  if (state === 'mismatch') {
    // The check that names a transaction, where one does: a root says only that something differs.
    const bads = (runBad ? seqChecks : ofData).filter((c) => !c.ok);
    const bad = bads.find((c) => c.receipts?.first ?? c.transactions?.first !== undefined) ?? bads[0]!;
    const tx = bad.receipts?.first ? `tx ${bad.receipts.first.index}: ${bad.receipts.first.field}` : bad.transactions?.first !== undefined ? `tx ${bad.transactions.first}: hash` : item(bad);
    headline = `✗ Mismatch (${tx}, against ${bad.against === HEADER ? 'the header' : bad.against})`;
  } else if (state === 'verified') {
    headline = header ? '✓ Verified against the header and sequential' : '✓ Verified against sequential';
  } else {
    headline = header ? '✓ Matches the header so far; sequential not run yet' : 'Not verified yet: Verify runs sequential';
    if (reference && txPending) headline = '✓ Same as sequential; transactions still being checked';
  }
  return { state, headline, checked, notChecked, ...(mismatch ? { mismatch } : {}), ...(verdict ? { verdict } : {}) };
}
