import { describe, expect, it } from 'vitest';
import { parseScenario, serializeScenario } from '../../engine/scenario/index.ts';
import type { Scenario } from '../../engine/scenario/types.ts';
import { keccak256 } from '../abi.ts';
import { account } from '../common.ts';
import { runScenarioStock } from '../testing/stockRunner.ts';
import { recipient, sender } from './accounts.ts';
import { HOT_WALLET, KINDS, KIND_IDS, generate } from './index.ts';
import { Zipf } from './zipf.ts';

const ALL_KINDS = Object.fromEntries(KIND_IDS.map((k) => [k, 1]));
const RICH = { txs: 300, mix: ALL_KINDS, skew: 1, hotSpot: 0.1, accounts: 100, tokens: 3, pools: 3, noncesPerSender: 3, accessLists: 'partial' };
const utf8 = new TextEncoder();
/** Pool 0's pre-state address (pools sit at account('9001', i)). */
const POOL0 = account('9001', 0);

/** Labels of the workload transactions (setup ones start with "setup:"). */
const workload = (s: Scenario) => s.transactions.filter((t) => !t.label!.startsWith('setup:'));
/** Within four standard deviations of a binomial share. */
const near = (measured: number, p: number, n: number) => Math.abs(measured - p) < 4 * Math.sqrt((p * (1 - p)) / n);

describe('generate: determinism', () => {
  it('gives byte-identical JSON for the same knobs and seed', () => {
    for (const deploy of ['prestate', 'transactions']) {
      expect(serializeScenario(generate({ ...RICH, deploy }, 5))).toBe(serializeScenario(generate({ ...RICH, deploy }, 5)));
    }
  });

  it('gives a different scenario for a different seed', () => {
    expect(serializeScenario(generate(RICH, 5))).not.toBe(serializeScenario(generate(RICH, 6)));
  });

  it('pins the bytes of one scenario, so every platform (and every later change) must reproduce them', () => {
    // Contract bytecode is left out: recompiling the contracts must not break this test, changing the generator must.
    const s = generate({ ...RICH, deploy: 'transactions' }, 20261125);
    for (const t of s.transactions) if (t.to === null) t.input = '0x';
    for (const a of Object.values(s.preState)) delete a.code;
    expect(keccak256(utf8.encode(serializeScenario(s)))).toMatchInlineSnapshot(`"0xb61dd80ee1bcfa14b5484ba163949333f2bbc5b6c32596b3e13b511741bef784"`);
  });

  it('does not care in which order the mix names its kinds', () => {
    const a = generate({ txs: 50, mix: { erc20: 1, swap: 1 } }, 3);
    const b = generate({ txs: 50, mix: { swap: 1, erc20: 1 } }, 3);
    expect(serializeScenario(a)).toBe(serializeScenario(b));
  });
});

describe('generate: valid scenarios', () => {
  it.each(['prestate', 'transactions'])('passes the scenario schema with every kind, deployed as %s', (deploy) => {
    const s = generate({ ...RICH, deploy, accessLists: 'exact' }, 1);
    expect(parseScenario(s)).toEqual(s);
    expect(workload(s)).toHaveLength(300);
    if (deploy === 'prestate') expect(s.transactions).toHaveLength(300);
    else expect(s.transactions[0]).toMatchObject({ to: null, label: 'setup: deploy token 0' });
  });

  it.each(['prestate', 'transactions'])('runs every kind on stock ethereumjs without a single failure, deployed as %s', async (deploy) => {
    const s = generate({ ...RICH, txs: 150, deploy }, 2);
    const run = await runScenarioStock(s);
    const failed = run.receipts.flatMap((r, i) => (r.status === 1 ? [] : [`${i} ${s.transactions[i]!.label}: ${r.revertReason ?? r.error}`]));
    expect(failed).toEqual([]);
  });

  it('fills the fee fields of the chosen transaction type', () => {
    const fee = { baseFee: 1000, tip: 10 };
    expect(generate({ txs: 10, txType: 2, ...fee }, 1).transactions[0]).toMatchObject({ type: 2, maxFeePerGas: '0x7da', maxPriorityFeePerGas: '0xa', chainId: '0x1' });
    const legacy = generate({ txs: 10, txType: 0, ...fee }, 1);
    expect(legacy.transactions[0]).toMatchObject({ type: 0, gasPrice: '0x3f2' });
    expect(legacy.transactions[0]!.chainId).toBeUndefined();
    expect(generate({ txs: 10, txType: 1, ...fee }, 1).transactions[0]).toMatchObject({ type: 1, gasPrice: '0x3f2', chainId: '0x1' });
    expect(legacy.block.baseFeePerGas).toBe('0x3e8');
  });

  it('makes a second vote on the only proposal revert "Dao: already voted", and nothing else', async () => {
    const s = generate({ txs: 20, mix: { 'dao-vote': 1 }, proposals: 1, noncesPerSender: 2 }, 4);
    const run = await runScenarioStock(s);
    const seen = new Set<string>();
    for (const [i, t] of s.transactions.entries()) {
      const duplicate = seen.has(t.from!);
      seen.add(t.from!);
      expect(t.label).toBe(duplicate ? 'dao vote (duplicate)' : 'dao vote');
      expect(run.receipts[i]!.revertReason).toBe(duplicate ? 'Dao: already voted' : undefined);
    }
  });
});

describe('generate: the knobs do what they say', () => {
  it('mixes kinds in the shares asked for', () => {
    const n = 10_000;
    const mix = { eth: 0.5, erc20: 0.3, swap: 0.15, 'nft-mint': 0.05 };
    const s = generate({ txs: n, mix }, 11);
    for (const [id, share] of Object.entries(mix)) {
      const count = s.transactions.filter((t) => t.label === KINDS[id as keyof typeof KINDS].label).length;
      expect(near(count / n, share, n), `${id}: ${count / n} vs ${share}`).toBe(true);
    }
  });

  it('skews recipients by Zipf: the top recipient’s share matches theory and grows with the exponent', () => {
    const n = 20_000;
    const accounts = 1000;
    let previous = 0;
    for (const skew of [0, 0.5, 1, 1.5]) {
      const s = generate({ txs: n, accounts, skew, mix: { eth: 1 } }, 12);
      const share = s.transactions.filter((t) => t.to === recipient(0)).length / n;
      const theory = new Zipf(accounts, skew).probability(0);
      expect(near(share, theory, n), `skew ${skew}: ${share} vs ${theory}`).toBe(true);
      if (skew > 0) expect(share).toBeGreaterThan(previous);
      previous = share;
    }
  });

  it('skews pools by Zipf too', () => {
    const n = 5000;
    const s = generate({ txs: n, pools: 8, skew: 1.2, mix: { swap: 1 } }, 13);
    const share = s.transactions.filter((t) => t.to === POOL0).length / n;
    expect(near(share, new Zipf(8, 1.2).probability(0), n)).toBe(true);
  });

  it('sends the hot-spot share of transactions to the one hot key', () => {
    const n = 10_000;
    const eth = generate({ txs: n, hotSpot: 0.3, mix: { eth: 1 } }, 14);
    expect(near(eth.transactions.filter((t) => t.to === HOT_WALLET).length / n, 0.3, n)).toBe(true);
    // Swaps: the hot share goes to pool 0, and the rest still picks pool 0 a quarter of the time.
    const swaps = generate({ txs: n, hotSpot: 0.5, pools: 4, mix: { swap: 1 } }, 15);
    const onPool0 = swaps.transactions.filter((t) => t.to === POOL0).length / n;
    expect(near(onPool0, 0.5 + 0.5 * 0.25, n)).toBe(true);
  });

  it('gives every sender noncesPerSender transactions, nonces 0.. in block order, spread over the block', () => {
    const s = generate({ txs: 1000, noncesPerSender: 7 }, 16);
    const bySender = new Map<string, number[]>();
    s.transactions.forEach((t, i) => {
      expect(t.nonce).toBe(`0x${(bySender.get(t.from!)?.length ?? 0).toString(16)}`);
      bySender.set(t.from!, [...(bySender.get(t.from!) ?? []), i]);
    });
    expect(bySender.size).toBe(Math.ceil(1000 / 7));
    const counts = [...bySender.values()].map((positions) => positions.length).sort((a, b) => a - b);
    expect(counts.slice(1).every((c) => c === 7)).toBe(true);
    expect(counts[0]).toBe(1000 % 7);
    const spans = [...bySender.values()].map((p) => p[p.length - 1]! - p[0]!);
    expect(spans.filter((span) => span > 100).length / spans.length).toBeGreaterThan(0.8); // not bunched together
    expect(new Set(generate({ txs: 200 }, 16).transactions.map((t) => t.from)).size).toBe(200);
    expect(s.preState[sender(0)]).toBeDefined();
  });

  it('pays fresh accounts when accounts is "fresh": no recipient twice', () => {
    const s = generate({ txs: 500, accounts: 'fresh', mix: { eth: 1, erc20: 1 } }, 17);
    const recipients = s.transactions.map((t) => (t.label === 'eth transfer' ? t.to : `0x${t.input.slice(34, 74)}`));
    expect(new Set(recipients).size).toBe(500);
  });

  it('attaches access lists only when asked, and never to setup transactions', () => {
    expect(generate({ txs: 20, mix: { erc20: 1 } }, 1).transactions.every((t) => t.accessList === undefined)).toBe(true);
    const s = generate({ txs: 20, mix: { erc20: 1 }, accessLists: 'exact', deploy: 'transactions' }, 1);
    for (const t of s.transactions) expect(t.accessList === undefined).toBe(t.label!.startsWith('setup:'));
  });
});

describe('generate: 100,000 transactions (a benchmark, not a timed assertion)', () => {
  it('takes seconds and a few hundred MB; the figures are printed', () => {
    const cases: [string, object][] = [
      ['eth payments, fresh recipients', { txs: 100_000, mix: { eth: 1 }, accounts: 'fresh' }],
      ['every kind, exact access lists', { txs: 100_000, mix: ALL_KINDS, accessLists: 'exact', skew: 1, accounts: 10_000 }],
    ];
    for (const [name, knobs] of cases) {
      const before = process.memoryUsage().heapUsed;
      const t0 = performance.now();
      const s = generate(knobs, 1);
      const ms = performance.now() - t0;
      const heapMb = (process.memoryUsage().heapUsed - before) / 2 ** 20;
      console.log(`generate 100,000 txs (${name}): ${(ms / 1000).toFixed(1)} s, heap +${heapMb.toFixed(0)} MB, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
      expect(workload(s)).toHaveLength(100_000);
    }
  }, 120_000);
});
