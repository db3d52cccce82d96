/**
 * Lazy senders (`evm/lazyAccount.ts`): a sender's nonce and debit are one delta under its validity conditions, checked
 * at commit. One sender's payments then run side by side, and every way of breaking or observing the conditions still
 * commits exactly what sequential execution commits: BALANCE of the sender inside the transaction, payments back to
 * the sender, a payer that is the block's fee recipient, dynamic-fee transactions, and a sender who runs out of money
 * or skips a nonce in the middle of its run (the block fails with the same message).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { analyseConflicts } from '../analysis/conflicts.ts';
import { coinbaseKey, packDelta, unpackDelta } from '../evm/keys.ts';
import { runScenario } from '../run.ts';
import type { Address, Hex, PreState, Scenario, ScenarioTx } from '../scenario/types.ts';
import { quantity } from '../../workloads/abi.ts';
import { ETH, account, blockEnv } from '../../workloads/common.ts';
import { expectSameResult, run, testPool } from '../testing/harness.ts';

const pool = testPool(2);
afterAll(() => pool.dispose());

const payer = (k: number): Address => account('5a1e', k);
const fresh = (k: number): Address => account('f7e5', k);
/** Logs SELFBALANCE and BALANCE(calldata address). */
const PROBE: Address = account('9b0c', 0);
const PROBE_CODE: Hex = '0x476000526000353160205260406000a000';
const COINBASE: Address = account('c0b0', 0);

type Step =
  /** `from` pays a fresh account, another payer, or itself. */
  | { kind: 'pay'; from: number; to: { fresh: number } | { payer: number } | 'self'; value: bigint; dynamic: boolean }
  /** `from` calls the probe, which reads the balance of `of` (its own: BALANCE(ORIGIN)). */
  | { kind: 'probe'; from: number; of: number; value: bigint }
  /** The fee recipient pays a fresh account. */
  | { kind: 'coinbasePays'; to: number; value: bigint };

const strip = (a: Address): string => a.slice(2);

function build(steps: Step[], funds = 10n * ETH): Scenario {
  const pre: PreState = {
    [PROBE]: { balance: '0x0', nonce: '0x1', code: PROBE_CODE },
    [COINBASE]: { balance: quantity(ETH), nonce: '0x5' },
  };
  const nonces = new Map<Address, bigint>();
  const txs: ScenarioTx[] = [];
  const push = (from: Address, to: Address, value: bigint, input: Hex, dynamic: boolean): void => {
    if (!(from in pre)) pre[from] = { balance: quantity(funds), nonce: '0x3' };
    const nonce = nonces.get(from) ?? BigInt(pre[from].nonce ?? '0x0');
    nonces.set(from, nonce + 1n);
    const common = { from, to, nonce: quantity(nonce), value: quantity(value), input, gas: quantity(60_000n) };
    txs.push(dynamic ? { ...common, type: 2, maxFeePerGas: quantity(20n), maxPriorityFeePerGas: quantity(2n) } : { ...common, type: 0, gasPrice: quantity(9n) });
  };
  for (const s of steps) {
    if (s.kind === 'pay') {
      const to = s.to === 'self' ? payer(s.from) : 'fresh' in s.to ? fresh(s.to.fresh) : payer(s.to.payer);
      push(payer(s.from), to, s.value, '0x', s.dynamic);
    } else if (s.kind === 'probe') {
      push(payer(s.from), PROBE, s.value, `0x${strip(payer(s.of)).padStart(64, '0')}`, false);
    } else push(COINBASE, fresh(1000 + s.to), s.value, '0x', false);
  }
  return {
    version: 1,
    name: 'lazy-senders',
    chain: { chainId: 1, hardfork: 'cancun' },
    block: { ...blockEnv('cancun', { gasLimit: 30_000_000n, baseFee: 7n }), coinbase: COINBASE },
    preState: pre,
    transactions: txs,
  };
}

async function expectAsSequential(scenario: Scenario, strategies = ['block-stm', 'block-stm-deltas'], workers = [1, 2]): Promise<void> {
  const reference = await run(pool, scenario, { strategy: 'sequential', workers: 1, senders: 'trust' });
  for (const strategy of strategies) {
    for (const w of workers) expectSameResult(await run(pool, scenario, { strategy, workers: w, senders: 'trust' }), reference, `${strategy}×${w}`);
  }
}

const payments = (n: number, from = 0): Step[] =>
  Array.from({ length: n }, (_, i) => ({ kind: 'pay' as const, from, to: { fresh: i }, value: BigInt(i + 1) * 10n ** 15n, dynamic: i % 3 === 0 }));

describe('packed deltas', () => {
  it('carry a balance change and nonce increments through sums', () => {
    const balance = fc.bigInt({ min: -(2n ** 256n), max: 2n ** 256n });
    const nonces = fc.bigInt({ min: 0n, max: 1n << 20n });
    fc.assert(
      fc.property(fc.array(fc.tuple(balance, nonces), { minLength: 1, maxLength: 20 }), (parts) => {
        let sum = 0n;
        for (const [b, n] of parts) {
          expect(unpackDelta(packDelta(b, n))).toEqual({ balance: b, nonces: n });
          sum += packDelta(b, n);
        }
        expect(unpackDelta(sum)).toEqual({ balance: parts.reduce((a, [b]) => a + b, 0n), nonces: parts.reduce((a, [, n]) => a + n, 0n) });
      }),
    );
  });
});

describe('lazy senders', () => {
  it("one sender's payments are no chain: no dependency in sequential's trace, none aborted on two workers, both workers used", async () => {
    const scenario = build(payments(60));
    const reference = await runScenario(scenario, { strategy: 'sequential', workers: 1, senders: 'trust' }, pool);
    const analysis = analyseConflicts(reference.trace, coinbaseKey(scenario));
    expect(analysis.edges).toEqual([]);
    expect(analysis.speedupBound).toBeGreaterThan(50);
    const { result, trace } = await runScenario(scenario, { strategy: 'block-stm', workers: 2, senders: 'trust' }, pool);
    expectSameResult(result, reference.result, 'block-stm×2');
    expect(result.stats.aborts).toBe(0);
    const workers = new Set(trace.events.filter((e) => e.kind === 'exec-end').map((e) => e.worker));
    expect(workers.size).toBe(2);
    const end = trace.events.find((e) => e.kind === 'exec-end' && e.tx === 5);
    expect(end?.kind === 'exec-end' && end.conditions).toEqual([`a${strip(payer(0))}`]);
  });

  it('a fee recipient paying out (its fees in the same delta) commits the sequential result', async () => {
    const steps: Step[] = [];
    for (let i = 0; i < 30; i++) steps.push({ kind: 'coinbasePays', to: i, value: 10n ** 15n }, ...(i % 5 === 0 ? payments(1, 1) : []));
    await expectAsSequential(build(steps));
  });

  it('a sender that looks at its own balance, or is paid back, sees what sequential execution sees', async () => {
    const steps: Step[] = [
      ...payments(6),
      { kind: 'probe', from: 0, of: 0, value: 5n },
      { kind: 'pay', from: 1, to: { payer: 0 }, value: 3n * 10n ** 15n, dynamic: false },
      { kind: 'probe', from: 0, of: 0, value: 0n },
      { kind: 'pay', from: 0, to: 'self', value: 7n, dynamic: true },
      { kind: 'probe', from: 1, of: 0, value: 0n },
      ...payments(6),
    ];
    await expectAsSequential(build(steps));
  });

  it('random mixes of payments, probes and payouts among three senders commit the sequential result', async () => {
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({
        kind: fc.constant('pay' as const),
        from: fc.nat(2),
        to: fc.oneof(fc.record({ fresh: fc.nat(40) }), fc.record({ payer: fc.nat(2) }), fc.constant('self' as const)),
        value: fc.bigInt({ min: 0n, max: 10n ** 17n }),
        dynamic: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('probe' as const), from: fc.nat(2), of: fc.nat(2), value: fc.bigInt({ min: 0n, max: 100n }) }),
      fc.record({ kind: fc.constant('coinbasePays' as const), to: fc.nat(5), value: fc.bigInt({ min: 1n, max: 10n ** 15n }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 40 }), async (steps) => {
        await expectAsSequential(build(steps), ['block-stm'], [2]);
      }),
      { numRuns: 8 },
    );
  });

  it('a sender who runs out of money in the middle of its run fails the block as sequential does', async () => {
    // Enough for 9 payments of 0.01 ETH and their gas, not for the 10th.
    const scenario = build(
      Array.from({ length: 14 }, (_, i) => ({ kind: 'pay' as const, from: 0, to: { fresh: i }, value: 10n ** 16n, dynamic: false })),
      95n * 10n ** 15n,
    );
    const expected = await runScenario(scenario, { strategy: 'sequential', workers: 1, senders: 'trust' }, pool).then(
      () => 'no error',
      (e: Error) => e.message,
    );
    expect(expected).toMatch(/^transactions\[9\] is not valid: sender doesn't have enough funds/);
    for (const strategy of ['block-stm', 'block-stm-deltas']) {
      await expect(runScenario(scenario, { strategy, workers: 2, senders: 'trust' }, pool)).rejects.toThrow(expected);
    }
  });

  it('a skipped nonce in the middle of a run fails the block as sequential does', async () => {
    const scenario = build(payments(12));
    scenario.transactions[7] = { ...scenario.transactions[7], nonce: quantity(BigInt(scenario.transactions[7].nonce) + 1n) };
    const expected = await runScenario(scenario, { strategy: 'sequential', workers: 1, senders: 'trust' }, pool).then(
      () => 'no error',
      (e: Error) => e.message,
    );
    expect(expected).toMatch(/^transactions\[7\] is not valid: the tx doesn't have the correct nonce/);
    await expect(runScenario(scenario, { strategy: 'block-stm', workers: 2, senders: 'trust' }, pool)).rejects.toThrow(expected);
  });
});
