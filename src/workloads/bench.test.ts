import { describe, expect, it } from 'vitest';
import { ammSwaps, BENCH, erc20Transfers, ethTransfers } from './bench.ts';
import { Pool, Token } from './contracts/index.ts';
import { runScenarioStock } from './testing/stockRunner.ts';

const N = 50;

describe('bench workloads on the stock VM', () => {
  it('ethTransfers moves each value from a distinct sender to a distinct fresh recipient', async () => {
    const s = ethTransfers(N);
    const run = await runScenarioStock(s);
    expect(run.receipts.every((r) => r.status === 1 && r.gasUsed === 21_000n)).toBe(true);
    expect(new Set(s.transactions.map((t) => t.from)).size).toBe(N);
    expect(new Set(s.transactions.map((t) => t.to)).size).toBe(N);
    for (const t of s.transactions) {
      expect(s.preState[t.to!]).toBeUndefined();
      expect(await run.balance(t.to!)).toBe(BigInt(t.value));
      expect(await run.nonce(t.from!)).toBe(1n);
    }
  });

  it('erc20Transfers all succeed and move token balances between distinct accounts', async () => {
    const s = erc20Transfers(N);
    const run = await runScenarioStock(s);
    expect(run.receipts.map((r) => r.status)).toEqual(Array(N).fill(1));
    const storage = s.preState[BENCH.token]!.storage!;
    for (const [i, t] of s.transactions.entries()) {
      const amount = BigInt(`0x${t.input.slice(2 + 8 + 64)}`);
      const before = BigInt(storage[Token.slots.balance(t.from!)]!);
      expect(await run.storage(BENCH.token, Token.slots.balance(t.from!))).toBe(before - amount);
      expect(await run.storage(BENCH.token, Token.slots.balance(BENCH.recipient(i)))).toBe(amount);
      expect(run.receipts[i]!.logs).toHaveLength(1); // Transfer
    }
  });

  it('ammSwaps all succeed on one pool, keep x*y from falling and leave liquidity both ways', async () => {
    const s = ammSwaps(N);
    const run = await runScenarioStock(s);
    expect(run.receipts.map((r) => r.error ?? 'ok')).toEqual(Array(N).fill('ok'));
    const r0 = BigInt(s.preState[BENCH.pool]!.storage![Pool.slots.reserve0]!);
    const r1 = BigInt(s.preState[BENCH.pool]!.storage![Pool.slots.reserve1]!);
    const after0 = await run.storage(BENCH.pool, Pool.slots.reserve0);
    const after1 = await run.storage(BENCH.pool, Pool.slots.reserve1);
    expect(after0 * after1).toBeGreaterThanOrEqual(r0 * r1); // the fee only ever grows k
    expect(after0 > 0n && after1 > 0n).toBe(true);
    // The reserves match the pool's token balances, and every trader got its output token.
    expect(await run.storage(BENCH.tokenA, Token.slots.balance(BENCH.pool))).toBe(after0);
    expect(await run.storage(BENCH.tokenB, Token.slots.balance(BENCH.pool))).toBe(after1);
    for (const [i, t] of s.transactions.entries()) {
      const tokenOut = i % 2 === 0 ? BENCH.tokenB : BENCH.tokenA;
      expect(await run.storage(tokenOut, Token.slots.balance(t.from!))).toBeGreaterThan(0n);
    }
  });

  it('the same seed gives the same scenario and another seed a different one', () => {
    expect(ammSwaps(10, { seed: 7 })).toEqual(ammSwaps(10, { seed: 7 }));
    expect(erc20Transfers(10, { seed: 7 })).not.toEqual(erc20Transfers(10, { seed: 8 }));
  });
});
