import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Address, Scenario } from '../engine/scenario/types.ts';
import { selector } from './abi.ts';
import { Counter } from './contracts/index.ts';
import { arbScenario, HOT_COUNTER } from './random.ts';
import { runScenarioStock } from './testing/stockRunner.ts';

const QUANTITY = /^0x(0|[1-9a-f][0-9a-f]*)$/;
const INCREMENT = selector('increment()');
const INCREMENT_BY = selector('incrementBy(uint256)');

/** What the hot counter must hold after the scenario: every increment on it succeeds. */
function expectedCount(s: Scenario): bigint {
  let c = BigInt(s.preState[HOT_COUNTER]!.storage?.[Counter.slots.count] ?? '0x0');
  for (const t of s.transactions) {
    if (t.to !== HOT_COUNTER) continue;
    if (t.input === INCREMENT) c += 1n;
    else if (t.input.startsWith(INCREMENT_BY)) c += BigInt(`0x${t.input.slice(10)}`);
  }
  return c;
}

describe('arbScenario', () => {
  it('produces well-formed scenarios whose fee fields fit the hardfork and whose nonces chain exactly', () => {
    fc.assert(
      fc.property(arbScenario(), (s) => {
        expect(s.transactions.length).toBeGreaterThanOrEqual(1);
        expect(s.transactions.length).toBeLessThanOrEqual(40);
        const berlin = s.chain.hardfork === 'berlin';
        expect(s.block.baseFeePerGas === undefined).toBe(berlin);
        const next = new Map<Address, bigint>();
        for (const t of s.transactions) {
          for (const q of [t.nonce, t.value, t.gas, t.gasPrice, t.maxFeePerGas, t.maxPriorityFeePerGas]) {
            if (q !== undefined) expect(q).toMatch(QUANTITY);
          }
          if (berlin) expect(t.type).not.toBe(2);
          expect(t.type === 2 ? t.gasPrice : t.maxFeePerGas).toBeUndefined();
          const n = next.get(t.from!) ?? BigInt(s.preState[t.from!]?.nonce ?? '0x0');
          expect(BigInt(t.nonce)).toBe(n);
          next.set(t.from!, n + 1n);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('covers every kind of transaction it promises', () => {
    const labels = new Set<string>();
    const types = new Set<number>();
    const hardforks = new Set<string>();
    for (const s of fc.sample(arbScenario(), { numRuns: 200, seed: 42 })) {
      hardforks.add(s.chain.hardfork);
      for (const t of s.transactions) {
        labels.add(t.label!);
        types.add(t.type);
      }
    }
    expect([...hardforks].sort()).toEqual(['berlin', 'cancun', 'london', 'shanghai']);
    expect([...types].sort()).toEqual([0, 1, 2]);
    for (const l of ['eth → new account', 'eth → sender', 'eth → counter', 'eth → coinbase', 'increment()', 'incrementBy(n)',
      'fail()', 'burn(n) out of gas', 'deploy Counter', 'eth → future contract', 'deploy Counter at funded address',
      'eth → fund fresh account', 'eth → spend received funds', 'coinbaseBalance()', 'tipCoinbase()']) {
      expect(labels).toContain(l);
    }
  });

  it('runs on the stock VM without an invalid tx, with fail() reverting, burn() out of gas and everything else succeeding', async () => {
    await fc.assert(
      fc.asyncProperty(arbScenario(), async (s) => {
        const run = await runScenarioStock(s); // throws on any invalid tx
        for (const [i, t] of s.transactions.entries()) {
          const r = run.receipts[i]!;
          if (t.label === 'fail()') {
            expect(r.status).toBe(0);
            expect(r.revertReason).toBe(Counter.FAIL_REASON);
          } else if (t.label === 'burn(n) out of gas') {
            expect(r.status).toBe(0);
            expect(r.error).toBe('out of gas');
          } else {
            expect({ i, label: t.label, error: r.error }).toEqual({ i, label: t.label, error: undefined });
          }
          if (t.to === null) expect(await run.code(r.createdAddress!)).toBe(Counter.deployedBytecode);
        }
        expect(await run.storage(HOT_COUNTER, Counter.slots.count)).toBe(expectedCount(s));
        const last = new Map(s.transactions.map((t) => [t.from!, BigInt(t.nonce)]));
        for (const [a, n] of last) expect(await run.nonce(a)).toBe(n + 1n);
      }),
      { numRuns: 25 },
    );
  });
});
