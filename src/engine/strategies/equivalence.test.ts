/**
 * The parallel-equals-sequential suite: random scenarios (transfers to new and existing accounts, a hot counter,
 * reverts, out-of-gas, creations, nonce chains, coinbase reads and tips) under every strategy with 1, 2, 4 and 8
 * workers, each run three times to catch races (8 workers on a 2-core machine oversubscribes it: a good race test).
 * The sequential reference is itself checked against stock ethereumjs.
 *
 * Sized for ~8 strategies within the `npm test` budget on 2 cores: a dozen random scenarios at every count × 3, and
 * the benchmark workloads with 8 workers and one of 1/2/4 (rotating); the presets and mainnet suites add volume.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { BENCH_WORKLOADS } from '../../workloads/bench.ts';
import { arbScenario } from '../../workloads/random.ts';
import { runScenarioStock } from '../../workloads/testing/stockRunner.ts';
import { expectSameResult, run, testPool } from '../testing/harness.ts';
import { STRATEGIES } from './registry.ts';

const WORKERS = [1, 2, 4, 8];
const REPEATS = 3;
const pool = testPool(Math.max(...WORKERS));
afterAll(() => pool.dispose());

const parallel = () => STRATEGIES.filter((s) => s.name !== 'sequential');

describe('every strategy commits exactly what sequential commits', () => {
  it('on random conflict-rich scenarios, for 1, 2, 4 and 8 workers, three times each', async () => {
    await fc.assert(
      fc.asyncProperty(arbScenario({ maxTxs: 40 }), async (scenario) => {
        const reference = await run(pool, scenario, { strategy: 'sequential', workers: 1, senders: 'trust' });
        for (const strategy of parallel()) {
          for (const workers of WORKERS) {
            for (let k = 0; k < REPEATS; k++) {
              const r = await run(pool, scenario, { strategy: strategy.name, workers, senders: 'trust' });
              expectSameResult(r, reference, `${strategy.name}×${workers} run ${k}`);
            }
          }
        }
      }),
      { numRuns: 12, seed: Number(process.env.FC_SEED ?? 20261125) },
    );
    // ~60 s on a quiet 2-core machine, twice that beside other test files: room for a busy one.
  }, 400_000);

  // Independent payments, ERC20 transfers, one hot AMM pool: 8 workers, and one of 1/2/4 rotating by workload and strategy.
  it.each(Object.entries(BENCH_WORKLOADS).map(([name, make], i) => [name, make, i] as const))('on the %s benchmark workload (200 txs), 8 workers and one of 1/2/4', async (name, make, w) => {
    const scenario = make(200);
    const reference = await run(pool, scenario, { strategy: 'sequential', workers: 1, senders: 'trust' });
    for (const [s, strategy] of parallel().entries()) {
      for (const workers of [WORKERS[(w + s) % 3], 8]) {
        const r = await run(pool, scenario, { strategy: strategy.name, workers, senders: 'trust' });
        expectSameResult(r, reference, `${name}: ${strategy.name}×${workers}`);
      }
    }
  }, 300_000); // amm: ~70 s on a quiet machine

  it('sequential matches stock ethereumjs runTx receipt by receipt (and its state root after the merge)', async () => {
    await fc.assert(
      fc.asyncProperty(arbScenario({ maxTxs: 30 }), async (scenario) => {
        const ours = await run(pool, scenario, { strategy: 'sequential', workers: 1, senders: 'trust' });
        const stock = await runScenarioStock(scenario, { merkle: true });
        expect(ours.receipts.map((r) => [r.status, BigInt(r.gasUsed), r.logs])).toEqual(
          stock.receipts.map((r) => [r.status, r.gasUsed, r.logs]),
        );
        // Stock runTx applies no block reward: compare roots where there is none (proof of stake).
        if (['shanghai', 'cancun'].includes(scenario.chain.hardfork)) expect(ours.stateRoot).toBe(await stock.stateRoot());
      }),
      { numRuns: 40, seed: Number(process.env.FC_SEED ?? 7) },
    );
  });
});
