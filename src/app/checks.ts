/** What the page checks a run against: the sequential reference, and a real block's header. */
import type { Result } from '../engine/result.ts';
import type { ExpectedHeader } from '../engine/scenario/types.ts';

export interface Check {
  label: string;
  ok: boolean;
  expected: string;
  actual: string;
}

/** The correctness contract's two roots: a run must commit exactly what `sequential` commits. */
export function compareWithReference(run: Result, reference: Result): { stateRoot: Check; receiptsRoot: Check } {
  return {
    stateRoot: check('state root', reference.stateRoot, run.stateRoot),
    receiptsRoot: check('receipts root', reference.receiptsRoot, run.receiptsRoot),
  };
}

/**
 * A real block's header: gas used, receipts root and logs bloom must match. Its state root cannot — a bundle's
 * pre-state holds only what the block touches — so it is not checked.
 */
export function compareWithHeader(run: Result, header: ExpectedHeader): Check[] {
  return [
    check('gas used', BigInt(header.gasUsed).toString(), BigInt(run.gasUsed).toString()),
    check('receipts root', header.receiptsRoot, run.receiptsRoot),
    check('logs bloom', header.logsBloom, run.logsBloom),
  ];
}

function check(label: string, expected: string, actual: string): Check {
  return { label, ok: expected.toLowerCase() === actual.toLowerCase(), expected, actual };
}
