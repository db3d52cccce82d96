/**
 * What the page checks a run against, with the words it shows: the correctness contract (`engine/contract.ts`)
 * against the sequential reference (Verify), and against a real block's header.
 */
import { type Check, type CheckName, compareResults, compareWithHeader } from '../engine/contract.ts';
import type { Result } from '../engine/result.ts';
import type { ExpectedHeader } from '../engine/scenario/types.ts';

export type { Check };

const LABELS: Record<CheckName, string> = {
  stateRoot: 'state root',
  receiptsRoot: 'receipts root',
  logsBloom: 'logs bloom',
  gasUsed: 'gas used',
  txCount: 'transactions',
  receipts: 'receipts',
  transactionsRoot: 'transactions root',
  transactionHashes: 'transaction hashes',
};

/** A check's name as the page shows it (`state root`); its test id is this, hyphenated. */
export function checkLabel(check: Pick<Check, 'name'>): string {
  return LABELS[check.name];
}

/** Verify: the run against `sequential` on the same scenario (roots, logs bloom, gas, every receipt). */
export function verifyChecks(run: Result, reference: Result): Check[] {
  return compareResults(run, reference);
}

/**
 * A real block's header: gas used, receipts root and logs bloom; its state root only where the pre-state is complete
 * (`preStateIsComplete`: a fixture, not a bundle built from a prestate trace, which holds only what the block touches).
 */
export function headerChecks(run: Result, header: ExpectedHeader, preStateComplete = false): Check[] {
  return compareWithHeader(run, header, { preStateComplete });
}
