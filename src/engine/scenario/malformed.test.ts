import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from './errors.ts';
import { HARDFORKS } from './hardforks.ts';
import { loadScenarioFromJson } from './load.ts';
import { parseScenarioText } from './schema.ts';

const example: any = JSON.parse(readFileSync(new URL('../../../examples/counter-demo.json', import.meta.url), 'utf8'));
const bundle: any = JSON.parse(readFileSync(new URL('../../../../shared/data/mainnet/19426587.json', import.meta.url), 'utf8'));

const ALICE = '0x000000000000000000000000000000000000a11c';
const AUTH = { chainId: '0x1', address: '0x000000000000000000000000000000000000c0de', nonce: '0x0', yParity: '0x1', r: '0x1', s: '0x2' };

/** A copy of the example scenario (or the Cancun bundle) with one thing broken. */
function scenarioWith(edit: (s: any) => void): unknown {
  const s = structuredClone(example);
  edit(s);
  return s;
}
function bundleWith(edit: (b: any) => void): unknown {
  const b = structuredClone(bundle);
  edit(b);
  return b;
}

interface Case {
  name: string;
  input: unknown;
  opts?: { trustFrom?: boolean; sourceName?: string };
  message: string;
}

const cases: Case[] = [
  {
    name: 'a gas limit that is not hex names the field and the value',
    input: scenarioWith((s) => (s.transactions[0].gas = 'abc')),
    message: 'transactions[0].gas: expected a hex quantity, got "abc"',
  },
  {
    name: 'a missing recipient asks for null to create a contract',
    input: scenarioWith((s) => delete s.transactions[1].to),
    message: 'transactions[1].to: is required (use null to create a contract)',
  },
  {
    name: 'a negative value is refused',
    input: scenarioWith((s) => (s.transactions[0].value = -5)),
    message: 'transactions[0].value: expected a non-negative quantity, got -5',
  },
  {
    name: 'a negative hex string is refused too',
    input: scenarioWith((s) => (s.transactions[2].value = '-0x10')),
    message: 'transactions[2].value: expected a non-negative quantity, got "-0x10"',
  },
  {
    name: 'odd-length input data is not whole bytes',
    input: scenarioWith((s) => (s.transactions[0].input = '0xabc')),
    message: 'transactions[0].input: expected whole bytes (an even number of hex digits), got 3 hex digits',
  },
  {
    name: 'an address of the wrong length says how long it was',
    input: scenarioWith((s) => (s.transactions[0].to = '0x1234')),
    message: 'transactions[0].to: expected a 20-byte address (40 hex digits), got 4 hex digits',
  },
  {
    name: 'a misspelt hardfork suggests the right one',
    input: scenarioWith((s) => (s.chain.hardfork = 'lodon')),
    message: 'chain.hardfork: unknown hardfork "lodon" (did you mean "london"?)',
  },
  {
    name: 'an unknown hardfork lists the known ones',
    input: scenarioWith((s) => (s.chain.hardfork = 'frontier')),
    message: `chain.hardfork: unknown hardfork "frontier"; expected one of ${HARDFORKS.join(', ')}`,
  },
  {
    name: 'an unknown top-level key is named, with the key it probably meant',
    input: scenarioWith((s) => (s.tranactions = [])),
    message: 'tranactions: unknown field (did you mean "transactions"?)',
  },
  {
    name: 'every unknown top-level key is named, not only the first',
    input: scenarioWith((s) => Object.assign(s, { author: 'me', notes: 'x' })),
    message: [
      'author: unknown field (expected one of version, name, description, chain, block, preState, transactions, expected, preStateComplete)',
      'notes: unknown field (expected one of version, name, description, chain, block, preState, transactions, expected, preStateComplete)',
    ].join('\n'),
  },
  {
    name: 'a transaction field spelt like web3 suggests ours',
    input: scenarioWith((s) => {
      s.transactions[0].data = s.transactions[0].input ?? '0x';
    }),
    message: 'transactions[0].data: unknown field (did you mean "input"?)',
  },
  {
    name: 'a transaction with neither from nor signature has no sender',
    input: scenarioWith((s) => delete s.transactions[0].from),
    message: 'transactions[0]: needs "from" (the sender) or "signature" (to recover the sender from)',
  },
  {
    name: 'a type-2 transaction without maxFeePerGas is refused',
    input: scenarioWith((s) => {
      s.transactions[0].type = 2;
      delete s.transactions[0].maxFeePerGas;
    }),
    message: 'transactions[0].maxFeePerGas: is required for a type-2 transaction',
  },
  {
    name: 'a priority fee above the max fee is refused with both numbers',
    input: scenarioWith((s) => (s.transactions[1].maxPriorityFeePerGas = '0x77359401')),
    message: 'transactions[1].maxPriorityFeePerGas: must not exceed maxFeePerGas (2000000000), got 2000000001',
  },
  {
    name: 'gasPrice on a type-2 transaction is refused',
    input: scenarioWith((s) => (s.transactions[0].gasPrice = '0x1')),
    message: 'transactions[0].gasPrice: is not used by type-2 transactions (set maxFeePerGas and maxPriorityFeePerGas)',
  },
  {
    name: 'a legacy transaction needs a gas price',
    input: scenarioWith((s) => {
      delete s.transactions[2].maxFeePerGas;
      delete s.transactions[2].maxPriorityFeePerGas;
    }),
    message: 'transactions[2].gasPrice: is required for a type-0 transaction',
  },
  {
    name: 'a gas limit below 21000 can never run',
    input: scenarioWith((s) => (s.transactions[0].gas = 20999)),
    message: 'transactions[0].gas: must be at least 21000 (the cost of the simplest transaction), got 20999',
  },
  {
    name: 'a gas limit above the block gas limit is refused',
    input: scenarioWith((s) => (s.transactions[0].gas = '30000001')),
    message: 'transactions[0].gas: exceeds block.gasLimit (30000000), got 30000001',
  },
  {
    name: 'a JSON number too large to be exact asks for a string',
    input: scenarioWith((s) => (s.preState[ALICE].balance = 2 ** 60)),
    message: `preState["${ALICE}"].balance: is a JSON number above 2^53 - 1, which loses precision; write it as a hex or decimal string`,
  },
  {
    name: 'a quantity over 256 bits is refused',
    input: scenarioWith((s) => (s.preState[ALICE].balance = `0x1${'0'.repeat(64)}`)),
    message: `preState["${ALICE}"].balance: does not fit in 256 bits, got "0x1${'0'.repeat(42)}…" (67 characters)`,
  },
  {
    name: 'a storage slot that is not hex names the slot',
    input: scenarioWith((s) => (s.preState[ALICE].storage = { '0xzz': '0x1' })),
    message: `preState["${ALICE}"].storage["0xzz"]: expected a 0x-prefixed hex storage slot, got "0xzz"`,
  },
  {
    name: 'two spellings of one address are a collision, not a silent merge',
    input: scenarioWith((s) => (s.preState[ALICE.toUpperCase().replace('0X', '0x')] = { balance: '0x1' })),
    message: `preState["0x000000000000000000000000000000000000A11C"]: the same key as "${ALICE}" (keys are compared after normalising)`,
  },
  {
    name: 'a BLOCKHASH key must be a decimal block number',
    input: scenarioWith((s) => (s.block.blockHashes = { '0x10': `0x${'ab'.repeat(32)}` })),
    message: 'block.blockHashes["0x10"]: expected a decimal block number as the key, got "0x10"',
  },
  {
    name: 'a version from the future is refused',
    input: scenarioWith((s) => (s.version = 2)),
    message: 'version: unsupported version 2 (this build reads version 1)',
  },
  {
    name: 'chain id zero is not a chain',
    input: scenarioWith((s) => (s.chain.chainId = 0)),
    message: 'chain.chainId: expected a positive integer, got 0',
  },
  {
    name: 'a transaction signed for another chain is refused',
    input: scenarioWith((s) => (s.transactions[0].chainId = '0x5')),
    message: 'transactions[0].chainId: does not match chain.chainId (1), got 5',
  },
  {
    name: 'a London-or-later block needs a base fee',
    input: scenarioWith((s) => delete s.block.baseFeePerGas),
    message: 'block.baseFeePerGas: is required from london on; chain.hardfork is cancun',
  },
  {
    name: 'features a hardfork does not have are all reported',
    input: scenarioWith((s) => {
      s.chain.hardfork = 'istanbul';
      delete s.block.baseFeePerGas;
    }),
    message: [
      'block.prevRandao: only exists from paris on; chain.hardfork is istanbul',
      'transactions[0].type: type-2 transactions need london or later; chain.hardfork is istanbul',
      'transactions[1].type: type-2 transactions need london or later; chain.hardfork is istanbul',
      'transactions[2].type: type-2 transactions need london or later; chain.hardfork is istanbul',
    ].join('\n'),
  },
  {
    name: 'a field a hardfork before it does not have is named',
    input: scenarioWith((s) => {
      s.chain.hardfork = 'homestead';
      delete s.block.prevRandao;
      s.transactions = [];
    }),
    message: 'block.baseFeePerGas: only exists from london on; chain.hardfork is homestead',
  },
  {
    name: 'a blob transaction needs a recipient, a blob fee cap and version-1 blob hashes',
    input: scenarioWith((s) => {
      Object.assign(s.transactions[0], { type: 3, to: null, blobVersionedHashes: [`0x02${'00'.repeat(31)}`] });
    }),
    message: [
      'transactions[0].to: a blob transaction cannot create a contract: it needs a recipient',
      'transactions[0].maxFeePerBlobGas: is required for a type-3 transaction',
      'transactions[0].blobVersionedHashes[0]: expected a version 0x01 hash (a KZG commitment\'s), got version 0x02',
    ].join('\n'),
  },
  {
    name: 'blob fields on another type are refused',
    input: scenarioWith((s) => Object.assign(s.transactions[0], { type: 2, maxFeePerBlobGas: '0x1' })),
    message: 'transactions[0].maxFeePerBlobGas: is only used by type-3 (blob) transactions; this one is type 2',
  },
  {
    name: 'the bundle of the DAO fork block is refused: its state change is not a transaction',
    input: bundleWith((b) => {
      b.block.number = '0x1d4c00';
      b.block.timestamp = '0x5';
      b.block.transactions = [];
      for (const k of ['baseFeePerGas', 'parentBeaconBlockRoot', 'excessBlobGas', 'withdrawals', 'mixHash', 'blobGasUsed']) delete b.block[k];
    }),
    message: 'block.number: is the DAO fork block, whose irregular state change (not a transaction) Parallax does not make',
  },
  {
    name: 'a transaction type this build cannot run is named',
    input: scenarioWith((s) => (s.transactions[0].type = 5)),
    message: 'transactions[0].type: unsupported transaction type 5 (Parallax runs types 0, 1, 2, 3 and 4)',
  },
  {
    name: 'a set-code transaction before Prague is refused',
    input: scenarioWith((s) => Object.assign(s.transactions[0], { type: 4, authorizationList: [AUTH] })),
    message: 'transactions[0].type: type-4 transactions need prague or later; chain.hardfork is cancun',
  },
  {
    name: 'a set-code transaction carries an authorization',
    input: scenarioWith((s) => {
      s.chain.hardfork = 'prague';
      Object.assign(s.transactions[0], { type: 4, authorizationList: [] });
    }),
    message: 'transactions[0].authorizationList: a type-4 transaction carries at least one authorization',
  },
  {
    name: 'a set-code transaction cannot create a contract',
    input: scenarioWith((s) => {
      s.chain.hardfork = 'prague';
      Object.assign(s.transactions[0], { type: 4, to: null, authorizationList: [AUTH] });
    }),
    message: 'transactions[0].to: a set-code transaction cannot create a contract: it needs a recipient',
  },
  {
    name: 'an authorization list on another type is named',
    input: scenarioWith((s) => {
      s.chain.hardfork = 'prague';
      s.transactions[0].authorizationList = [AUTH];
      s.transactions[0].type = 2;
    }),
    message: 'transactions[0].authorizationList: is only used by type-4 (set code) transactions; this one is type 2',
  },
  {
    name: 'an authorization outside EIP-7702\'s bounds is refused',
    input: scenarioWith((s) => {
      s.chain.hardfork = 'prague';
      Object.assign(s.transactions[0], { type: 4, authorizationList: [{ ...AUTH, yParity: '0x100' }] });
    }),
    message: 'transactions[0].authorizationList[0].yParity: does not fit in 8 bits, got "0x100"',
  },
  {
    name: "a bundle's authorization without its parity is named",
    input: bundleWith((b) => Object.assign(b.block.transactions[0], { type: '0x4', authorizationList: [{ ...AUTH, yParity: undefined }] })),
    message: 'block.transactions[0].authorizationList[0]: needs "yParity" (or "v"): the parity of its signature',
  },
  {
    name: 'an empty name is refused',
    input: scenarioWith((s) => (s.name = ' ')),
    message: 'name: expected a non-empty string, got " "',
  },
  {
    name: 'a list where an object belongs says so',
    input: scenarioWith((s) => (s.preState = [])),
    message: 'preState: expected an object, got an array',
  },
  {
    name: 'a scenario that is not an object at all says what it got',
    input: [1, 2],
    message: 'expected a scenario (a JSON object), got an array',
  },
  {
    name: 'a bundle without block.transactions names the missing field',
    input: bundleWith((b) => delete b.block.transactions),
    message: 'block.transactions: is required',
  },
  {
    name: 'a bundle transaction with a bad gas names it by its place in the block',
    input: bundleWith((b) => (b.block.transactions[3].gas = '0xzz')),
    message: 'block.transactions[3].gas: expected a hex quantity, got "0xzz"',
  },
  {
    name: 'a bundle fetched without full transactions explains how to fetch it',
    input: bundleWith((b) => (b.block.transactions[0] = b.block.transactions[0].hash)),
    message: 'block.transactions[0]: expected a transaction object, got a hash (fetch the block with eth_getBlockByNumber(n, true))',
  },
  {
    name: 'a bundle rule problem points into the bundle, not the scenario',
    input: bundleWith((b) => (b.block.transactions[2].maxPriorityFeePerGas = '0xffffffffffffffff')),
    message: 'block.transactions[2].maxPriorityFeePerGas: must not exceed maxFeePerGas (77477366455), got 18446744073709551615',
  },
  {
    name: 'a bundle account with a negative nonce is refused',
    input: bundleWith((b) => (b.prestate[Object.keys(b.prestate)[0]!].nonce = -1)),
    message: `prestate["${Object.keys(bundle.prestate)[0]}"].nonce: expected a non-negative quantity, got -1`,
  },
  {
    name: 'a bundle with a misspelt top-level key suggests the right one',
    input: bundleWith((b) => {
      b.blockhashes = b.blockHashes;
      delete b.blockHashes;
    }),
    message: 'blockhashes: unknown field (did you mean "blockHashes"?)',
  },
  {
    name: 'a bundle whose BLOCKHASH table contradicts the parent hash is refused',
    input: bundleWith((b) => (b.blockHashes = { '19426586': `0x${'00'.repeat(32)}` })),
    message: 'blockHashes["19426586"]: does not match block.parentHash',
  },
  {
    name: 'trusting senders needs every from field',
    input: bundleWith((b) => delete b.block.transactions[2].from),
    opts: { trustFrom: true },
    message: 'block.transactions[2].from: is required with --trust-from',
  },
  {
    name: 'errors carry the source name when one is given',
    input: bundleWith((b) => (b.block.miner = '0x12')),
    opts: { sourceName: '19426587.json' },
    message: '19426587.json: block.miner: expected a 20-byte address (40 hex digits), got 2 hex digits',
  },
];

describe('malformed input', () => {
  it.each(cases)('$name', ({ input, opts, message }) => {
    const error = thrownBy(() => loadScenarioFromJson(input, opts));
    expect(error).toBeInstanceOf(ScenarioError);
    expect(error.message).toBe(message);
  });

  it.each([
    ['{"name": "x",}', 'scenario.json: not valid JSON: Expected a double-quoted property name, found \'}\' at line 1 column 14'],
    ['{\n  "name": "x"\n  "chain": {}\n}', 'scenario.json: not valid JSON: Expected \',\' or \'}\' after property value at line 3 column 3'],
    ['{\n  "name": }', "scenario.json: not valid JSON: Unexpected token '}' at line 2 column 11"],
    ['{"name": "x', 'scenario.json: not valid JSON: Unterminated string at line 1 column 10'],
    ['[1, 2', 'scenario.json: not valid JSON: Unexpected end of input at line 1 column 6'],
    ['  \n', 'scenario.json: not valid JSON: the text is empty'],
  ])('bad JSON text %j is reported with its line and column', (text, message) => {
    const error = thrownBy(() => parseScenarioText(text, 'scenario.json'));
    expect(error).toBeInstanceOf(ScenarioError);
    expect(error.message).toBe(message);
  });
});

function thrownBy(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a ScenarioError, but nothing was thrown');
}
