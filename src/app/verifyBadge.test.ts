import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareTransactions } from '../engine/contract.ts';
import type { Receipt, Result } from '../engine/result.ts';
import type { ExpectedHeader, Hex, Scenario } from '../engine/scenario/types.ts';
import { firstDifference, verifyBadge } from './verifyBadge.ts';

const ROOT_A = `0x${'a'.repeat(64)}` as const;
const ROOT_B = `0x${'b'.repeat(64)}` as const;
const ROOT_T = `0x${'c'.repeat(64)}` as const;
const BLOOM = `0x${'0'.repeat(512)}` as const;
const hash = (i: number): Hex => `0x${i.toString(16).padStart(64, '0')}`;

const receipt = (i: number, over: Partial<Receipt> = {}): Receipt => ({
  status: 1, gasUsed: '0x5208', cumulativeGasUsed: `0x${(21000 * (i + 1)).toString(16)}`, logs: [], ...over,
});

function result(over: Partial<Result> = {}, n = 3): Result {
  return {
    strategy: 'block-stm', workers: 2, txCount: n, gasUsed: `0x${(21000 * n).toString(16)}`, stateRoot: ROOT_A, receiptsRoot: ROOT_A, logsBloom: BLOOM,
    receipts: Array.from({ length: n }, (_, i) => receipt(i)), senders: [],
    stats: { wallMs: 1, rootMs: 1, recoverMs: 0, executions: n, hintExecutions: 0, reexecutions: 0, validations: n, aborts: 0, abortsByKey: {}, workerBusyMs: [1, 0], workerRestarts: 0 },
    ...over,
  };
}
const sequential = (over: Partial<Result> = {}) => result({ strategy: 'sequential', workers: 1, ...over });

const header: ExpectedHeader = { gasUsed: '0xf618', receiptsRoot: ROOT_A, logsBloom: BLOOM, stateRoot: ROOT_B, transactionsRoot: ROOT_T };
const txs = [0, 1, 2].map((i) => ({ type: 2, to: null, nonce: '0x0', value: '0x0', input: '0x', gas: '0x5208', hash: hash(i) })) as unknown as Scenario['transactions'];
const bundle = { expected: header, preStateComplete: false, transactions: txs };
const fixture = { expected: { ...header, stateRoot: ROOT_A }, preStateComplete: true, transactions: txs };
const preset = { transactions: txs.map(({ hash: _, ...t }) => t) };
/** The transactions' checks as the engine computes them, from what they hash to. */
const txChecks = (s: Pick<Scenario, 'transactions' | 'expected'>, hashes = [0, 1, 2].map(hash), root: string = ROOT_T) => compareTransactions(s, { hashes, transactionsRoot: root });

describe('the Verify badge', () => {
  it('on a generated block: only sequential can vouch for the run, and says so', () => {
    const before = verifyBadge({ scenario: preset, result: result(), reference: null, transactions: [] });
    expect(before.state).toBe('partial');
    expect(before.headline).toBe('Not verified yet: Verify runs sequential');
    const b = verifyBadge({ scenario: preset, result: result(), reference: sequential(), transactions: [] });
    expect(b).toMatchObject({ state: 'verified', headline: '✓ Verified against sequential' });
    expect(b.checked).toEqual(['Against the sequential reference: state root, receipts root, logs bloom, gas used, the transaction count and all 3 receipts match.']);
    expect(b.notChecked).toEqual(['A block header: this block was made up here, so only the sequential reference can vouch for the run.']);
  });

  it('on a bundle: gas, receipts root, logs bloom and transactions root against the header, but not its state root, and why', () => {
    const b = verifyBadge({ scenario: bundle, result: result(), reference: sequential(), transactions: txChecks(bundle) });
    expect(b.state).toBe('verified');
    expect(b.checked).toEqual([
      'Against the block header: gas used, receipts root, logs bloom and transactions root match.',
      'Against the bundle’s transaction hashes: 3 transaction hashes match.',
      'Against the sequential reference: state root, receipts root, logs bloom, gas used, the transaction count and all 3 receipts match.',
    ]);
    expect(b.notChecked[0]).toMatch(/^The state root, against the header: the pre-state holds only what the block touches/);
  });

  it('a block of one transaction before Byzantium: one hash matches, the receipts root is not checked, and why', () => {
    const one = { ...bundle, expected: { ...header, gasUsed: '0x5208' as Hex }, transactions: txs.slice(0, 1) };
    const rooted = (over: Partial<Result> = {}) => result({ receipts: [receipt(0, { root: ROOT_B })], ...over }, 1);
    const b = verifyBadge({ scenario: one, result: rooted(), reference: rooted({ strategy: 'sequential', workers: 1 }), transactions: txChecks(one, [hash(0)]) });
    expect(b.checked).toEqual([
      'Against the block header: gas used, logs bloom and transactions root match.',
      'Against the bundle’s transaction hashes: 1 transaction hash matches.',
      'Against the sequential reference: state root, receipts root, logs bloom, gas used, the transaction count and the one receipt match.',
    ]);
    expect(b.notChecked.slice(0, 2)).toEqual([
      'The state root, against the header: the pre-state holds only what the block touches, so no run can reproduce it.',
      'The receipts root, against the header: before Byzantium each receipt carries the state root after its transaction, which the pre-state, holding only what the block touches, cannot reproduce.',
    ]);
  });

  it('checks the state root against the header wherever the pre-state is complete (a fixture)', () => {
    const b = verifyBadge({ scenario: fixture, result: result(), reference: null, transactions: txChecks(fixture) });
    expect(b.checked[0]).toBe('Against the block header: gas used, receipts root, logs bloom, state root and transactions root match.');
    expect(b.notChecked.join(' ')).not.toContain('state root');
    const wrong = verifyBadge({ scenario: fixture, result: result({ stateRoot: ROOT_B }), reference: sequential({ stateRoot: ROOT_B }), transactions: txChecks(fixture) });
    expect(wrong.state).toBe('mismatch');
    expect(wrong.mismatch).toBe(`State root differs from the block header: ${ROOT_B} here, ${ROOT_A} there. The header gives only roots and totals, so it cannot name the transaction.`);
    expect(wrong.verdict).toBe('Sequential agrees with the parallel run, so the data is the suspect, not the scheduler.');
  });

  it('names the first differing transaction and field against sequential, and blames the scheduler when sequential matches the header', () => {
    const bad = result({ receipts: [receipt(0), receipt(1, { status: 0 }), receipt(2, { gasUsed: '0x5209' })], receiptsRoot: ROOT_B });
    const b = verifyBadge({ scenario: bundle, result: bad, reference: sequential(), transactions: txChecks(bundle) });
    expect(b.state).toBe('mismatch');
    expect(b.headline).toBe('✗ Mismatch (tx 1: status, against sequential)');
    expect(b.mismatch).toBe('tx 1 is the first that differs from sequential, in status: 0 here, 1 in sequential (2 of 3 receipts differ).');
    expect(b.verdict).toBe('Sequential agrees with the block header and block-stm does not: the scheduler is the suspect, not the data.');
  });

  it('says the data is suspect when sequential agrees with a parallel run that the header refuses', () => {
    const other = { receiptsRoot: ROOT_B };
    const b = verifyBadge({ scenario: bundle, result: result(other), reference: sequential(other), transactions: txChecks(bundle) });
    expect(b.headline).toBe('✗ Mismatch (receipts root, against the header)');
    expect(b.verdict).toBe('Sequential agrees with the parallel run, so the data is the suspect, not the scheduler.');
    const unverified = verifyBadge({ scenario: bundle, result: result(other), reference: null, transactions: txChecks(bundle) });
    expect(unverified.verdict).toBe('Verify runs sequential to tell whether the data or the scheduler is the suspect.');
  });

  it('catches reordered transactions on the transactions root, and an altered one on its hash, by index', () => {
    const swapped = verifyBadge({ scenario: bundle, result: result(), reference: sequential(), transactions: txChecks(bundle, [0, 1, 2].map(hash), ROOT_B) });
    expect(swapped.headline).toBe('✗ Mismatch (transactions root, against the header)');
    expect(swapped.mismatch).toMatch(/^The transactions root differs from the block header .*not the block’s transactions, or not in its order\.$/);
    const noRoot = { ...bundle, expected: { ...header, transactionsRoot: undefined } };
    const altered = verifyBadge({ scenario: noRoot, result: result(), reference: sequential(), transactions: txChecks(noRoot, [hash(0), hash(9), hash(2)]) });
    expect(altered.headline).toBe('✗ Mismatch (tx 1: hash, against bundle)');
    expect(altered.mismatch).toContain(`tx 1 is the first whose hash differs from the hash the bundle gives it: it hashes to ${hash(9)}, the bundle says ${hash(1)}`);
  });

  it('waits for the transactions of a real block before calling it verified', () => {
    const b = verifyBadge({ scenario: bundle, result: result(), reference: sequential(), transactions: null });
    expect(b).toMatchObject({ state: 'partial', headline: '✓ Same as sequential; transactions still being checked' });
    expect(b.notChecked).toContain('The transactions root and hashes: still being computed.');
  });

  it('is verified exactly when every check it makes holds (random receipts and roots)', () => {
    const arb = fc.record({ status: fc.constantFrom<0 | 1>(0, 1), gas: fc.integer({ min: 21000, max: 21002 }), root: fc.constantFrom(ROOT_A, ROOT_B) });
    fc.assert(
      fc.property(fc.array(arb, { minLength: 3, maxLength: 3 }), fc.array(arb, { minLength: 3, maxLength: 3 }), (run, ref) => {
        const mk = (rs: typeof run, strategy: string) =>
          result({ strategy, receiptsRoot: rs[0]!.root, receipts: rs.map((r, i) => receipt(i, { status: r.status, gasUsed: `0x${r.gas.toString(16)}` })) });
        const a = mk(run, 'block-stm');
        const b = mk(ref, 'sequential');
        const badge = verifyBadge({ scenario: bundle, result: a, reference: b, transactions: txChecks(bundle) });
        const same = JSON.stringify(a.receipts) === JSON.stringify(b.receipts) && a.receiptsRoot === b.receiptsRoot;
        const headerOk = a.receiptsRoot === ROOT_A;
        expect(badge.state === 'verified').toBe(same && headerOk);
        if (!same) expect(badge.verdict).toMatch(/scheduler is the suspect|both the data and the scheduler/);
        else if (!headerOk) expect(badge.verdict).toContain('the data is the suspect');
      }),
    );
  });

  it('firstDifference is undefined when everything holds', () => {
    expect(firstDifference(txChecks(bundle))).toBeUndefined();
  });
});
