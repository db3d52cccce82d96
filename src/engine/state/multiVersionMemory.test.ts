import { describe, expect, it } from 'vitest';
import { accountKey, slotKey } from '../evm/keys.ts';
import { EstimateRead } from '../evm/stateView.ts';
import type { Scenario } from '../scenario/types.ts';
import { BaseState } from './baseState.ts';
import { MultiVersionMemory } from './multiVersionMemory.ts';

const A = 'aa'.repeat(20);
const scenario: Scenario = {
  version: 1,
  name: 't',
  chain: { chainId: 1, hardfork: 'cancun' },
  block: { number: '0x1', timestamp: '0x1', coinbase: `0x${'cb'.repeat(20)}`, gasLimit: '0x1000000', baseFeePerGas: '0x7', blockHashes: {} },
  preState: { [`0x${A}` as const]: { balance: '0x64', nonce: '0x0', storage: { [`0x${'00'.repeat(31)}01` as const]: '0x5' } } },
  transactions: [],
};
const slot = slotKey(A, '00'.repeat(31) + '01', 0);

describe('MultiVersionMemory', () => {
  it('a transaction reads the pre-state when nothing below it wrote', () => {
    const mv = new MultiVersionMemory(new BaseState(scenario));
    expect(mv.read(slot, 3)).toBe(5n);
    expect(mv.read(accountKey(A), 3)).toEqual({ nonce: 0n, balance: 100n, codeHash: expect.any(String) });
  });

  it('a transaction reads the highest write below it, never its own or a later one', () => {
    const mv = new MultiVersionMemory(new BaseState(scenario));
    mv.record({ tx: 1, incarnation: 0, writes: [[slot, 7n]], deltas: [] });
    mv.record({ tx: 4, incarnation: 0, writes: [[slot, 9n]], deltas: [] });
    expect(mv.read(slot, 1)).toBe(5n);
    expect(mv.read(slot, 2)).toBe(7n);
    expect(mv.read(slot, 4)).toBe(7n);
    expect(mv.read(slot, 5)).toBe(9n);
    expect(mv.writerBelow(slot, 5)).toBe(4);
  });

  it('deltas fold into the nearest value below them', () => {
    const mv = new MultiVersionMemory(new BaseState(scenario));
    mv.record({ tx: 0, incarnation: 0, writes: [], deltas: [[accountKey(A), 10n]] });
    mv.record({ tx: 2, incarnation: 0, writes: [], deltas: [[accountKey(A), 5n]] });
    expect((mv.read(accountKey(A), 3) as { balance: bigint }).balance).toBe(115n);
    mv.record({ tx: 1, incarnation: 0, writes: [[accountKey(A), { nonce: 1n, balance: 1n, codeHash: 'x' }]], deltas: [] });
    expect((mv.read(accountKey(A), 3) as { balance: bigint }).balance).toBe(6n);
  });

  it('an ESTIMATE makes readers above it wait for its writer', () => {
    const mv = new MultiVersionMemory(new BaseState(scenario));
    mv.record({ tx: 1, incarnation: 0, writes: [[slot, 7n]], deltas: [] });
    mv.markEstimate(1, 0);
    expect(() => mv.read(slot, 2)).toThrow(EstimateRead);
    expect(mv.read(slot, 1)).toBe(5n);
  });

  it('a new incarnation drops the keys the old one wrote and reports a new key', () => {
    const mv = new MultiVersionMemory(new BaseState(scenario));
    const other = slotKey(A, '00'.repeat(31) + '02', 0);
    expect(mv.record({ tx: 1, incarnation: 0, writes: [[slot, 7n]], deltas: [] })).toBe(true);
    expect(mv.record({ tx: 1, incarnation: 1, writes: [[slot, 8n]], deltas: [] })).toBe(false);
    expect(mv.record({ tx: 1, incarnation: 2, writes: [[other, 1n]], deltas: [] })).toBe(true);
    expect(mv.read(slot, 2)).toBe(5n);
  });

  it('a late update from an older incarnation is ignored (replicas can lag)', () => {
    const mv = new MultiVersionMemory(new BaseState(scenario));
    mv.record({ tx: 1, incarnation: 2, writes: [[slot, 8n]], deltas: [] });
    mv.record({ tx: 1, incarnation: 1, writes: [[slot, 6n]], deltas: [] });
    mv.markEstimate(1, 1);
    expect(mv.read(slot, 2)).toBe(8n);
  });
});
