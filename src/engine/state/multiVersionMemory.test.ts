import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_CODE_HASH, type StateValue, accountKey, slotKey } from '../evm/keys.ts';
import { EstimateRead } from '../evm/stateView.ts';
import type { Scenario } from '../scenario/types.ts';
import { BaseState } from './baseState.ts';
import { CommittedState } from './committedState.ts';
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

describe('MultiVersionMemory below the commit point', () => {
  const keys = [accountKey(A), accountKey('bb'.repeat(20)), slot, slotKey(A, '00'.repeat(31) + '02', 0)];
  const isAccount = (k: string) => k.startsWith('a');
  const account = (n: number) => ({ nonce: BigInt(n % 3), balance: BigInt(n), codeHash: EMPTY_CODE_HASH });
  /** One update: a write, a credit or an ESTIMATE mark, of some incarnation of some transaction. */
  const update = fc.record({
    tx: fc.integer({ min: 0, max: 11 }),
    incarnation: fc.integer({ min: 0, max: 2 }),
    estimate: fc.boolean(),
    writes: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 50 }), fc.boolean()), { selector: (w) => w[0], maxLength: 3 }),
  });
  type Update = typeof update extends fc.Arbitrary<infer U> ? U : never;
  /** An update's writes and credits (a credit only to an account; a written account of value 0 is deleted). */
  const effects = (u: Update) => {
    const writes: [string, StateValue][] = [];
    const deltas: [string, bigint][] = [];
    for (const [k, v, credit] of u.writes) {
      const key = keys[k];
      if (isAccount(key) && credit) deltas.push([key, BigInt(v)]);
      else writes.push([key, isAccount(key) ? (v === 0 ? null : account(v)) : BigInt(v)]);
    }
    return { writes, deltas };
  };
  const apply = (mv: MultiVersionMemory, u: Update) => {
    if (u.estimate) return mv.markEstimate(u.tx, u.incarnation);
    mv.record({ tx: u.tx, incarnation: u.incarnation, ...effects(u) });
  };
  const observe = (mv: MultiVersionMemory, key: string, tx: number) => {
    const safely = (f: () => unknown) => {
      try {
        return f();
      } catch (e) {
        if (e instanceof EstimateRead) return `estimate ${e.blockingTx}`;
        throw e;
      }
    };
    return [safely(() => mv.read(key, tx)), safely(() => mv.readAbsolute(key, tx)), mv.writerBelow(key, tx)];
  };

  it('reads from the fold point on exactly what the unfolded memory reads', () => {
    fc.assert(
      fc.property(fc.array(update, { maxLength: 40 }), fc.array(update, { maxLength: 20 }), fc.integer({ min: 0, max: 12 }), (before, after, c) => {
        const base = new BaseState(scenario);
        const plain = new MultiVersionMemory(base);
        const folded = new MultiVersionMemory(base);
        for (const u of before) {
          apply(plain, u);
          apply(folded, u);
        }
        // What the fold point promises: nothing more is recorded below it, an ESTIMATE there has been replaced.
        const final = new Set<number>();
        for (let tx = 0; tx < c; tx++) {
          const last = [...before].reverse().find((u) => u.tx === tx);
          if (last?.estimate) {
            const fix = { ...last, estimate: false, incarnation: last.incarnation + 1 };
            apply(plain, fix);
            apply(folded, fix);
          }
          final.add(tx);
        }
        folded.foldBelow(c);
        for (const u of after.filter((u) => !final.has(u.tx))) {
          apply(plain, u);
          apply(folded, u);
        }
        for (const key of keys) for (let tx = c; tx <= 12; tx++) expect(observe(folded, key, tx)).toEqual(observe(plain, key, tx));
      }),
      { numRuns: 500 },
    );
  });

  it('a replica seeded with the committed state reads what one fed every record reads', () => {
    fc.assert(
      fc.property(fc.array(update, { maxLength: 40 }), fc.integer({ min: 0, max: 12 }), (updates, c) => {
        // Every transaction's final record, in block order: what commits.
        const finals = Array.from({ length: 12 }, (_, tx) => [...updates].reverse().find((u) => u.tx === tx && !u.estimate)).filter((u) => u !== undefined);
        const base = new BaseState(scenario);
        const plain = new MultiVersionMemory(base);
        for (const u of finals) apply(plain, u);
        const committed = new CommittedState(base);
        for (const u of finals.filter((u) => u.tx < c)) committed.apply({ ...effects(u), codes: [] });
        const seeded = new MultiVersionMemory(base, { writers: false });
        const { values, deltas } = committed.snapshot();
        seeded.seed(c, values, deltas);
        for (const u of finals.filter((u) => u.tx >= c)) apply(seeded, u);
        for (const key of keys) {
          for (let tx = c; tx <= 12; tx++) expect(observe(seeded, key, tx).slice(0, 2)).toEqual(observe(plain, key, tx).slice(0, 2));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('forgets the history below the fold point', () => {
    const mv = new MultiVersionMemory(new BaseState(scenario));
    for (let tx = 0; tx < 100; tx++) mv.record({ tx, incarnation: 0, writes: [[slot, BigInt(tx)]], deltas: [[accountKey(A), 1n]] });
    mv.foldBelow(100);
    expect(mv.writtenKeys(5)).toEqual([]);
    expect(mv.read(slot, 100)).toBe(99n);
    expect((mv.read(accountKey(A), 100) as { balance: bigint }).balance).toBe(200n);
    expect(mv.writerBelow(slot, 100)).toBe(99);
    expect(mv.record({ tx: 3, incarnation: 5, writes: [[slot, 1n]], deltas: [] })).toBe(false); // a folded transaction: stale
    expect(mv.read(slot, 100)).toBe(99n);
  });
});
