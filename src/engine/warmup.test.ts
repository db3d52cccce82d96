import { afterAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { warmupScenario } from '../workloads/warmup.ts';
import { runScenario } from './run.ts';
import { loadScenarioFile } from './scenario/loadFile.node.ts';
import { primeScenario, warmUp } from './warmup.ts';
import { createNodePool } from './workers/nodePool.ts';

const BLOCK = fileURLToPath(new URL('../../public/blocks/19426587.json', import.meta.url));

describe('warm-up', () => {
  const pool = createNodePool(2);
  afterAll(() => pool.dispose());

  it('runs each strategy once on the warm-up block; a stopped one says so and leaves the pool ready', async () => {
    const stopped = new AbortController();
    stopped.abort();
    expect(await warmUp(pool, warmupScenario(), { strategies: ['block-stm'], workers: 2, signal: stopped.signal })).toMatchObject({ strategies: [], cancelled: true });
    const r = await warmUp(pool, warmupScenario(), { strategies: ['sequential', 'block-stm', 'sequential'], workers: 2 });
    expect(r).toMatchObject({ strategies: ['sequential', 'block-stm'], cancelled: false });
    expect(r.ms).toBeGreaterThan(0);
  });

  it('primes a block (its set-up, senders and first transactions) and the run after it is right', async () => {
    const scenario = await loadScenarioFile(BLOCK);
    expect(await primeScenario(pool, scenario, { strategy: 'block-stm', workers: 2 })).toBe(true);
    const { result } = await runScenario(scenario, { strategy: 'block-stm', workers: 2 }, pool);
    expect(result.gasUsed).toBe(scenario.expected!.gasUsed);
    expect(result.receiptsRoot).toBe(scenario.expected!.receiptsRoot);
  });
});
