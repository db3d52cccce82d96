/** The Scale lab through the engine's API: sweeps from a real recorded run and from a synthetic block, the sharding
 * sweep (shards × latencies), one point again with its simulated trace, superseded sweeps, and refusals that name
 * the field. */
import { afterAll, describe, expect, it } from 'vitest';
import type { Trace, TraceEvent } from '../../engine/trace/events.ts';
import { createNodePool } from '../../engine/workers/nodePool.ts';
import { EngineHost } from './host.ts';
import { isRunCancelled } from './protocol.ts';
import type { ScaleParams, ScaleRow, ScaleSweep, ShardSweep } from './scaleProtocol.ts';

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

  it('sweeps the sharded strategies over shards × latencies on a block with communities, sharing rows with the workers sweep', async () => {
    const block = { kind: 'p2p', txs: 400, accounts: 2000, communities: 8, crossShare: 0.05 } as const;
    const params: ScaleParams = { block, profile: 'native' };
    const partials: ShardSweep[] = [];
    const sweep = await host.shardSweep(params, { strategies: ['shards', 'shards-graph'], shards: [8, 1, 2], latencies: [250, 0] }, (p) => void partials.push(p));
    expect(sweep.simulated).toBe(true);
    expect(sweep.design).toEqual({ communities: 8, crossShare: 0.05 });
    expect(sweep.source).toMatch(/400 peer-to-peer transfers among 2000 accounts in 8 communities, 5 % of transfers leaving theirs/);
    expect(sweep.total).toBe(12);
    // Shard count by shard count, every latency and strategy at each.
    expect(sweep.rows.map((r) => `${r.strategy}×${r.shards}@${r.networkLatencyUs}`)).toEqual([
      'shards×1@0', 'shards-graph×1@0', 'shards×1@250', 'shards-graph×1@250',
      'shards×2@0', 'shards-graph×2@0', 'shards×2@250', 'shards-graph×2@250',
      'shards×8@0', 'shards-graph×8@0', 'shards×8@250', 'shards-graph×8@250',
    ]);
    expect(partials.map((p) => p.rows.length)).toEqual([0, 4, 8, 12]);
    const at = (strategy: string, shards: number, latency: number): ScaleRow => sweep.rows.find((r) => r.strategy === strategy && r.shards === shards && r.networkLatencyUs === latency)!;
    // Hash placement crosses shards for most transfers; graph placement keeps the communities together.
    expect(at('shards', 8, 0).extra?.crossShardRatio).toBeGreaterThan(0.7);
    expect(at('shards-graph', 8, 0).extra?.crossShardRatio).toBeLessThan(0.1);
    // The network costs time, not placement.
    expect(at('shards', 8, 250).extra?.crossShardRatio).toBe(at('shards', 8, 0).extra?.crossShardRatio);
    expect(at('shards', 8, 250).wallMs).toBeGreaterThan(at('shards', 8, 0).wallMs);
    expect(at('shards', 8, 250).wallMs / at('shards', 8, 0).wallMs).toBeGreaterThan(at('shards-graph', 8, 250).wallMs / at('shards-graph', 8, 0).wallMs);

    // The workers sweep at the same latency reads the same rows; a point of the sharding chart again, with its latency.
    const workers = await host.scaleSweep({ ...params, networkLatencyUs: 250 }, { strategies: ['shards'], workers: [8] });
    expect(workers.rows[0]).toBe(at('shards', 8, 250));
    const one = await host.simulate({ ...params, networkLatencyUs: 250 }, 'shards-graph', 8);
    expect(one.row).toEqual(at('shards-graph', 8, 250));
    expect(one.trace.simulated?.source).toBe(sweep.source);
  });

  it('runs a workers sweep and a sharding sweep side by side: a newer one of a kind, or a sweep of another block, stops the older', async () => {
    const block = { kind: 'p2p', txs: 300, accounts: 1200, communities: 4, crossShare: 0.1 } as const;
    const params: ScaleParams = { block, profile: 'native' };
    const older = host.shardSweep(params, { strategies: ['shards'], shards: [16, 32, 64], latencies: [1000] });
    const workers = host.scaleSweep(params, { strategies: ['dag'], workers: [4, 8] });
    const newer = host.shardSweep(params, { strategies: ['shards-graph'], shards: [4], latencies: [0] });
    await expect(older).rejects.toSatisfy(isRunCancelled);
    expect((await workers).rows).toHaveLength(2);
    expect((await newer).rows).toHaveLength(1);

    const shards = host.shardSweep(params, { strategies: ['shards'], shards: [16, 32, 64], latencies: [1000] });
    const other = host.scaleSweep({ ...params, block: { ...block, accounts: 1500 } }, { strategies: ['dag'], workers: [1] });
    await expect(shards).rejects.toSatisfy(isRunCancelled);
    expect((await other).rows).toHaveLength(1);
  });

  it('refuses what it cannot simulate, naming the field', async () => {
    const p2p = { kind: 'p2p', txs: 100, accounts: 10 } as const;
    await expect(host.scaleSweep({ block: p2p, profile: 'js' }, { strategies: ['dag'], workers: [1] })).rejects.toThrow(/^profile: js needs a recorded run/);
    await expect(host.scaleSweep({ block: p2p, profile: 'native' }, { strategies: ['dag'], workers: [256] })).rejects.toThrow(/^workers: expected a whole number from 1 to 128, got 256/);
    await expect(host.scaleSweep({ block: { ...p2p, accounts: 1 }, profile: 'native' }, { strategies: ['dag'], workers: [1] })).rejects.toThrow(/^accounts:/);
    await expect(host.scaleSweep({ block: { ...p2p, communities: 0 }, profile: 'native' }, { strategies: ['dag'], workers: [1] })).rejects.toThrow(/^communities: expected a whole number from 1/);
    await expect(host.scaleSweep({ block: { ...p2p, communities: 2, crossShare: 1.5 }, profile: 'native' }, { strategies: ['dag'], workers: [1] })).rejects.toThrow(/^crossShare: expected a share from 0 to 1, got 1.5/);
    const shardSweep = (strategies: string[], shards: number[], latencies: number[]) => host.shardSweep({ block: p2p, profile: 'native' }, { strategies, shards, latencies });
    await expect(shardSweep(['shards', 'dag'], [2], [0])).rejects.toThrow(/^strategies: the sharding sweep takes sharded strategies .*got "dag"/);
    await expect(shardSweep(['shards'], [0], [0])).rejects.toThrow(/^shards: expected a whole number from 1 to 128, got 0/);
    await expect(shardSweep(['shards'], [2], [-5])).rejects.toThrow(/^latencies: expected µs from 0 to 1000000, got -5/);
  });
});
