/** `RunHistory`: scenario fingerprints, what it keeps of a run, and `dag` taking its hints from a previous run. */
import { afterAll, describe, expect, it } from 'vitest';
import { generatePreset } from '../../workloads/presets/index.ts';
import { runScenario } from '../run.ts';
import { expectSameResult, run, testPool } from '../testing/harness.ts';
import { RunHistory, fingerprint } from './history.ts';

const pool = testPool(2);
afterAll(() => pool.dispose());

describe('fingerprint', () => {
  it('is the same for equal scenarios and changes with any transaction field', () => {
    const a = generatePreset('many-pools', { txs: 50 }, 1);
    const b = generatePreset('many-pools', { txs: 50 }, 1);
    expect(fingerprint(a)).toBe(fingerprint(b));
    const c = structuredClone(a);
    c.transactions[49] = { ...c.transactions[49], gas: '0x1' };
    expect(fingerprint(c)).not.toBe(fingerprint(a));
    expect(fingerprint(generatePreset('many-pools', { txs: 50 }, 2))).not.toBe(fingerprint(a));
  });
});

describe('RunHistory', () => {
  it('keeps each transaction’s committed reads and writes of the last run of a scenario', async () => {
    const scenario = generatePreset('nft-mint', { txs: 60 }, 4);
    const history = new RunHistory();
    expect(history.accessesOf(scenario)).toBeUndefined();
    await runScenario(scenario, { strategy: 'block-stm', workers: 2, senders: 'trust', history }, pool);
    const kept = history.accessesOf(scenario)!;
    expect(kept).toHaveLength(60);
    expect(kept.every((a) => a.reads.length > 0 && a.gas > 0)).toBe(true);
    expect(history.accessesOf(generatePreset('nft-mint', { txs: 60 }, 5))).toBeUndefined();
    expect(history.hotKeys.size).toBeGreaterThan(0);
  });

  it('dag with a history of the same block skips the hint pass and still equals sequential', async () => {
    const scenario = generatePreset('dex-rush', { txs: 200 }, 2);
    const reference = await run(pool, scenario, { strategy: 'sequential', workers: 1, senders: 'trust' });
    const history = new RunHistory();
    const first = await runScenario(scenario, { strategy: 'dag', workers: 2, senders: 'trust', history }, pool);
    expect(first.result.stats.extra!.hintsFromHistory).toBe(0);
    expectSameResult(first.result, reference, 'hint pass');
    const second = await runScenario(scenario, { strategy: 'dag', workers: 2, senders: 'trust', history }, pool);
    expect(second.result.stats.extra!.hintsFromHistory).toBe(1);
    expectSameResult(second.result, reference, 'hints from history');
    // No hint pass: every execution is a real one, and the previous run's exact dependencies leave nothing to redo.
    expect(second.result.stats.executions).toBe(200);
    expect(second.result.stats.aborts).toBe(0);
    expect(second.trace.events.filter((e) => e.kind === 'exec-start' && e.incarnation === 0)).toHaveLength(200);
  });

  it.each(['shards', 'shards-graph'])('%s with a history of the same block routes by it, skips the hint pass and equals sequential', async (strategy) => {
    const scenario = generatePreset('many-pools', { txs: 200 }, 3);
    const reference = await run(pool, scenario, { strategy: 'sequential', workers: 1, senders: 'trust' });
    const history = new RunHistory();
    const first = await runScenario(scenario, { strategy, workers: 4, senders: 'trust', history }, pool);
    expect(first.result.stats.extra!.hintsFromHistory).toBe(0);
    expectSameResult(first.result, reference, 'hint pass');
    const second = await runScenario(scenario, { strategy, workers: 4, senders: 'trust', history }, pool);
    expect(second.result.stats.extra!.hintsFromHistory).toBe(1);
    expectSameResult(second.result, reference, 'hints from history');
    // The hint pass's executions are gone; only wrong routes (none expected from the block's own access sets) re-run.
    expect(second.result.stats.executions).toBe(200 + second.result.stats.extra!.misroutedTxs);
    expect(second.result.stats.executions).toBeLessThan(first.result.stats.executions);
  });
});
