/**
 * The lazy-credit rule in isolation: what a shape read sees in the multi-version memory, when it still holds, and how
 * the state view turns an unobserved credit into a delta and an observed one into a real read.
 */
import { createAddressFromString } from '@ethereumjs/util';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../scenario/types.ts';
import { BaseState } from '../state/baseState.ts';
import { MultiVersionMemory } from '../state/multiVersionMemory.ts';
import { EMPTY_CODE_HASH, accountKey } from './keys.ts';
import { LAZY_BALANCE, LazyAccount, isShapeRead, shapeHolds, shapeRead } from './lazyAccount.ts';
import { EstimateRead, TxStateView } from './stateView.ts';

const A = 'aa'.repeat(20);
const key = accountKey(A);
const scenario: Scenario = {
  version: 1,
  name: 't',
  chain: { chainId: 1, hardfork: 'cancun' },
  block: { number: '0x1', timestamp: '0x1', coinbase: `0x${'cb'.repeat(20)}`, gasLimit: '0x1000000', baseFeePerGas: '0x7', blockHashes: {} },
  preState: { [`0x${A}` as const]: { balance: '0x64', nonce: '0x1' } },
  transactions: [],
};
const base = { nonce: 1n, balance: 100n, codeHash: EMPTY_CODE_HASH };

function memory(): MultiVersionMemory {
  return new MultiVersionMemory(new BaseState(scenario));
}

describe('shape reads', () => {
  it('skip earlier credits, and ESTIMATEs that were credits, but wait on an ESTIMATE of an absolute write', () => {
    const mv = memory();
    mv.record({ tx: 1, incarnation: 0, writes: [], deltas: [[key, 5n]] });
    expect(mv.readAbsolute(key, 3)).toEqual(base);
    expect(mv.read(key, 3)).toEqual({ ...base, balance: 105n });
    mv.markEstimate(1, 0);
    expect(mv.readAbsolute(key, 3)).toEqual(base);
    mv.record({ tx: 2, incarnation: 0, writes: [[key, { ...base, balance: 1n }]], deltas: [] });
    mv.markEstimate(2, 0);
    expect(() => mv.readAbsolute(key, 3)).toThrow(EstimateRead);
  });

  it('hold across credits and balance changes, and fail when the account disappears, empties or changes nonce', () => {
    const read = shapeRead(base);
    expect(isShapeRead(read) && read.balance === LAZY_BALANCE).toBe(true);
    expect(shapeHolds({ ...base, balance: 7n }, read)).toBe(true);
    expect(shapeHolds(null, read)).toBe(false);
    expect(shapeHolds({ ...base, nonce: 2n }, read)).toBe(false);
    const balanceOnly = shapeRead({ nonce: 0n, balance: 5n, codeHash: EMPTY_CODE_HASH });
    expect(shapeHolds({ nonce: 0n, balance: 0n, codeHash: EMPTY_CODE_HASH }, balanceOnly)).toBe(false);
  });

  it('is invalidated by a self-destruct that lands below the reader after it ran', () => {
    const mv = memory();
    const read = shapeRead(mv.readAbsolute(key, 5) as typeof base);
    mv.record({ tx: 2, incarnation: 0, writes: [[key, null]], deltas: [] });
    expect(shapeHolds(mv.readAbsolute(key, 5), read)).toBe(false);
  });
});

describe('TxStateView with lazy credits', () => {
  const address = createAddressFromString(`0x${A}`);
  function view(mv: MultiVersionMemory, tx: number): TxStateView {
    const v = new TxStateView({ get: () => undefined, put: () => {} }, 'cb'.repeat(20));
    v.reset(mv.readerFor(tx));
    v.lazyCredits = true;
    return v;
  }

  it('reports an unobserved credit as a delta and records only the shape', async () => {
    const mv = memory();
    mv.record({ tx: 0, incarnation: 0, writes: [], deltas: [[key, 50n]] });
    const v = view(mv, 1);
    const acc = (await v.getAccount(address)) as LazyAccount;
    expect(acc).toBeInstanceOf(LazyAccount);
    v.crediting = true;
    acc.balance += 9n;
    await v.putAccount(address, acc);
    v.crediting = false;
    expect((await v.getAccount(address))!.isEmpty()).toBe(false); // without observing the balance
    expect(v.writeSet().deltas).toEqual([[key, 9n]]);
    expect(v.writeSet().writes).toEqual([]);
    expect(isShapeRead(v.reads.get(key)!)).toBe(true);
  });

  it('materialises on a balance read: the real value, every earlier credit included, and an absolute write', async () => {
    const mv = memory();
    mv.record({ tx: 0, incarnation: 0, writes: [], deltas: [[key, 50n]] });
    const v = view(mv, 1);
    const acc = (await v.getAccount(address)) as LazyAccount;
    v.crediting = true;
    acc.balance += 9n;
    await v.putAccount(address, acc);
    v.crediting = false;
    expect(acc.balance).toBe(159n); // BALANCE after its own credit: pre-state 100 + earlier 50 + own 9
    expect(v.reads.get(key)).toEqual({ ...base, balance: 150n });
    expect(v.writeSet()).toMatchObject({ writes: [[key, { ...base, balance: 159n }]], deltas: [] });
  });

  it('turns a materialising read of an ESTIMATE into a blocked attempt instead of throwing inside the EVM', async () => {
    const mv = memory();
    mv.record({ tx: 0, incarnation: 0, writes: [], deltas: [[key, 50n]] });
    mv.markEstimate(0, 0);
    const v = view(mv, 1);
    const acc = (await v.getAccount(address)) as LazyAccount;
    expect(() => acc.balance).not.toThrow();
    expect(v.blocked).toBeInstanceOf(EstimateRead);
  });
});
