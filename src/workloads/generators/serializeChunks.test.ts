import { describe, expect, it } from 'vitest';
import { serializeScenario } from '../../engine/scenario/index.ts';
import { KIND_IDS, generate } from './index.ts';
import { serializeScenarioChunks } from './serializeChunks.ts';

describe('serializeScenarioChunks', () => {
  it('yields pieces that join to exactly serializeScenario’s text', () => {
    const mix = Object.fromEntries(KIND_IDS.map((k) => [k, 1]));
    for (const knobs of [
      { txs: 10 },
      { txs: 1234, mix, accessLists: 'exact' },
      { txs: 700, mix, deploy: 'transactions', accessLists: 'partial' },
    ]) {
      const s = generate(knobs, 3, { name: 'has "quotes" and "preState": {} in it', description: '"transactions": [] too' });
      expect([...serializeScenarioChunks(s)].join('')).toBe(serializeScenario(s));
    }
  });

  it('copes with an empty pre-state and no transactions', () => {
    const s = { ...generate({ txs: 10 }, 1), preState: {}, transactions: [] };
    expect([...serializeScenarioChunks(s)].join('')).toBe(serializeScenario(s));
  });
});
