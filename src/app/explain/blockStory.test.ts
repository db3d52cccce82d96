import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConflictAnalysis, analyseConflicts } from '../../engine/analysis/conflicts.ts';
import { accountKey, coinbaseKey, slotKey } from '../../engine/evm/keys.ts';
import type { Result } from '../../engine/result.ts';
import { runScenario } from '../../engine/run.ts';
import { loadScenarioFile } from '../../engine/scenario/loadFile.node.ts';
import type { Hex, Scenario } from '../../engine/scenario/types.ts';
import { testPool } from '../../engine/testing/harness.ts';
import { mappingSlot, selector } from '../../workloads/abi.ts';
import { BLOCKS } from '../catalog.ts';
import { blockShape, blockStory } from './blockStory.ts';
import { namesFor } from './index.ts';
import { RealKeys, functionName, looksLikeV2Pair } from './realKeys.ts';

const word = (n: bigint | number) => `0x${BigInt(n).toString(16).padStart(64, '0')}` as Hex;
const ALICE = '0xa11ce00000000000000000000000000000000001';
const TOKEN = '0xaa00000000000000000000000000000000000002';
const PAIR = '0xbb00000000000000000000000000000000000003';
const COINBASE = '0xcc00000000000000000000000000000000000004';
const NOW = 1_700_000_000n;

function scenario(over: Partial<Scenario> = {}): Scenario {
  return {
    version: 1, name: 't', chain: { chainId: 1, hardfork: 'london' },
    block: { number: '0x1', timestamp: `0x${NOW.toString(16)}`, coinbase: COINBASE, gasLimit: '0x1c9c380', blockHashes: {} },
    preState: {
      [TOKEN]: { balance: '0x0', nonce: '0x1', code: '0x6000' },
      [PAIR]: { balance: '0x0', nonce: '0x1', code: '0x6001', storage: { [word(6)]: word(BigInt(TOKEN) | (1n << 150n)), [word(7)]: word(0xabcdn << 140n), [word(8)]: word(((NOW - 12n) << 224n) | 5n) } },
    },
    transactions: [{ type: 2, from: ALICE, to: TOKEN, nonce: '0x0', value: '0x0', input: `${selector('transfer(address,uint256)')}${'0'.repeat(24)}${PAIR.slice(2)}${'0'.repeat(63)}1` as Hex, gas: '0x10000' }],
    expected: { gasUsed: '0x0', receiptsRoot: word(0), logsBloom: `0x${'0'.repeat(512)}` },
    ...over,
  };
}

describe('real keys in words', () => {
  it('knows well-known functions by their computed selectors', () => {
    expect(functionName(selector('withdraw(uint256)'))).toBe('withdraw()');
    expect(functionName('0xA9059CBB')).toBe('transfer()');
    expect(functionName('0x3b6d9597')).toBe('0x3b6d9597');
  });

  it('recovers an ERC-20 balanceOf entry from the addresses the block mentions, for slots 0 to 10', () => {
    const s = scenario();
    const keys = new RealKeys(s, { senders: [ALICE] });
    expect(keys.kindOf(TOKEN)).toBe('ERC-20 token');
    for (const n of [0, 3, 10]) {
      const slot = mappingSlot(PAIR, n).slice(2);
      expect(keys.name(slotKey(TOKEN.slice(2), slot, 0)).text).toBe(`token 0xaa00…0002’s balanceOf[Uniswap V2 pair 0xbb00…0003] (the mapping at slot ${n})`);
    }
    expect(keys.name(slotKey(TOKEN.slice(2), mappingSlot(PAIR, 11).slice(2), 0)).kind).toBe('slot'); // beyond the slots tried
  });

  it('recognises a Uniswap V2 pair by its layout and names its reserves slot', () => {
    const s = scenario();
    expect(looksLikeV2Pair(s.preState[PAIR]!.storage!, NOW)).toBe(true);
    expect(looksLikeV2Pair(s.preState[PAIR]!.storage!, NOW - 100n)).toBe(false); // updated after this block: not a timestamp
    expect(new RealKeys(s, { senders: [ALICE] }).name(slotKey(PAIR.slice(2), word(8).slice(2), 0))).toMatchObject({
      kind: 'reserves', contract: 'Uniswap V2 pair', text: 'Uniswap V2 pair 0xbb00…0003’s reserves (slot 8: reserve0, reserve1 and the time of their last update)',
    });
  });

  it('calls the coinbase the miner before the merge and the fee recipient after it', () => {
    expect(new RealKeys(scenario(), { senders: [] }).name(accountKey(COINBASE.slice(2))).text).toMatch(/^the miner’s account/);
    const s = scenario({ block: { ...scenario().block, prevRandao: word(1) } });
    expect(new RealKeys(s, { senders: [] }).name(accountKey(COINBASE.slice(2))).text).toMatch(/^the fee recipient’s account/);
  });

  it('tells a block’s shape from its analysis', () => {
    const a = (over: Partial<ConflictAnalysis>): ConflictAnalysis => ({ txCount: 10, totalGas: 100, edges: [], independent: 10, criticalPath: [0], criticalPathGas: 10, speedupBound: 10, hotKeys: [], ...over });
    const chain = Array.from({ length: 5 }, (_, i) => ({ from: i, to: i + 1, key: 'k' }));
    expect(blockShape(a({ edges: chain, independent: 5 }))).toBe('one long chain');
    expect(blockShape(a({ criticalPathGas: 60 }))).toBe('one heavy transaction');
    expect(blockShape(a({}))).toBe('mostly independent');
    expect(blockShape(a({ txCount: 1, independent: 1, criticalPath: [0], criticalPathGas: 21_000, totalGas: 21_000 }))).toBe('a single transaction');
    expect(blockShape(a({ edges: chain.slice(0, 2), independent: 5 }))).toBe('partly dependent');
  });
});

describe('the three shipped blocks, explained from their own analysis', () => {
  const pool = testPool(1);
  const runs = new Map<number, { s: Scenario; a: ConflictAnalysis; r: Result }>();
  beforeAll(async () => {
    for (const b of BLOCKS) {
      const s = await loadScenarioFile(new URL(`../../../public/blocks/${b.number}.json`, import.meta.url).pathname, { trustFrom: true });
      const { trace, result } = await runScenario(s, { strategy: 'sequential', workers: 1, senders: 'trust' }, pool);
      runs.set(b.number, { s, a: analyseConflicts(trace, coinbaseKey(s)), r: result });
    }
  }, 600_000);
  afterAll(() => pool.dispose());
  const story = (n: number) => {
    const { s, a, r } = runs.get(n)!;
    return blockStory(s, a, { senders: r.senders, receipts: r.receipts });
  };
  /** A key in words names no raw slot hash and no hex key form (`0x…[0x…]`, `.account`). */
  const inWords = (text: string) => expect(text).not.toMatch(/[0-9a-f]{16}|0x[0-9a-f]{4}…[0-9a-f]{4}\[0x|\.account|\.storage/);

  it('11,814,555: a mining pool paying out from the coinbase, one chain of 577 read in full, independent read lazily', () => {
    const st = story(11814555);
    expect(st.shape).toBe('mostly independent');
    expect(st.hotKeys.map((h) => h.name.text)).not.toContain('the miner’s account (0x1ad9…5836, the block’s coinbase: balance and nonce)');
    expect(st.patterns[0]).toMatch(/^A mining pool paying out from the coinbase: the miner 0x1ad9…5836 sends 577 transactions of the block’s 579 itself, each from the same account: read in full/);
    expect(st.patterns[1]).toMatch(/^Senders read lazily: .*a critical path of 577 transactions, bound 1\.01×, as dag or access-locks see it\); block-stm reads them as conditions/);
    expect(st.criticalPath).not.toContain('holds 577 transactions');
    for (const h of st.hotKeys) inWords(h.name.text);
  });

  it('15,537,394: one heavy transaction, and 28 mint() calls on one NFT contract through one storage slot', () => {
    const st = story(15537394);
    expect(st.shape).toBe('one heavy transaction');
    expect(st.hotKeys[0]).toMatchObject({ edges: 27, calls: ['mint()'], name: { text: 'storage slot 11 of NFT collection 0x7bc2…c90a', contract: 'NFT collection' } });
    expect(st.hotKeys[1]!.name.text).toMatch(/^(token|NFT collection|contract) 0xe42c…e306’s mapping at slot 2, entry \[1\]$/);
    expect(st.patterns).toContain('One contract, one shared value: 28 transactions call mint() on NFT collection 0x7bc2…c90a, and each reads storage slot 11 of NFT collection 0x7bc2…c90a, which the one before wrote (a counter or total every call updates).');
    expect(st.criticalPath).toContain('the heaviest chain is a single transaction, tx 25, with 71 % of the block’s gas');
    for (const h of st.hotKeys) inWords(h.name.text);
  });

  it('says the bound by execution time where time does not follow gas (a large creation), and not where it does', () => {
    const { s, a, r } = runs.get(15537394)!;
    const facts = { senders: r.senders, receipts: r.receipts };
    expect(blockStory(s, { ...a, timeBound: 1.18 }, facts).criticalPath).toContain('Weighed by this run’s execution times instead, the bound is 1.18×');
    expect(blockStory(s, { ...a, timeBound: a.speedupBound * 1.05 }, facts).criticalPath).not.toContain('execution times');
    expect(blockStory(s, { ...a, timeBound: undefined }, facts).criticalPath).not.toContain('execution times');
  });

  it('19,426,587: a token balance and WETH withdrawals reading WETH’s own balance (its one sender of 3 no chain)', () => {
    const st = story(19426587);
    expect(st.shape).toBe('mostly independent');
    const texts = st.hotKeys.map((h) => h.name.text);
    expect(texts).not.toContain('0x808b…ea52’s nonce and balance (it sends 3 of the block’s transactions)');
    expect(texts).toContain('token 0xb528…b997’s balanceOf[0x6cc5…da7b] (the mapping at slot 4)');
    expect(texts).toContain('WETH’s own ETH balance (what every withdraw() pays out of)');
    expect(st.patterns.some((p) => p.startsWith('WETH withdrawals reading a shared balance: withdraw() pays ETH out of WETH’s own balance, so txs 9 and 23'))).toBe(true);
    for (const h of st.hotKeys) inWords(h.name.text);
    // The page's other views (aborts, conflicts, the DAG) name these keys the same way.
    const { s, r } = runs.get(19426587)!;
    const names = namesFor(s, { senders: r.senders });
    const weth = st.hotKeys.find((h) => h.name.contract === 'WETH')!;
    const balance = st.hotKeys.find((h) => h.name.kind === 'token balance')!;
    expect(names.name(weth.key).text).toBe('WETH’s own ETH balance (what every withdraw() pays out of)');
    expect(names.name(balance.key, balance.txs).text).toBe('token 0xb528…b997’s balanceOf[0x6cc5…da7b] (the mapping at slot 4)');
  });

  it('46,147: the first transfer, a single transaction, said so', () => {
    const st = story(46147);
    expect(st.shape).toBe('a single transaction');
    expect(st.summary).toBe('A single transaction: nothing runs beside it, so no schedule on any number of workers beats running it alone.');
  });

  it('the page’s block list describes each block as its analysis finds it', () => {
    for (const b of BLOCKS) {
      const shape = story(b.number).shape;
      expect(b.label, `block ${b.number}`).toMatch(new RegExp(`, ${shape}\\)$`));
      if (shape !== 'mostly independent') expect(`${b.label} ${b.blurb}`, `block ${b.number}`).not.toMatch(/independent|almost nothing depends/);
    }
    const credit = readFileSync(new URL('../../../public/blocks/CREDIT.md', import.meta.url), 'utf8');
    expect(credit).not.toMatch(/579 mostly independent/);
  });
});
