/** The Scale lab's link (a refusal names the field; the setup's parameters are left alone) and its reading of a sweep. */
import { describe, expect, it } from 'vitest';
import type { ScaleRow, ScaleSweep } from './coordinator/scaleProtocol.ts';
import { explainSweep, kneeOf } from './scaleExplain.ts';
import { decodeLab, defaultLab, encodeLab, labPoint, labRequest, mergeLabIntoUrl, parseKnob, pointParams, shardLatencies } from './scaleLab.ts';
import { decodeSetup } from './setup.ts';

const BASE = 'https://example.org/parallax/';

describe('the Scale lab link', () => {
  it('round-trips every setting, writing only what differs from the defaults', () => {
    const lab = { ...defaultLab(), block: 'p2p' as const, accounts: 100, txs: 2000, latency: 250, strategies: ['block-stm', 'dag'], y: 'gas' as const, point: { strategy: 'dag', workers: 32 } };
    const url = mergeLabIntoUrl(`${BASE}?preset=dex-rush&txs=200&strategy=block-stm&workers=2`, true, lab);
    expect(url).toBe(`${BASE}?preset=dex-rush&txs=200&strategy=block-stm&workers=2&scale=1&scale-block=p2p&scale-accounts=100&scale-txs=2000&scale-latency=250&scale-strategies=block-stm,dag&scale-y=gas&scale-point=dag:32`);
    expect(decodeLab(url)).toEqual({ ok: true, open: true, lab });
    // The setup's decoder reads the same link untroubled.
    expect(decodeSetup(url).ok).toBe(true);
    const js = { ...defaultLab(), profile: 'js' as const, cores: 8 };
    expect(decodeLab(mergeLabIntoUrl(BASE, true, js))).toEqual({ ok: true, open: true, lab: js });
    expect(encodeLab(true, defaultLab())).toEqual([['scale', '1']]);
  });

  it("keeps the synthetic block's communities and cross-shard share, and a sharding chart's point with its latency", () => {
    const lab = { ...defaultLab(), block: 'p2p' as const, accounts: 20_000, communities: 64, cross: 0.05, point: { strategy: 'shards-graph', workers: 16, latency: 1000 } };
    const url = mergeLabIntoUrl(BASE, true, lab);
    expect(url).toBe(`${BASE}?scale=1&scale-block=p2p&scale-accounts=20000&scale-communities=64&scale-cross=0.05&scale-point=shards-graph:16:1000`);
    expect(decodeLab(url)).toEqual({ ok: true, open: true, lab });
    // Defaults are not written; neither are a synthetic block's knobs while the lab replays the last real run.
    expect(encodeLab(true, { ...defaultLab(), block: 'p2p', communities: 1, cross: 0.1 })).toEqual([['scale', '1'], ['scale-block', 'p2p']]);
    expect(encodeLab(true, { ...defaultLab(), communities: 8, cross: 0.2 })).toEqual([['scale', '1']]);
    // A point at the lab's own latency is the workers chart's point: the link does not repeat the latency.
    expect(decodeLab(`${BASE}?scale=1&scale-latency=250&scale-point=shards:8:250`)).toMatchObject({ ok: true, lab: { latency: 250, point: { strategy: 'shards', workers: 8 } } });
    expect(labPoint({ latency: 250 }, 'shards', 8, 250)).toEqual({ strategy: 'shards', workers: 8 });
    expect(labPoint({ latency: 250 }, 'shards', 8, 0)).toEqual({ strategy: 'shards', workers: 8, latency: 0 });
    expect(labPoint({ latency: 250 }, 'dag', 8, 0)).toEqual({ strategy: 'dag', workers: 8 });
  });

  it('closing the lab removes its parameters and keeps everything else', () => {
    const open = mergeLabIntoUrl(`${BASE}?preset=dex-rush&lesson=hot-key#code=1.abc`, true, { ...defaultLab(), y: 'gas' });
    expect(mergeLabIntoUrl(open, false, defaultLab())).toBe(`${BASE}?preset=dex-rush&lesson=hot-key#code=1.abc`);
    expect(decodeLab(`${BASE}?preset=dex-rush`)).toEqual({ ok: true, open: false, lab: defaultLab() });
  });

  it('refuses a broken or unknown value with a message naming the field', () => {
    const bad = (q: string) => {
      const d = decodeLab(`${BASE}?${q}`);
      return d.ok ? 'ok' : d.message;
    };
    expect(bad('scale=1&scale-profile=rust')).toBe('scale-profile: expected js or native, got "rust"');
    expect(bad('scale=1&scale-cores=0')).toMatch(/^scale-cores: expected a number from 1 to 1,024, got "0"/);
    expect(bad('scale=1&scale-cores=abc')).toMatch(/^scale-cores: /);
    expect(bad('scale=1&scale-accounts=1')).toMatch(/^scale-accounts: expected a whole number from 2 to 10,000,000, got "1"/);
    expect(bad('scale=1&scale-txs=1e9')).toMatch(/^scale-txs: /);
    expect(bad('scale=1&scale-strategies=block-stm,blok-stm')).toMatch(/^scale-strategies: unknown strategy "blok-stm" \(did you mean "block-stm"\?/);
    expect(bad('scale=1&scale-strategies=sequential')).toMatch(/^scale-strategies: unknown strategy "sequential"/);
    expect(bad('scale=1&scale-point=block-stm')).toMatch(/^scale-point: expected strategy:workers/);
    expect(bad('scale=1&scale-point=block-stm:256')).toMatch(/^scale-point: expected a whole number from 1 to 128, got "256"/);
    expect(bad('scale=yes')).toMatch(/^scale: expected 1/);
    expect(bad('scale=1&scale-y=ops')).toMatch(/^scale-y: expected tx or gas/);
    expect(bad('scale=1&scale-prof=js')).toMatch(/^scale-prof: unknown parameter/);
    expect(bad('scale=1&scale-block=p2p&scale-profile=js')).toMatch(/^scale-profile: js needs a recorded run/);
    expect(bad('scale=1&scale-latency=-1')).toMatch(/^scale-latency: expected a whole number from 0 to 1,000,000/);
    expect(bad('scale=1&scale-y=tx&scale-y=gas')).toBe('scale-y: given twice in the link');
    expect(bad('scale=1&scale-communities=0')).toBe('scale-communities: expected a whole number from 1 to 100,000, got "0"');
    expect(bad('scale=1&scale-communities=2.5')).toMatch(/^scale-communities: expected a whole number/);
    expect(bad('scale=1&scale-cross=2')).toBe('scale-cross: expected a number from 0 to 1, got "2"');
    expect(bad('scale=1&scale-cross=lots')).toMatch(/^scale-cross: /);
    expect(bad('scale=1&scale-point=dag:8:250')).toMatch(/^scale-point: a network latency goes with a sharded strategy \(shards, shards-graph\), got "dag:8:250"/);
    expect(bad('scale=1&scale-point=shards:8:fast')).toMatch(/^scale-point: expected strategy:workers, or strategy:shards:µs/);
    expect(bad('scale=1&scale-point=shards:8:2000000')).toMatch(/^scale-point: expected a whole number from 0 to 1,000,000/);
  });
});

describe('what the lab asks the engine', () => {
  it('turns a typed knob into its value, or a message naming the field', () => {
    expect(parseKnob('cross', '0.05')).toEqual({ ok: true, value: 0.05 });
    expect(parseKnob('communities', '64')).toEqual({ ok: true, value: 64 });
    expect(parseKnob('cross', '1.5', 'cross-shard share')).toEqual({ ok: false, message: 'cross-shard share: expected a number from 0 to 1, got "1.5"' });
    expect(parseKnob('communities', '-3')).toEqual({ ok: false, message: 'communities: expected a whole number from 1 to 100,000, got "-3"' });
  });

  it('gives a synthetic block its communities only when it has some, and sweeps again only for what changed', () => {
    const lab = { ...defaultLab(), block: 'p2p' as const, txs: 500, accounts: 4000 };
    expect(labRequest(lab, null)?.params).toEqual({ block: { kind: 'p2p', txs: 500, accounts: 4000 }, profile: 'native' });
    const grouped = labRequest({ ...lab, communities: 16, cross: 0.05, latency: 250 }, null)!;
    expect(grouped.params).toEqual({ block: { kind: 'p2p', txs: 500, accounts: 4000, communities: 16, crossShare: 0.05 }, profile: 'native', networkLatencyUs: 250 });
    // Ticking a strategy re-runs the workers sweep, not the sharding one; the cross share re-runs both.
    const ticked = labRequest({ ...lab, communities: 16, cross: 0.05, latency: 250, strategies: ['dag'] }, null)!;
    expect(ticked.key).not.toBe(grouped.key);
    expect(ticked.shardKey).toBe(grouped.shardKey);
    const crossed = labRequest({ ...lab, communities: 16, cross: 0.2, latency: 250 }, null)!;
    expect(crossed.shardKey).not.toBe(grouped.shardKey);
    // No recorded run yet: nothing to ask.
    expect(labRequest(defaultLab(), null)).toBeNull();
  });

  it("sweeps the sharding chart at 0, 250 and 1,000 µs, and at the lab's own latency", () => {
    expect(shardLatencies({ latency: 0 })).toEqual([0, 250, 1000]);
    expect(shardLatencies({ latency: 5000 })).toEqual([0, 250, 1000, 5000]);
  });

  it('simulates a point again at its own latency', () => {
    const params = labRequest({ ...defaultLab(), block: 'p2p', latency: 250 }, null)!.params;
    expect(pointParams(params, { latency: 250 }, { strategy: 'shards', workers: 8, latency: 1000 }).networkLatencyUs).toBe(1000);
    expect(pointParams(params, { latency: 250 }, { strategy: 'shards', workers: 8 }).networkLatencyUs).toBe(250);
    expect(pointParams(params, { latency: 250 }, { strategy: 'shards', workers: 8, latency: 0 })).not.toHaveProperty('networkLatencyUs');
    expect(pointParams(params, { latency: 250 }, { strategy: 'dag', workers: 8 })).not.toHaveProperty('networkLatencyUs');
  });
});

const row = (strategy: string, requested: number, txPerSec: number, aborts = 0, extra?: Record<string, number>): ScaleRow => ({
  strategy, requested, workers: requested, shards: strategy.startsWith('shards') ? requested : 1, simulated: true, profile: 'native', networkLatencyUs: 0, wallMs: 1000 / txPerSec, speedup: txPerSec / 1000, txPerSec, gasPerSec: txPerSec * 21_000, executions: 100 + aborts, aborts, ...(extra ? { extra } : {}),
});

describe('reading a sweep', () => {
  const sweep: ScaleSweep = {
    simulated: true, source: 'synthetic', profile: 'native', cores: Infinity, txCount: 100, gas: 2_100_000,
    sequential: { wallMs: 100, txPerSec: 1000, gasPerSec: 21e6 },
    ceiling: { speedupBound: 8, txPerSec: 8000, gasPerSec: 168e6, edges: 40, independent: 70, criticalPathTxs: 12, hotKeys: [{ key: 'a' + 'ab'.repeat(20), edges: 30 }] },
    costs: { coordinatorUsPerTx: 1.1, messageUs: 1, execUsPerTx: 100, networkLatencyUs: 250 },
    rows: [
      row('block-stm', 1, 1000), row('block-stm', 2, 1900, 3), row('block-stm', 4, 3500, 9), row('block-stm', 8, 3600, 40), row('block-stm', 16, 3500, 90),
      row('shards-graph', 1, 900, 0, { crossShardRatio: 0 }), row('shards-graph', 2, 1500, 0, { crossShardRatio: 0.1 }), row('shards-graph', 16, 120_000, 0, { crossShardRatio: 0.6 }),
    ],
    total: 8,
  };

  it('says where each line stops gaining and why, from the figures', () => {
    expect(kneeOf(sweep.rows.slice(0, 5))?.requested).toBe(4);
    expect(kneeOf([row('x', 1, 1000), row('x', 2, 800), row('x', 4, 3000)])).toBeUndefined();
    expect(kneeOf([row('x', 1, 1000), row('x', 2, 2000), row('x', 4, 900)])?.requested).toBe(2);
    const text = explainSweep(sweep).map((r) => `${r.topic}: ${r.text} ${(r.items ?? []).join('; ')}`).join('\n');
    expect(text).toContain('block-stm stops gaining at 4 workers (3.5k tx/s, 3.5×) — 90 aborts at 16 workers for 100 transactions');
    expect(text).toContain('shards-graph still gains at 16 workers');
    expect(text).toMatch(/Amdahl: the coordinator: .*about 1\.1 µs each in the native profile.*caps any strategy at about 909k tx\/s/);
    expect(text).toContain('30 of them go through one key, 0xabab…abab.account');
    expect(text).toContain('block-stm aborts 90 times on 16 workers (0 on 1 worker): more workers');
    expect(text).toContain('(13 % of that cap): something else stops it first');
    expect(text).toContain('(12 of them) carries 13 % of the block\'s gas: no schedule on any number of workers beats 8.0× sequential');
    expect(text).toContain('shards-graph: 60 % of the transactions touch more than one of 16 shards (10 % with 2), and each such transaction waits for messages between shards (251 µs one way here, 250 of them the network between machines)');
    expect(text).toContain('shards-graph passes 100k tx/s at 16 workers');
    expect(text).not.toContain('Cores');
    const js = explainSweep({ ...sweep, profile: 'js', cores: 1.45, rows: sweep.rows.slice(0, 5), total: 5 }).map((r) => r.text).join('\n');
    expect(js).toContain('a machine with 1.45 cores');
    expect(js).toContain('Nothing reaches 100k tx/s on this block with the js profile');
  });
});
