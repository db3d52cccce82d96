/**
 * The correctness contract on every preset: each strategy commits what sequential (the reference) commits. Each
 * (preset, strategy) pair runs once, its worker count rotating over 1, 2, 4 and 8 (8 oversubscribes 2 cores: a race
 * test), so every strategy meets every count on two presets and every preset every count. One run per pair at 300
 * transactions keeps ~8 strategies within the test budget; the random suite runs every count three times.
 * `PARALLAX_FULL_MATRIX=1` runs every count three times here too (src/engine/testing/matrix.ts).
 */
import { afterAll, describe, it } from 'vitest';
import { STRATEGY_CATALOG } from '../../engine/strategies/catalog.ts';
import { expectSameResult, run, testPool } from '../../engine/testing/harness.ts';
import { FULL_MATRIX, matrixRuns } from '../../engine/testing/matrix.ts';
import { PRESETS, generatePreset } from './index.ts';

const TXS = 300;
const ROTATING = [1, 2, 4, 8];
const pool = testPool(8);
afterAll(() => pool.dispose());


describe(`every preset at ${TXS} transactions`, () => {
  it.each(PRESETS.map((p, i) => [p.id, i] as const))('%s: every strategy (1, 2, 4 or 8 workers) equals sequential', async (id, p) => {
    const scenario = generatePreset(id, { txs: TXS }, 1);
    const reference = await run(pool, scenario, { strategy: 'sequential', workers: 1, senders: 'trust' });
    for (const [s, strategy] of STRATEGY_CATALOG.filter((x) => x.name !== 'sequential').entries()) {
      for (const { workers, run: k } of matrixRuns(ROTATING, p + s)) {
        const r = await run(pool, scenario, { strategy: strategy.name, workers, senders: 'trust' });
        expectSameResult(r, reference, `${id}: ${strategy.name}×${workers} run ${k}`);
      }
    }
  }, FULL_MATRIX ? 1_800_000 : undefined);
});
