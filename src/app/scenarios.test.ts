import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../engine/scenario/index.ts';
import { DEFAULT_SCENARIO_ID, SCENARIOS, ScenarioCache, blockUrl, findScenario } from './scenarios.ts';

/** Serves `blocks/<n>.json` from `public/`, as the static server does. */
const fromPublic = async (url: string): Promise<unknown> => JSON.parse(await readFile(`public/${url.replace(/^.*?blocks\//, 'blocks/')}`, 'utf8'));

describe('scenarios', () => {
  it('the default is the DEX rush, a scenario with visible conflicts', () => {
    expect(DEFAULT_SCENARIO_ID).toBe('dex-rush');
    expect(findScenario(DEFAULT_SCENARIO_ID).label).toBe('DEX rush: 200 swaps on one pool');
  });

  it('every generated workload has 200 transactions', async () => {
    for (const id of ['dex-rush', 'erc20', 'eth']) expect((await findScenario(id).load()).transactions).toHaveLength(200);
  });

  it('the bundled mainnet blocks load from public/blocks with their header and the pevm credit', async () => {
    for (const [id, txs] of [['block-19426587', 37], ['block-15537394', 80]] as const) {
      const choice = findScenario(id);
      expect(choice.credit).toContain('From the test data of risechain/pevm (MIT licence, © 2024 RISE Labs)');
      const scenario = await choice.load(fromPublic);
      expect(scenario.transactions).toHaveLength(txs);
      expect(scenario.expected?.gasUsed).toMatch(/^0x[0-9a-f]+$/);
    }
  });

  it('blockUrl is relative to the page base, so the site works from a sub-path', () => {
    expect(blockUrl(19426587)).toMatch(/blocks\/19426587\.json$/);
    expect(blockUrl(19426587).startsWith('http')).toBe(false);
  });

  it('a malformed block is a ScenarioError that names the file and the field', async () => {
    const choice = findScenario('block-15537394');
    const err = await choice.load(async () => ({ block: { number: 'abc', transactions: [] }, prestate: {} })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as Error).message).toContain('blocks/15537394.json: block.number');
  });

  it('ScenarioCache loads each scenario once and forgets a failed load', async () => {
    const cache = new ScenarioCache();
    const eth = findScenario('eth');
    expect(await cache.get(eth)).toBe(await cache.get(eth));
    let calls = 0;
    const flaky = { ...eth, id: 'flaky', load: async () => (calls++ === 0 ? Promise.reject(new Error('offline')) : eth.load()) };
    await expect(cache.get(flaky)).rejects.toThrow('offline');
    expect((await cache.get(flaky)).transactions).toHaveLength(200);
  });

  it('ids are unique', () => {
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
  });
});
