import { describe, expect, it } from 'vitest';
import { generatePreset } from '../../workloads/presets/index.ts';
import type { Scenario } from '../scenario/types.ts';
import { BaseState, MapCodeStore } from '../state/baseState.ts';
import { CommittedState } from '../state/committedState.ts';
import { TxExecutor } from './executor.ts';
import { jumpAnalysisCache, jumpAnalysisStats } from './jumpAnalysis.ts';

const text = (o: unknown): string => JSON.stringify(o, (_, v) => (typeof v === 'bigint' ? `${v}n` : v instanceof Map ? [...v] : v));

/** Every transaction of `scenario` in order on one thread-local executor: each outcome, as comparable text. */
async function outcomes(scenario: Scenario): Promise<string[]> {
  const base = new BaseState(scenario);
  const state = new CommittedState(base);
  const executor = await TxExecutor.create(scenario, base);
  const out: string[] = [];
  for (let i = 0; i < scenario.transactions.length; i++) {
    const o = await executor.execute(i, scenario.transactions[i]!.from!, state);
    if (o.kind === 'done') state.apply(o.writeSet);
    out.push(text(o));
  }
  return out;
}

describe('jump analysis cache', () => {
  // Contracts with branches, loops, reverts and many PUSHes: a DEX, votes, a game's items.
  it.each(['mixed-defi', 'dao-vote', 'game-economy'])('%s: every outcome is the same with the cache off and on, and analyses are reused', async (preset) => {
    const scenario = generatePreset(preset, { txs: 60 }, 7);
    jumpAnalysisCache.enabled = false;
    let off: string[];
    try {
      off = await outcomes(scenario);
    } finally {
      jumpAnalysisCache.enabled = true;
    }
    const before = jumpAnalysisStats();
    const on = await outcomes(scenario);
    const after = jumpAnalysisStats();
    expect(on).toEqual(off);
    expect(after.patched).toBe(true);
    // One analysis per contract code at most, then hits: far fewer analyses than calls.
    expect(after.hits - before.hits).toBeGreaterThan(after.misses - before.misses);
  });

  it("pre-analyses a scenario's contracts at set-up: its first run then analyses nothing", async () => {
    await outcomes(generatePreset('dao-vote', { txs: 20 }, 1)); // some VM of this thread has run a JUMP
    const scenario = generatePreset('mixed-defi', { txs: 40 }, 11);
    const codes = new MapCodeStore();
    const base = new BaseState(scenario, codes);
    const executor = await TxExecutor.create(scenario, base);
    const contracts = [...codes.values()].filter((c) => c.length >= 64).length;
    expect(contracts).toBeGreaterThan(0);
    expect(executor.preanalyse(codes.values())).toBe(contracts);
    const before = jumpAnalysisStats();
    const state = new CommittedState(base);
    const on: string[] = [];
    for (let i = 0; i < scenario.transactions.length; i++) {
      const o = await executor.execute(i, scenario.transactions[i]!.from!, state);
      if (o.kind === 'done') state.apply(o.writeSet);
      on.push(text(o));
    }
    const after = jumpAnalysisStats();
    expect(after.misses - before.misses).toBe(0);
    expect(after.hits - before.hits).toBeGreaterThan(0);
    // The analyses made outside any interpreter are the ones an interpreter makes: the same outcomes as uncached.
    jumpAnalysisCache.enabled = false;
    try {
      expect(on).toEqual(await outcomes(scenario));
    } finally {
      jumpAnalysisCache.enabled = true;
    }
  });
});
