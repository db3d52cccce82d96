/** The correctness contract on every preset: each strategy, with 1, 2 and 4 workers, commits what sequential (the reference) commits. */
import { afterAll, describe, it } from 'vitest';
import { STRATEGIES } from '../../engine/strategies/registry.ts';
import { expectSameResult, run, testPool } from '../../engine/testing/harness.ts';
import { PRESETS, generatePreset } from './index.ts';

const pool = testPool(4);
afterAll(() => pool.dispose());

describe('every preset at 500 transactions', () => {
  it.each(PRESETS.map((p) => p.id))('%s: every strategy and worker count equals sequential', async (id) => {
    const scenario = generatePreset(id, { txs: 500 }, 1);
    const reference = await run(pool, scenario, { strategy: 'sequential', workers: 1, senders: 'trust' });
    for (const strategy of STRATEGIES.filter((s) => s.name !== 'sequential')) {
      for (const workers of [1, 2, 4]) {
        const r = await run(pool, scenario, { strategy: strategy.name, workers, senders: 'trust' });
        expectSameResult(r, reference, `${id}: ${strategy.name}×${workers}`);
      }
    }
  });
});
