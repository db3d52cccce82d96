import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from './errors.ts';
import { fixtureTestNames, fixtureToScenario, isFixtureFile, loadFixtureTest, withPreState } from './fixture.ts';
import { headerProblems } from './fixtureHeader.ts';
import { networkSchedule } from './fixtureNetworks.ts';
import { isBundle } from './bundle.ts';
import { parseScenario } from './schema.ts';

const ROOT = new URL('../../../../shared/data/ethereum-tests/BlockchainTests/GeneralStateTests/', import.meta.url);
const read = (path: string): any => JSON.parse(readFileSync(new URL(path, ROOT), 'utf8'));
const only = (json: any) => Object.keys(json)[0]!;

describe('loadFixtureTest', () => {
  const json = read('stSStoreTest/InitCollisionParis.json');
  const name = only(json);
  const raw = json[name];
  const test = loadFixtureTest(json, name);
  const scenario = test.blocks[0]!.scenario!;

  it('turns a one-block test into one scenario, its header the expected values, state root included', () => {
    const h = raw.blocks[0].blockHeader;
    expect(test.blocks).toHaveLength(1);
    expect(scenario.chain).toEqual({ chainId: 1, hardfork: 'cancun' });
    expect(scenario.expected).toEqual({
      gasUsed: '0x30d40',
      receiptsRoot: h.receiptTrie,
      logsBloom: h.bloom,
      stateRoot: h.stateRoot,
      transactionsRoot: h.transactionsTrie,
    });
    expect(scenario.block).toMatchObject({ coinbase: h.coinbase, prevRandao: h.mixHash, parentBeaconBlockRoot: h.parentBeaconBlockRoot, withdrawals: [] });
    expect(scenario.block.blockHashes).toEqual({ '0': raw.genesisBlockHeader.hash });
  });

  it('keeps the signature and the sender, a creation as to: null, and no chain id for a pre-EIP-155 signature', () => {
    const tx = scenario.transactions[0]!;
    expect(tx).toMatchObject({ type: 0, to: null, from: raw.blocks[0].transactions[0].sender, input: raw.blocks[0].transactions[0].data });
    expect(tx.signature).toEqual({ v: '0x1b', r: raw.blocks[0].transactions[0].r, s: raw.blocks[0].transactions[0].s });
    expect(tx.chainId).toBeUndefined();
  });

  it('is a valid scenario that parses to itself, its pre-state the test\'s', () => {
    expect(parseScenario(scenario)).toStrictEqual(scenario);
    expect(scenario.preState).toBe(test.pre);
    expect(Object.keys(test.pre)).toHaveLength(Object.keys(raw.pre).length);
  });

  it('is told apart from scenarios and bundles, and lists its tests', () => {
    expect(isFixtureFile(json)).toBe(true);
    expect(isBundle(json)).toBe(false);
    expect(isFixtureFile(scenario)).toBe(false);
    expect(fixtureTestNames(json)).toHaveLength(4);
  });

  it('opens as the scenario of its first block for the page', () => {
    expect(fixtureToScenario(json, { test: name })).toStrictEqual(scenario);
  });
});

describe('chains and transitions', () => {
  it('runs later blocks on an empty pre-state the runner fills, BLOCKHASH answering from earlier headers', () => {
    const json = read('Pyspecs/cancun/eip4788_beacon_root/multi_block_beacon_root_timestamp_calls.json');
    const name = only(json);
    const test = loadFixtureTest(json, name);
    expect(test.blocks.length).toBeGreaterThan(1);
    const second = test.blocks[1]!.scenario!;
    expect(second.preState).toEqual({});
    expect(second.name).toBe(`${name} (block 2 of ${test.blocks.length})`);
    expect(second.block.blockHashes['1']).toBe(json[name].blocks[0].blockHeader.hash);
    expect(second.block.blockHashes['0']).toBe(json[name].genesisBlockHeader.hash);
    expect(withPreState(second, test.pre).preState).toBe(test.pre);
  });

  it('places each block of a transition network in its fork by timestamp', () => {
    const json = read('Pyspecs/cancun/eip4788_beacon_root/beacon_root_transition.json');
    const test = loadFixtureTest(json, only(json));
    const forks = test.blocks.map((b) => b.scenario!.chain.hardfork);
    expect(forks.slice(0, 3)).toEqual(['shanghai', 'shanghai', 'shanghai']);
    expect(forks.at(-1)).toBe('cancun');
  });

  it('maps network names to hardforks, transitions by block or time', () => {
    const by = (network: string, number: bigint, timestamp: bigint) => {
      const s = networkSchedule(network);
      return typeof s === 'function' ? s({ number, timestamp }) : s.unsupported;
    };
    expect(by('Cancun', 1n, 0n)).toBe('cancun');
    expect(by('ConstantinopleFix', 1n, 0n)).toBe('petersburg');
    expect(by('BerlinToLondonAt5', 4n, 0n)).toBe('berlin');
    expect(by('BerlinToLondonAt5', 5n, 0n)).toBe('london');
    expect(by('ShanghaiToCancunAtTime15k', 1n, 14_999n)).toBe('shanghai');
    expect(by('ShanghaiToCancunAtTime15k', 1n, 15_000n)).toBe('cancun');
    expect(by('EIP158ToByzantiumAt5', 4n, 0n)).toBe('spuriousDragon');
    expect(by('EIP158ToByzantiumAt5', 5n, 0n)).toBe('byzantium');
    expect(by('Frontier', 1n, 0n)).toBe('chainstart');
    expect(by('ArrowGlacierToParisAtDiffC0000', 1n, 0n)).toBe('network "ArrowGlacierToParisAtDiffC0000" is not one Parallax knows');
  });
});

describe('blocks invalid on purpose', () => {
  it('keeps a block the loader cannot read as refused, with the loader\'s words', () => {
    const json = read('stTransactionTest/ValueOverflowParis.json');
    const block = loadFixtureTest(json, only(json)).blocks[0]!;
    expect(block.expectException).toBe('TransactionException.RLP_INVALID_VALUE');
    expect(block.scenario).toBeUndefined();
    expect(block.refused).toMatch(/blocks\[0\]\.rlp_decoded\.transactions\[0\]\.value: /);
  });

  it('marks the transactions transactionSequence says are invalid', () => {
    const json = read('stEIP1559/outOfFunds.json');
    const test = loadFixtureTest(json, Object.keys(json).find((n) => json[n].blocks[0].expectException)!);
    expect(test.blocks[0]).toMatchObject({ expectException: 'TransactionException.INSUFFICIENT_ACCOUNT_FUNDS', invalidTxs: [0] });
    expect(test.blocks[0]!.scenario).toBeDefined();
  });

  it('refuses a header whose excess blob gas does not follow from its parent', () => {
    const json = read('Pyspecs/cancun/eip4844_blobs/invalid_excess_blob_gas_above_target_change.json');
    const block = loadFixtureTest(json, only(json)).blocks[1]!;
    expect(block.expectException).toMatch(/INCORRECT_EXCESS_BLOB_GAS/);
    expect(block.refused).toMatch(/blockHeader\.excessBlobGas: must be \d+ \(the parent's excess plus its blob gas, less the target 393216\)/);
  });

  it('checks blob gas and the fork\'s header fields', () => {
    const cancun = { baseFeePerGas: '0x7', withdrawalsRoot: '0x0', blobGasUsed: '0x20000', excessBlobGas: '0x0', parentBeaconBlockRoot: '0x0' };
    expect(headerProblems(cancun, 'cancun', 1, {}, 'shanghai')).toEqual([]);
    expect(headerProblems(cancun, 'cancun', 2, {}, 'shanghai').map((p) => p.message)).toEqual(['must be 131072 a blob × 2 blobs, got 131072']);
    expect(headerProblems(cancun, 'shanghai', 0, {}, 'shanghai').map((p) => p.keys[0])).toEqual(['blobGasUsed', 'excessBlobGas', 'parentBeaconBlockRoot']);
    expect(headerProblems({ ...cancun, excessBlobGas: '0x20000' }, 'cancun', 1, { excessBlobGas: '0x60000', blobGasUsed: '0x0' }, 'cancun')).toEqual([
      { keys: ['excessBlobGas'], message: 'must be 0 (the parent\'s excess plus its blob gas, less the target 393216), got 131072' },
    ]);
  });
});

describe('what cannot run here', () => {
  const json = read('stSStoreTest/InitCollisionParis.json');
  const name = only(json);
  const edited = (edit: (t: any) => void) => {
    const copy = structuredClone(json);
    edit(copy[name]);
    return loadFixtureTest(copy, name);
  };

  it('skips blocks given only as RLP (without a decoder) and unknown transaction types, saying why', () => {
    expect(edited((t) => (t.blocks = [{ rlp: '0xc0', expectException: 'BlockException.RLP_STRUCTURES_ENCODING' }])).unsupported).toMatch(/only as RLP/);
    expect(edited((t) => (t.blocks[0].transactions[0].type = '0x05')).unsupported).toBe('type-5 transactions are not supported yet');
  });

  it('does not open such a test in the page', () => {
    const copy = structuredClone(json);
    copy[name].blocks = [{ rlp: copy[name].blocks[0].rlp }];
    expect(() => fixtureToScenario(copy, { test: name })).toThrow(/cannot run here: a block is given only as RLP/);
  });

  it('reads a network before Byzantium with its own rules: a Cancun header under Homestead is named field by field', () => {
    expect(() => edited((t) => (t.network = 'Homestead'))).toThrow(/blockHeader.baseFeePerGas: only exists from london on; the block is homestead/);
  });

  it('reports a broken field of a valid block with its path in the file', () => {
    const copy = structuredClone(json);
    copy[name].blocks[0].transactions[0].gasLimit = 'zz';
    let error: unknown;
    try {
      loadFixtureTest(copy, name, { sourceName: 'InitCollisionParis.json' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as Error).message).toBe(`InitCollisionParis.json: ${name}.blocks[0].transactions[0].gasLimit: expected a hex quantity, got "zz"`);
  });
});
