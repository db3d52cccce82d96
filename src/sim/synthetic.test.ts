/** The synthetic generator's numbered keys and chains are exactly what the simulator would compute from the strings. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountKey } from '../engine/evm/keys.ts';
import { previousSame } from '../engine/strategies/blockStm/affinity.ts';
import { KeyIds } from './replicas.ts';
import { p2pTransfers } from './synthetic.ts';

describe('p2pTransfers numbered keys', () => {
  it('number the keys as KeyIds would, and give previousSame of the senders and of the recipients', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        // Around 0xa, 0xaa, 0xa0…, 0xaaa: the account numbers whose padded addresses coincide.
        fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 150, max: 3000 }), fc.constant(1_000_000)),
        fc.integer({ min: 0, max: 1000 }),
        fc.oneof(fc.constant(undefined), fc.integer({ min: 2, max: 8 })),
        (n, accounts, seed, communities) => {
          const wl = p2pTransfers(n, accounts, { seed, communities, crossShare: 0.3 });
          const got = wl.numbered!;
          const ids = new KeyIds();
          const readIds = wl.txs.map((t) => Array.from(ids.idsOf(t.reads)));
          const senderIds = Array.from(ids.idsOf(wl.scenario.transactions.map((t) => accountKey(t.from!.slice(2).toLowerCase()))));
          const writeIds = wl.txs.map((t) => Array.from(ids.idsOf(t.writes)));
          expect(got.keys).toEqual(ids.keys);
          expect(new Set(got.keys).size).toBe(got.keys.length);
          expect(got.readIds.map((a) => Array.from(a))).toEqual(readIds);
          expect(got.writeIds.map((a) => Array.from(a))).toEqual(writeIds);
          expect(Array.from(got.senderIds)).toEqual(senderIds);
          expect(Array.from(got.prevSameSender)).toEqual(Array.from(previousSame(wl.scenario.transactions.map((t) => t.from!))));
          expect(Array.from(got.prevSameTarget)).toEqual(Array.from(previousSame(wl.scenario.transactions.map((t) => t.to))));
          // A transfer's keys are its sender's and its recipient's, once each.
          wl.txs.forEach((t, i) => expect(t.reads).toEqual([...new Set([accountKey(wl.scenario.transactions[i].from!.slice(2)), accountKey(wl.scenario.transactions[i].to!.slice(2))])]));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keep one account for the addresses the padding makes equal (0xa and 0xaa, 0xb and 0xab)', () => {
    const wl = p2pTransfers(3000, 300, { seed: 1 });
    const byAddress = new Map<string, number>();
    wl.numbered!.keys.forEach((k, i) => byAddress.set(k, i));
    expect(byAddress.size).toBe(wl.numbered!.keys.length);
    // 300 numbers, of which 0xaa (= 0xa) and 0xab…0xaf, 0xa0…0xa9 fold onto others or each other: fewer accounts.
    expect(wl.numbered!.keys.length).toBeLessThan(300);
  });
});
