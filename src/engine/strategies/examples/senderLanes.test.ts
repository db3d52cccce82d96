/** The worked example of docs/architecture.md commits exactly what sequential commits, on real workers too. */
import { afterAll, describe, it } from 'vitest';
import { BENCH_WORKLOADS } from '../../../workloads/bench.ts';
import { generatePreset } from '../../../workloads/presets/index.ts';
import { expectSameResult, run, testPool } from '../../testing/harness.ts';
import { senderLanes } from './senderLanes.ts';

const pool = testPool(3);
afterAll(() => pool.dispose());

describe('sender-lanes (the "add a strategy" example)', () => {
  it.each([
    ['a dex rush', generatePreset('dex-rush', { txs: 80 }, 3)],
    ['nonce chains and a hot pool', BENCH_WORKLOADS.hot(80)],
  ])('on %s, 1 and 3 workers', async (_name, scenario) => {
    const reference = await run(pool, scenario, { strategy: 'sequential', workers: 1, senders: 'trust' });
    for (const workers of [1, 3]) {
      expectSameResult(await run(pool, scenario, { strategy: senderLanes, workers, senders: 'trust' }), reference, `sender-lanes×${workers}`);
    }
  });
});
