import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../engine/scenario/index.ts';
import { BLOCKS, EXAMPLES } from './catalog.ts';
import { ScenarioCache, blockBase, loadScenario, sourceKey, sourceLabel } from './scenarios.ts';
import { defaultSetup } from './setup.ts';

/** Serves `blocks/<n>.json` from `public/`, as the static server does. */
const fromPublic = async (url: string): Promise<unknown> => JSON.parse(await readFile(`public/${url.replace(/^.*?blocks\//, 'blocks/')}`, 'utf8'));
const ctx = { blockBase: 'https://example.org/sub/path/blocks/', fetchJson: fromPublic };

describe('scenarios', () => {
  it('the default setup is the DEX rush at 200 transactions: a scenario with visible conflicts', async () => {
    const s = defaultSetup().scenario;
    expect(s).toMatchObject({ kind: 'preset', id: 'dex-rush', txs: 200 });
    const scenario = await loadScenario(s as Exclude<typeof s, { kind: 'custom' } | { kind: 'file' }>, ctx);
    expect(scenario.transactions).toHaveLength(200);
    expect(scenario.name).toBe('dex-rush');
  });

  it('knobs reach the generator, a mix as text included', async () => {
    const a = await loadScenario({ kind: 'preset', id: 'mixed-defi', txs: 20, seed: 3, knobs: { mix: 'eth:1', accounts: 'fresh' } }, ctx);
    expect(a.description).toContain('mix=eth:1');
    expect(a.description).toContain('accounts=fresh');
  });

  it('every bundled mainnet block loads from the blocks folder with its header', async () => {
    for (const b of BLOCKS) {
      const scenario = await loadScenario({ kind: 'block', number: b.number }, ctx);
      expect(scenario.transactions.length).toBeGreaterThan(0);
      expect(scenario.expected?.gasUsed).toMatch(/^0x[0-9a-f]+$/);
    }
  });

  it('the blocks folder sits next to the page, so the site works from a sub-path', () => {
    expect(blockBase('https://example.org/sub/path/index.html')).toBe('https://example.org/sub/path/blocks/');
    expect(blockBase('https://example.org/sub/path/?preset=x')).toBe('https://example.org/sub/path/blocks/');
  });

  it('a malformed block is a ScenarioError that names the file and the field', async () => {
    const err = await loadScenario({ kind: 'block', number: 15537394 }, { ...ctx, fetchJson: async () => ({ block: { number: 'abc', transactions: [] }, prestate: {} }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as Error).message).toContain('blocks/15537394.json: block.number');
  });

  it('the Prague example is what its blurb says: 13 transactions, 7 authorizations, 1 for another chain', async () => {
    const s = await loadScenario({ kind: 'example', id: 'prague-set-code' }, ctx);
    const auths = s.transactions.flatMap((t) => t.authorizationList ?? []);
    const blurb = EXAMPLES.find((e) => e.id === 'prague-set-code')!;
    expect(blurb.label).toContain(`${s.transactions.length} txs`);
    expect(blurb.blurb).toContain(`${auths.length} EIP-7702 authorizations`);
    expect(auths.filter((a) => BigInt(a.chainId) !== 0n && BigInt(a.chainId) !== BigInt(s.chain.chainId)).length).toBe(1);
    expect(s.chain.hardfork).toBe('prague');
  });

  it('keys tell scenarios apart and ignore knob order; labels read', () => {
    const a = sourceKey({ kind: 'preset', id: 'dex-rush', txs: 200, seed: 1, knobs: { pools: 2, hotSpot: 0.5 } });
    const b = sourceKey({ kind: 'preset', id: 'dex-rush', txs: 200, seed: 1, knobs: { hotSpot: 0.5, pools: 2 } });
    expect(a).toBe(b);
    expect(sourceKey({ kind: 'block', number: 1 })).not.toBe(a);
    expect(sourceLabel({ kind: 'preset', id: 'dex-rush', txs: 200, seed: 1, knobs: {} })).toBe('dex-rush, 200 txs, seed 1');
  });

  it('ScenarioCache loads each scenario once, forgets a failed load and keeps only the last few', async () => {
    const cache = new ScenarioCache(2);
    let calls = 0;
    const load = async () => {
      calls++;
      return loadScenario({ kind: 'example', id: 'counter-demo' }, ctx);
    };
    expect(await cache.get('a', load)).toBe(await cache.get('a', load));
    expect(calls).toBe(1);
    await expect(cache.get('b', () => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
    await cache.get('b', load);
    await cache.get('c', load);
    await cache.get('a', load);
    expect(calls).toBe(4);
  });
});
