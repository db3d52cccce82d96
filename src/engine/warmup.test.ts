import { afterAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { warmupScenario } from '../workloads/warmup.ts';
import { runScenario } from './run.ts';
import { loadScenarioFile } from './scenario/loadFile.node.ts';
import { SETTLE_TXS, primeScenario, settleScenario, warmUp } from './warmup.ts';
import { createNodePool } from './workers/nodePool.ts';

const BLOCK = fileURLToPath(new URL('../../public/blocks/19426587.json', import.meta.url));

describe('cold workers', () => {
  it('a run says how many of its workers had not finished a run before: the first, a worker added, a replacement', async () => {
    const pool = createNodePool(1);
    try {
      const scenario = warmupScenario(40);
      const cold = async (workers: number) => (await runScenario(scenario, { strategy: 'block-stm', workers, senders: 'trust' }, pool)).result.stats.coldWorkers;
      expect(await cold(1)).toBe(1);
      expect(await cold(1)).toBeUndefined();
      expect(await cold(2)).toBe(1); // the second worker is new
      expect(await cold(2)).toBeUndefined();
      pool.kill(1);
      expect(await cold(2)).toBe(1); // its replacement is
      // A run stopped before the end warms nothing.
      pool.kill(0);
      const stopped = new AbortController();
      stopped.abort();
      await expect(runScenario(scenario, { strategy: 'block-stm', workers: 2, signal: stopped.signal }, pool)).rejects.toThrow();
      expect(await cold(2)).toBe(1);
    } finally {
      pool.dispose();
    }
  });
});

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

  it('settles a block with whole runs while its budget lasts; not a large one, not once stopped', async () => {
    const scenario = await loadScenarioFile(BLOCK);
    const settled = await settleScenario(pool, scenario, { strategy: 'block-stm', workers: 2, budgetMs: 60_000 });
    expect(settled.cancelled).toBe(false);
    expect(settled.walls.length).toBeGreaterThanOrEqual(4);
    expect(settled.walls.length).toBeLessThanOrEqual(8);
    expect(await settleScenario(pool, scenario, { strategy: 'block-stm', workers: 2, budgetMs: 0 })).toEqual({ walls: [], cancelled: false });
    const large = { ...scenario, transactions: new Array(SETTLE_TXS + 1).fill(scenario.transactions[0]) };
    expect(await settleScenario(pool, large, { strategy: 'block-stm', workers: 2, budgetMs: 60_000 })).toEqual({ walls: [], cancelled: false });
    const stopping = new AbortController();
    const stopped = settleScenario(pool, scenario, { strategy: 'block-stm', workers: 2, budgetMs: 60_000, signal: stopping.signal });
    stopping.abort();
    expect(await stopped).toEqual({ walls: [], cancelled: true });
    const { result } = await runScenario(scenario, { strategy: 'block-stm', workers: 2 }, pool);
    expect(result.receiptsRoot).toBe(scenario.expected!.receiptsRoot);
  });
});
