/**
 * The parallel-equals-sequential suite: random scenarios (transfers to new and existing accounts, a hot counter,
 * reverts, out-of-gas, creations, nonce chains, coinbase reads and tips) under every strategy and worker count,
 * each run three times to catch races. The sequential reference is itself checked against stock ethereumjs.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { BENCH_WORKLOADS } from '../../workloads/bench.ts';
import { arbScenario } from '../../workloads/random.ts';
import { runScenarioStock } from '../../workloads/testing/stockRunner.ts';
import { expectSameResult, run, testPool } from '../testing/harness.ts';
import { STRATEGIES } from './registry.ts';

const pool = testPool(4);
afterAll(() => pool.dispose());

const WORKERS = [1, 2, 4];
const REPEATS = 3;

describe('every strategy commits exactly what sequential commits', () => {
  it('on random conflict-rich scenarios, for 1, 2 and 4 workers, three times each', async () => {
    await fc.assert(
      fc.asyncProperty(arbScenario({ maxTxs: 40 }), async (scenario) => {
        const reference = await run(pool, scenario, { strategy: 'sequential', workers: 1, senders: 'trust' });
        for (const strategy of STRATEGIES.filter((s) => s.name !== 'sequential')) {
          for (const workers of WORKERS) {
            for (let k = 0; k < REPEATS; k++) {
              const r = await run(pool, scenario, { strategy: strategy.name, workers, senders: 'trust' });
              expectSameResult(r, reference, `${strategy.name}×${workers} run ${k}`);
            }
          }
        }
      }),
      { numRuns: 30, seed: Number(process.env.FC_SEED ?? 20261125) },
    );
  });

  it('on the benchmark workloads (independent payments, ERC20 transfers, one hot AMM pool), twice each', async () => {
    for (const [name, make] of Object.entries(BENCH_WORKLOADS)) {
      const scenario = make(300);
      const reference = await run(pool, scenario, { strategy: 'sequential', workers: 1, senders: 'trust' });
      for (const strategy of STRATEGIES.filter((s) => s.name !== 'sequential')) {
        for (const workers of WORKERS) {
          for (let k = 0; k < 2; k++) {
            const r = await run(pool, scenario, { strategy: strategy.name, workers, senders: 'trust' });
            expectSameResult(r, reference, `${name}: ${strategy.name}×${workers} run ${k}`);
          }
        }
      }
    }
  });

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
