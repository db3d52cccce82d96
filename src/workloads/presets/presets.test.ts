/** Every preset, run for real: sequential on a Node worker, with the receipts each kind of transaction should give. */
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../engine/run.ts';
import { parseScenario } from '../../engine/scenario/index.ts';
import { createNodePool } from '../../engine/workers/nodePool.ts';
import { KINDS, KnobError, type KindId } from '../generators/index.ts';
import { PRESETS, generatePreset, getPreset, presetKnobs } from './index.ts';

const pool = createNodePool(1);
afterAll(() => pool.dispose());

/** Events a successful transaction of each kind emits (a swap: two token Transfers and its Swap). */
const LOGS: Record<KindId, number> = {
  eth: 0,
  erc20: 1,
  swap: 3,
  counter: 1,
  'user-counter': 1,
  'nft-mint': 1,
  'nft-transfer': 1,
  'dao-vote': 1,
  'game-craft': 1,
  'game-buy': 1,
  'game-give': 1,
};
const kindOfLabel = new Map(Object.values(KINDS).map((k) => [k.label, k.id]));

describe('presets', () => {
  it('are the eight the issue names, with short kebab-case ids', () => {
    expect(PRESETS.map((p) => [p.id, p.name])).toEqual([
      ['independent-payments', 'Independent payments'],
      ['erc20-airdrop', 'ERC20 airdrop'],
      ['dex-rush', 'DEX rush (one hot pool)'],
      ['many-pools', 'Many pools'],
      ['nft-mint', 'NFT mint frenzy'],
      ['dao-vote', 'DAO vote'],
      ['game-economy', 'Game economy'],
      ['mixed-defi', 'Mixed DeFi day'],
    ]);
    for (const p of PRESETS) {
      expect(p.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(p.description).toMatch(/conflict/i);
    }
  });

  it('take knob overrides on top of their own, a mix replacing the whole mix', () => {
    expect(presetKnobs('dex-rush', { txs: 50, mix: { erc20: 1 } })).toEqual({ mix: { erc20: 1 }, pools: 4, hotSpot: 0.9, txs: 50 });
    const s = generatePreset('dex-rush', { txs: 50 }, 9);
    expect(s.name).toBe('dex-rush');
    expect(s.description).toContain('DEX rush (one hot pool)');
    expect(s.transactions).toHaveLength(50);
  });

  it('reject an unknown id with a suggestion', () => {
    expect(() => getPreset('dex')).toThrow(KnobError);
    expect(() => getPreset('many-pool')).toThrow('preset: unknown preset "many-pool" (did you mean "many-pools"?)');
  });

  it.each(PRESETS.map((p) => p.id))('%s: 100 transactions run under sequential, every one succeeding with its events', async (id) => {
    const s = parseScenario(generatePreset(id, { txs: 100 }, 1));
    const { result } = await runScenario(s, { strategy: 'sequential', workers: 1, senders: 'trust' }, pool);
    expect(result.txCount).toBe(100);
    const kinds = new Set<KindId>();
    for (const [i, r] of result.receipts.entries()) {
      const kind = kindOfLabel.get(s.transactions[i]!.label!)!;
      kinds.add(kind);
      expect({ i, kind, status: r.status, error: r.error, logs: r.logs.length }).toEqual({ i, kind, status: 1, error: undefined, logs: LOGS[kind] });
    }
    expect([...kinds].sort()).toEqual(Object.keys(getPreset(id).knobs.mix!).sort()); // every kind of the mix showed up
  });
});
