import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundleToScenario, isBundle, PEVM_CREDIT } from './bundle.ts';
import { parseScenario } from './schema.ts';

const DATA = new URL('../../../../shared/data/mainnet/', import.meta.url);
const readBundle = (n: number): any => JSON.parse(readFileSync(new URL(`${n}.json`, DATA), 'utf8'));

const BLOCKS = [
  { number: 11814555, hardfork: 'muirGlacier', txs: 579 },
  { number: 12159808, hardfork: 'muirGlacier', txs: 180 },
  { number: 12300570, hardfork: 'berlin', txs: 687 },
  { number: 13287210, hardfork: 'london', txs: 1414 },
  { number: 15537394, hardfork: 'paris', txs: 80 },
  { number: 19426587, hardfork: 'cancun', txs: 37 },
];

describe('bundleToScenario', () => {
  describe.each(BLOCKS)('mainnet block $number', ({ number, hardfork, txs }) => {
    const json = readBundle(number);
    const scenario = bundleToScenario(json);

    it(`loads as ${hardfork} on chain 1 with ${txs} transactions`, () => {
      expect(scenario.chain).toEqual({ chainId: 1, hardfork });
      expect(scenario.transactions).toHaveLength(txs);
      expect(scenario.name).toBe(`Mainnet block ${number.toLocaleString('en-US')}`);
      expect(scenario.description).toContain(PEVM_CREDIT);
    });

    it('is a valid scenario that parses to itself', () => {
      expect(parseScenario(scenario)).toStrictEqual(scenario);
    });

    it('expects the header gas used, receipts root, logs bloom, state root and transactions root', () => {
      expect(scenario.expected).toEqual({
        gasUsed: json.block.gasUsed,
        receiptsRoot: json.block.receiptsRoot,
        logsBloom: json.block.logsBloom,
        stateRoot: json.block.stateRoot,
        transactionsRoot: json.block.transactionsRoot,
      });
    });

    it('takes the block environment from the header', () => {
      expect(scenario.block.number).toBe(`0x${number.toString(16)}`);
      expect(scenario.block.coinbase).toBe(json.block.miner);
      expect(scenario.block.timestamp).toBe(json.block.timestamp);
      expect(scenario.block.gasLimit).toBe(json.block.gasLimit);
      expect(scenario.block.baseFeePerGas).toBe(json.block.baseFeePerGas);
      expect(scenario.block.uncles).toEqual([]);
      expect(scenario.block.blockHashes[String(number - 1)]).toBe(json.block.parentHash);
    });

    it('keeps every pre-state account, with nonces as hex and storage values without leading zeros', () => {
      expect(Object.keys(scenario.preState).sort()).toEqual(Object.keys(json.prestate).sort());
      for (const [address, account] of Object.entries(json.prestate as Record<string, any>)) {
        const got = scenario.preState[address as `0x${string}`]!;
        expect(got.nonce).toBe(`0x${account.nonce.toString(16)}`);
        expect(BigInt(got.balance)).toBe(BigInt(account.balance));
        for (const [slot, value] of Object.entries(got.storage ?? {})) {
          expect(value).toMatch(/^0x(0|[1-9a-f][0-9a-f]*)$/);
          expect(BigInt(value)).toBe(BigInt(account.storage[slot]));
        }
      }
    });

    it('keeps signatures and hashes and leaves senders to be recovered', () => {
      scenario.transactions.forEach((tx, i) => {
        const raw = json.block.transactions[i];
        expect(tx.from).toBeUndefined();
        expect(tx.signature).toEqual({ v: raw.v, r: raw.r, s: raw.s });
        expect(tx.hash).toBe(raw.hash);
        expect(tx.type).toBe(Number(raw.type));
        expect(tx.to).toBe(raw.to);
      });
      expect(scenario.description).toContain('recovered from the signatures');
    });
  });

  it('keeps the bundle senders with trustFrom', () => {
    const json = readBundle(15537394);
    const scenario = bundleToScenario(json, { trustFrom: true });
    expect(scenario.transactions.map((tx) => tx.from)).toEqual(json.block.transactions.map((tx: { from: string }) => tx.from));
    expect(scenario.description).toContain('--trust-from');
  });

  it('sets prevRandao from mixHash only after the merge', () => {
    expect(bundleToScenario(readBundle(13287210)).block.prevRandao).toBeUndefined();
    const paris = readBundle(15537394);
    expect(bundleToScenario(paris).block.prevRandao).toBe(paris.block.mixHash);
  });

  it('carries Cancun fields and Shanghai withdrawals', () => {
    const json = readBundle(19426587);
    const { block } = bundleToScenario(json);
    expect(block.parentBeaconBlockRoot).toBe(json.block.parentBeaconBlockRoot);
    expect(block.excessBlobGas).toBe('0x0');
    expect(block.withdrawals).toHaveLength(16);
    expect(block.withdrawals![0]).toEqual(json.block.withdrawals[0]);
  });

  it('drops the effective gasPrice of type-2 transactions and keeps their fee caps and access lists', () => {
    const json = readBundle(13287210);
    const tx = bundleToScenario(json).transactions[0]!;
    expect(tx.type).toBe(2);
    expect(tx.gasPrice).toBeUndefined();
    expect(tx.maxFeePerGas).toBe(json.block.transactions[0].maxFeePerGas);
    expect(tx.accessList).toEqual(json.block.transactions[0].accessList);
  });

  it('marks a contract creation with to: null', () => {
    const creations = bundleToScenario(readBundle(15537394)).transactions.filter((tx) => tx.to === null);
    expect(creations).toHaveLength(1);
    expect(creations[0]!.input.length).toBeGreaterThan(2);
  });

  it('gives no chain id to a legacy transaction signed before EIP-155', () => {
    const scenario = bundleToScenario(readBundle(12300570));
    const unprotected = scenario.transactions.filter((tx) => tx.signature!.v === '0x1b' || tx.signature!.v === '0x1c');
    expect(unprotected.length).toBeGreaterThan(0);
    for (const tx of unprotected) expect(tx.chainId).toBeUndefined();
  });

  it('leaves uncles out and says why when the block has some', () => {
    const json = readBundle(12159808);
    json.block.uncles = [`0x${'11'.repeat(32)}`];
    const scenario = bundleToScenario(json);
    expect(scenario.block.uncles).toBeUndefined();
    expect(scenario.description).toContain(`uncle (0x${'11'.repeat(32)}) is left out`);
  });

  it('credits another source when told to', () => {
    const scenario = bundleToScenario(readBundle(19426587), { credit: 'Fetched from my node.' });
    expect(scenario.description).toMatch(/Fetched from my node\.$/);
  });
});

describe('isBundle', () => {
  it('recognises a bundle by its prestate', () => {
    expect(isBundle(readBundle(19426587))).toBe(true);
    expect(isBundle({ block: {}, prestate: {} })).toBe(true);
  });

  it('recognises a bundle without prestate by its RPC block', () => {
    expect(isBundle({ block: { miner: '0x', transactions: [] } })).toBe(true);
  });

  it('does not take a scenario for a bundle, even one with a prestate typo', () => {
    expect(isBundle({ name: 'x', chain: {}, block: {}, preState: {}, transactions: [] })).toBe(false);
    expect(isBundle({ name: 'x', chain: {}, block: {}, prestate: {}, transactions: [] })).toBe(false);
    expect(isBundle([])).toBe(false);
    expect(isBundle(null)).toBe(false);
  });
});
