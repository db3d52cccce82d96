/** The Scale lab through the engine's API: sweeps from a real recorded run and from a synthetic block, one point
 * again with its simulated trace, superseded sweeps, and refusals that name the field. */
import { afterAll, describe, expect, it } from 'vitest';
import type { Trace, TraceEvent } from '../../engine/trace/events.ts';
import { createNodePool } from '../../engine/workers/nodePool.ts';
import { EngineHost } from './host.ts';
import { isRunCancelled } from './protocol.ts';
import type { ScaleParams, ScaleSweep } from './scaleProtocol.ts';

describe('EngineHost: the Scale lab', () => {
  const host = new EngineHost(createNodePool, { blockBase: 'file:///unused/' });
  afterAll(() => host.dispose());
  const source = { kind: 'preset', id: 'dex-rush', txs: 30, seed: 1, knobs: {} } as const;

  it('sweeps the strategies over worker counts from a real run, with the ceiling, and re-runs one point with its trace', async () => {
    const events: TraceEvent[] = [];
    const result = await host.run(source, { strategy: 'block-stm', workers: 2 }, (b) => void events.push(...b));
    const trace: Trace = { strategy: 'block-stm', workers: result.workers, txCount: result.txCount, events };
    const params: ScaleParams = { block: { kind: 'recorded', source, trace, label: 'dex-rush' }, profile: 'native' };
    const partials: ScaleSweep[] = [];
    const sweep = await host.scaleSweep(params, { strategies: ['block-stm', 'dag'], workers: [4, 1, 2] }, (p) => void partials.push(p));
    expect(sweep.simulated).toBe(true);
    expect(sweep.txCount).toBe(30);
    expect(sweep.source).toMatch(/recorded block-stm × 2 run of dex-rush/);
    expect(sweep.rows.map((r) => `${r.strategy}×${r.requested}`)).toEqual(['block-stm×1', 'dag×1', 'block-stm×2', 'dag×2', 'block-stm×4', 'dag×4']);
    expect(sweep.total).toBe(6);
    // The partial sweeps fill in, worker count by worker count.
    expect(partials.map((p) => p.rows.length)).toEqual([0, 2, 4, 6]);
    for (const r of sweep.rows) {
      expect(r.wallMs).toBeGreaterThan(0);
      expect(r.txPerSec).toBeCloseTo((30 * 1000) / r.wallMs, 6);
      expect(r.speedup).toBeCloseTo(sweep.sequential.wallMs / r.wallMs, 6);
    }
    // The DEX rush's hot pool: a dependency graph with a ceiling, the ceiling sequential × its bound.
    expect(sweep.ceiling.edges).toBeGreaterThan(0);
    expect(sweep.ceiling.speedupBound).toBeGreaterThanOrEqual(1);
    expect(sweep.ceiling.txPerSec).toBeCloseTo(sweep.sequential.txPerSec * sweep.ceiling.speedupBound, 6);

    const one = await host.simulate(params, 'block-stm', 4);
    expect(one.trace.simulated).toEqual({ profile: 'native', source: sweep.source });
    expect(one.trace.workers).toBe(4);
    expect(one.row).toEqual(sweep.rows.find((r) => r.strategy === 'block-stm' && r.requested === 4));
    expect(one.scenario).toBeUndefined(); // the page has the recorded block's scenario
  });

  it('simulates a synthetic block (native only), hands back its scenario, and a newer sweep stops the one in progress', async () => {
    const params: ScaleParams = { block: { kind: 'p2p', txs: 300, accounts: 50 }, profile: 'native' };
    const first = host.scaleSweep(params, { strategies: ['block-stm', 'occ-rounds', 'dag'], workers: [1, 2, 4, 8, 16, 32] });
    const second = host.scaleSweep({ ...params, block: { kind: 'p2p', txs: 300, accounts: 10_000 } }, { strategies: ['block-stm'], workers: [1, 8] });
    await expect(first).rejects.toSatisfy(isRunCancelled);
    const sweep = await second;
    expect(sweep.source).toMatch(/synthetic: 300 peer-to-peer transfers among 10000 accounts/);
    expect(sweep.rows).toHaveLength(2);
    expect(sweep.rows[1]!.speedup).toBeGreaterThan(2);
    const one = await host.simulate({ ...params, block: { kind: 'p2p', txs: 300, accounts: 10_000 } }, 'block-stm', 8);
    expect(one.scenario?.transactions).toHaveLength(300);
    expect(one.trace.simulated?.profile).toBe('native');
    // Shards on separate machines pay the network on every message; the other strategies do not.
    const near = await host.scaleSweep(params, { strategies: ['shards', 'dag'], workers: [8] });
    const far = await host.scaleSweep({ ...params, networkLatencyUs: 250 }, { strategies: ['shards', 'dag'], workers: [8] });
    expect(far.costs.networkLatencyUs).toBe(250);
    expect(far.rows[0]!.wallMs).toBeGreaterThan(near.rows[0]!.wallMs * 1.5);
    expect(far.rows[1]!.wallMs).toBe(near.rows[1]!.wallMs);
  });

  it('refuses what it cannot simulate, naming the field', async () => {
    const p2p = { kind: 'p2p', txs: 100, accounts: 10 } as const;
    await expect(host.scaleSweep({ block: p2p, profile: 'js' }, { strategies: ['dag'], workers: [1] })).rejects.toThrow(/^profile: js needs a recorded run/);
    await expect(host.scaleSweep({ block: p2p, profile: 'native' }, { strategies: ['dag'], workers: [256] })).rejects.toThrow(/^workers: expected a whole number from 1 to 128, got 256/);
    await expect(host.scaleSweep({ block: { ...p2p, accounts: 1 }, profile: 'native' }, { strategies: ['dag'], workers: [1] })).rejects.toThrow(/^accounts:/);
  });
});
