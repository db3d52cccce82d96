/** `shards` and `shards-graph`: placement, routing figures, wrong hints, message pairing, and 1–8 shards. */
import { afterAll, describe, expect, it } from 'vitest';
import { ethTransfers } from '../../workloads/bench.ts';
import { account, blockEnv } from '../../workloads/common.ts';
import { generatePreset } from '../../workloads/presets/index.ts';
import { arbScenario } from '../../workloads/random.ts';
import fc from 'fast-check';
import { runScenario } from '../run.ts';
import type { Address, Scenario, ScenarioTx } from '../scenario/types.ts';
import { expectSameResult, run, testPool } from '../testing/harness.ts';
import type { TraceEvent } from '../trace/events.ts';
import { graphPlacement, hashPlacement } from './shards/placement.ts';

const pool = testPool(8);
afterAll(() => pool.dispose());

const bare = (a: Address) => a.slice(2);

describe('placement', () => {
  it('hashPlacement is deterministic and spreads addresses over every shard', () => {
    const p = hashPlacement(4);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 400; i++) counts[p.shardOf(bare(account('5e4d', i)))]++;
    expect(p.shardOf(bare(account('5e4d', 7)))).toBe(hashPlacement(4).shardOf(bare(account('5e4d', 7))));
    for (const c of counts) expect(c).toBeGreaterThan(60);
  });

  it('graphPlacement keeps each payment on one shard and balances the shards', () => {
    const txs = Array.from({ length: 100 }, (_, i) => ({ addrs: [bare(account('5e4d', i)), bare(account('ec1e', i))], gas: 21_000 }));
    const p = graphPlacement(txs, 4);
    const load = [0, 0, 0, 0];
    for (const t of txs) {
      expect(p.shardOf(t.addrs[0])).toBe(p.shardOf(t.addrs[1]));
      load[p.shardOf(t.addrs[0])]++;
    }
    expect(load).toEqual([25, 25, 25, 25]);
  });

  it('graphPlacement gathers the senders of one hot contract on its shard', () => {
    const hot = bare(account('9001', 0));
    const txs = Array.from({ length: 50 }, (_, i) => ({ addrs: [bare(account('5e4d', i)), hot], gas: 100_000 }));
    const p = graphPlacement(txs, 4);
    for (const t of txs) expect(p.shardOf(t.addrs[0])).toBe(p.shardOf(hot));
  });

  it('graphPlacement splits two clusters joined by one transaction, cutting only that one', () => {
    const a = bare(account('9001', 1));
    const b = bare(account('9001', 2));
    const txs = [
      ...Array.from({ length: 20 }, (_, i) => ({ addrs: [bare(account('5e4d', i)), a], gas: 50_000 })),
      ...Array.from({ length: 20 }, (_, i) => ({ addrs: [bare(account('5e4e', i)), b], gas: 50_000 })),
      { addrs: [bare(account('5e4f', 0)), a, b], gas: 50_000 },
    ];
    const p = graphPlacement(txs, 2);
    expect(p.shardOf(a)).not.toBe(p.shardOf(b));
    const cross = txs.filter((t) => new Set(t.addrs.map((x) => p.shardOf(x))).size > 1);
    expect(cross).toHaveLength(1);
  });
});

const extra = async (scenario: Scenario, strategy: string, workers: number) =>
  (await run(pool, scenario, { strategy, workers, senders: 'trust' })).stats.extra!;

describe('cross-shard figures', () => {
  it('independent payments on 4 shards: graph placement keeps them single-shard, hash placement cuts the expected share', async () => {
    const scenario = ethTransfers(200);
    const graph = await extra(scenario, 'shards-graph', 4);
    expect(graph.crossShardRatio).toBeLessThanOrEqual(0.02);
    expect(graph.loadImbalance).toBeLessThan(1.1);
    // Hash: a payment is cross-shard exactly when its sender and recipient hash to different shards (~3/4).
    const h = hashPlacement(4);
    const expected = scenario.transactions.filter((t) => h.shardOf(bare(t.from!)) !== h.shardOf(bare(t.to!))).length;
    const hash = await extra(scenario, 'shards', 4);
    expect(hash.crossShardTxs).toBe(expected);
    expect(hash.crossShardRatio).toBeCloseTo(expected / 200, 10);
    expect(hash.crossShardRatio).toBeGreaterThan(0.6);
    expect(hash.crossShardMessages).toBeGreaterThanOrEqual(2 * expected);
  });

  it('a dex rush is almost all single-shard with graph placement (one busy shard), almost all cross-shard with hash', async () => {
    const scenario = generatePreset('dex-rush', { txs: 200 }, 1);
    const graph = await extra(scenario, 'shards-graph', 4);
    expect(graph.crossShardRatio).toBeLessThan(0.1);
    expect(graph.busiestShardShare).toBeGreaterThan(0.8);
    const hash = await extra(scenario, 'shards', 4);
    expect(hash.crossShardRatio).toBeGreaterThan(0.9);
  });
});

/**
 * A wrong hint, built on purpose: a router calls the counter its storage names. Transaction 1 points it at counter
 * D2, so transaction 2's hint (run against the pre-state, where it points at D1) misses D2 — whose counter
 * transaction 0 already bumped on another shard.
 */
function wrongHintScenario(shards: number): { scenario: Scenario; d2: Address } {
  if (shards < 2) throw new Error('a wrong route needs two shards');
  const h = hashPlacement(shards);
  const [a, b, c] = [account('5e4d', 1), account('5e4d', 2), account('5e4d', 3)];
  // The router and D1 on transaction 2's sender's shard, D2 on another: its hint then misses D2's shard.
  const home = h.shardOf(bare(c));
  const pick = (tag: string, on: (s: number) => boolean): Address => {
    for (let i = 1; ; i++) if (on(h.shardOf(bare(account(tag, i))))) return account(tag, i);
  };
  const router = pick('7007', (s) => s === home);
  const d1 = pick('c0c0', (s) => s === home);
  const d2 = pick('c0c1', (s) => s !== home);
  const counter = '0x60016000540160005500'; // SSTORE(0, SLOAD(0) + 1)
  // CALLDATASIZE ? SSTORE(0, CALLDATALOAD(0)) : CALL(gas, SLOAD(0), 0, 0, 0, 0, 0)
  const routerCode = '0x36601457' + '6000'.repeat(6) + '545af100' + '5b60003560005500';
  const funded = { balance: '0xde0b6b3a7640000', nonce: '0x0' } as const;
  const tx = (from: Address, to: Address, input: `0x${string}`): ScenarioTx => ({
    type: 2, from, to, nonce: '0x0', value: '0x0', input, gas: '0x30d40', maxFeePerGas: '0x3b9aca00', maxPriorityFeePerGas: '0x1', chainId: '0x1',
  });
  const scenario: Scenario = {
    version: 1,
    name: 'wrong-hint',
    chain: { chainId: 1, hardfork: 'cancun' },
    block: blockEnv('cancun', { gasLimit: 30_000_000n, baseFee: 7n }),
    preState: {
      [a]: funded,
      [b]: funded,
      [c]: funded,
      [router]: { balance: '0x0', nonce: '0x1', code: routerCode as `0x${string}`, storage: { '0x0': `0x${BigInt(d1).toString(16)}` } },
      [d1]: { balance: '0x0', nonce: '0x1', code: counter as `0x${string}` },
      [d2]: { balance: '0x0', nonce: '0x1', code: counter as `0x${string}` },
    },
    transactions: [tx(a, d2, '0x'), tx(b, router, `0x${'0'.repeat(24)}${bare(d2)}`), tx(c, router, '0x')],
  };
  return { scenario, d2 };
}

describe('wrong hints', () => {
  it('a transaction that touches a shard it was not routed to is caught and re-run, and the result is unchanged', async () => {
    const { scenario, d2 } = wrongHintScenario(4);
    const reference = await run(pool, scenario, { strategy: 'sequential', workers: 1, senders: 'trust' });
    const { result, trace } = await runScenario(scenario, { strategy: 'shards', workers: 4, senders: 'trust' }, pool);
    expectSameResult(result, reference, 'wrong hint');
    const caught = trace.events.filter((e) => e.kind === 'undeclared');
    expect(caught.map((e) => [e.tx, e.kind === 'undeclared' && e.key.slice(1, 41)])).toEqual([[2, bare(d2)]]);
    expect(result.stats.extra!.misroutedTxs).toBe(1);
    const commit = trace.events.find((e) => e.kind === 'commit' && e.tx === 2)!;
    expect(commit.incarnation).toBe(2);
    // The re-run is routed again, now with D2's shard, and D2's shard sends its counter over.
    const reroute = trace.events.find((e) => e.kind === 'shard-route' && e.tx === 2 && e.incarnation === 2);
    expect(reroute && reroute.kind === 'shard-route' && reroute.shards).toContain(hashPlacement(4).shardOf(bare(d2)));
  });

  // 1, 2 and 4 shards: the shared equivalence suites run every strategy there.
  it('equals sequential on 2 and 8 shards, hash and graph placement, wrong hint included', async () => {
    const scenarios = [wrongHintScenario(8).scenario, wrongHintScenario(2).scenario, generatePreset('mixed-defi', { txs: 120 }, 3)];
    for (const scenario of scenarios) {
      const reference = await run(pool, scenario, { strategy: 'sequential', workers: 1, senders: 'trust' });
      for (const strategy of ['shards', 'shards-graph']) {
        for (const workers of [2, 8]) {
          expectSameResult(await run(pool, scenario, { strategy, workers, senders: 'trust' }), reference, `${scenario.name} ${strategy}×${workers}`);
        }
      }
    }
  });

  it('equals sequential on random conflict-rich scenarios with 8 shards', async () => {
    await fc.assert(
      fc.asyncProperty(arbScenario({ maxTxs: 30 }), async (scenario) => {
        const reference = await run(pool, scenario, { strategy: 'sequential', workers: 1, senders: 'trust' });
        for (const strategy of ['shards', 'shards-graph']) {
          expectSameResult(await run(pool, scenario, { strategy, workers: 8, senders: 'trust' }), reference, `${strategy}×8`);
        }
      }),
      { numRuns: 5, seed: 4242 },
    );
  });
});

describe('the trace', () => {
  it('routes every transaction once, executes it on its home shard, and pairs every message', async () => {
    const scenario = generatePreset('mixed-defi', { txs: 200 }, 2);
    const { trace, result } = await runScenario(scenario, { strategy: 'shards', workers: 4, senders: 'trust' }, pool);
    const routes = new Map<string, number[]>();
    for (const e of trace.events) if (e.kind === 'shard-route') routes.set(`${e.tx}:${e.incarnation}`, e.shards);
    for (let tx = 0; tx < 200; tx++) expect(routes.has(`${tx}:1`), `tx ${tx} routed`).toBe(true);
    for (const e of trace.events) {
      if (e.kind === 'exec-start' && e.incarnation > 0) expect(e.worker).toBe(routes.get(`${e.tx}:${e.incarnation}`)![0]);
    }
    const key = (e: TraceEvent, from: number, to: number) => `${e.tx}:${e.incarnation}:${from}>${to}:${'key' in e ? e.key : ''}`;
    const sends = new Map<string, number>();
    const recvs = new Map<string, number>();
    for (const e of trace.events) {
      if (e.kind === 'cross-shard-send') sends.set(key(e, e.worker, e.toShard), (sends.get(key(e, e.worker, e.toShard)) ?? 0) + 1);
      if (e.kind === 'cross-shard-recv') recvs.set(key(e, e.fromShard, e.worker), (recvs.get(key(e, e.fromShard, e.worker)) ?? 0) + 1);
    }
    expect(sends.size).toBeGreaterThan(0);
    expect(recvs).toEqual(sends);
    const sent = trace.events.filter((e) => e.kind === 'cross-shard-send').length;
    expect(result.stats.extra!.crossShardMessages).toBe(sent);
    for (const e of trace.events) if (e.kind === 'cross-shard-send') expect(e.toShard).not.toBe(e.worker);
  });
});
