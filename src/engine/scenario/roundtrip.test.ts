import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundleToScenario } from './bundle.ts';
import { forkAtLeast } from './hardforks.ts';
import { parseScenario, parseScenarioText } from './schema.ts';
import { serializeScenario } from './serialize.ts';
import { compact } from './shapes.ts';
import type { Address, BlockEnv, Hex, Scenario, ScenarioTx } from './types.ts';

const toHex = (bytes: Uint8Array): Hex => `0x${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
const quantity = (max: bigint) => fc.bigInt({ min: 0n, max }).map((n): Hex => `0x${n.toString(16)}`);
const U64 = 2n ** 64n - 1n;
const U256 = 2n ** 256n - 1n;
const bytesOf = (n: number) => fc.uint8Array({ minLength: n, maxLength: n }).map(toHex);
const address = bytesOf(20) as fc.Arbitrary<Address>;
const bytes32 = bytesOf(32);
const data = fc.uint8Array({ maxLength: 40 }).map(toHex);
const text = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== '');
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const GAS_LIMIT = 30_000_000n;
const FORKS = ['istanbul', 'muirGlacier', 'berlin', 'london', 'paris', 'shanghai', 'cancun', 'prague'];

function blockFor(hardfork: string): fc.Arbitrary<BlockEnv> {
  const since = <T>(fork: string, arb: fc.Arbitrary<T>) => (forkAtLeast(hardfork, fork) ? optional(arb) : fc.constant(undefined));
  return fc
    .record({
      number: quantity(U64),
      timestamp: quantity(U64),
      coinbase: address,
      gasLimit: fc.bigInt({ min: GAS_LIMIT, max: U64 }).map((n): Hex => `0x${n.toString(16)}`),
      baseFeePerGas: forkAtLeast(hardfork, 'london') ? quantity(U256) : fc.constant(undefined),
      difficulty: optional(quantity(U256)),
      prevRandao: since('paris', bytes32),
      parentBeaconBlockRoot: since('cancun', bytes32),
      excessBlobGas: since('cancun', quantity(U64)),
      withdrawals: since('shanghai', fc.array(fc.record({ index: quantity(U64), validatorIndex: quantity(U64), address, amount: quantity(U64) }), { maxLength: 3 })),
      uncles: forkAtLeast(hardfork, 'paris') ? optional(fc.constant<{ number: Hex; coinbase: Address }[]>([])) : optional(fc.array(fc.record({ number: quantity(U64), coinbase: address }), { maxLength: 2 })),
      blockHashes: fc.dictionary(fc.bigInt({ min: 0n, max: U64 }).map(String), bytes32, { maxKeys: 3 }),
    })
    .map(compact);
}

function txFor(hardfork: string, chainId: number): fc.Arbitrary<ScenarioTx> {
  const types = ([0, 1, 2] as const).filter((t) => t === 0 || forkAtLeast(hardfork, t === 1 ? 'berlin' : 'london'));
  const fees = (type: 0 | 1 | 2) =>
    type === 2
      ? fc.tuple(fc.bigInt({ min: 0n, max: U256 }), fc.bigInt({ min: 0n, max: U256 })).map(([a, b]) => ({
          maxFeePerGas: `0x${(a > b ? a : b).toString(16)}` as Hex,
          maxPriorityFeePerGas: `0x${(a > b ? b : a).toString(16)}` as Hex,
        }))
      : quantity(U256).map((gasPrice) => ({ gasPrice }));
  const sender = fc.oneof(
    fc.record({ from: address }),
    fc.record({ signature: fc.record({ v: quantity(U64), r: quantity(U256), s: quantity(U256) }) }),
    fc.record({ from: address, signature: fc.record({ v: quantity(U64), r: quantity(U256), s: quantity(U256) }) }),
  );
  return fc.constantFrom(...types).chain((type) =>
    fc
      .record({
        common: fc.record({
          type: fc.constant(type),
          to: fc.option(address, { nil: null }),
          nonce: quantity(U64),
          value: quantity(U256),
          input: data,
          gas: fc.bigInt({ min: 21000n, max: GAS_LIMIT }).map((n): Hex => `0x${n.toString(16)}`),
          accessList: type === 0 ? fc.constant(undefined) : optional(fc.array(fc.record({ address, storageKeys: fc.array(bytes32, { maxLength: 2 }) }), { maxLength: 2 })),
          chainId: optional(fc.constant(`0x${chainId.toString(16)}` as Hex)),
          hash: optional(bytes32),
          label: optional(text),
        }),
        fees: fees(type),
        sender,
      })
      .map(({ common, fees, sender }) => compact({ ...common, ...fees, ...sender }) as ScenarioTx),
  );
}

const account = fc
  .record({
    balance: quantity(U256),
    nonce: quantity(U64),
    code: optional(data),
    storage: optional(fc.dictionary(bytes32, quantity(U256), { maxKeys: 3 })),
  })
  .map(compact);

/** Any valid, normalised scenario. */
const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({ hardfork: fc.constantFrom(...FORKS), chainId: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }) })
  .chain(({ hardfork, chainId }) =>
    fc.record({
      version: fc.constant(1 as const),
      name: text,
      description: optional(text),
      chain: fc.constant({ chainId, hardfork }),
      block: blockFor(hardfork),
      preState: fc.dictionary(address, account, { maxKeys: 4 }),
      transactions: fc.array(txFor(hardfork, chainId), { maxLength: 4 }),
      expected: optional(fc.record({ gasUsed: quantity(U64), receiptsRoot: bytes32, logsBloom: bytesOf(256), stateRoot: optional(bytes32) }).map(compact)),
    }),
  )
  // Plain JSON data, as a file gives it (fast-check may build null-prototype objects).
  .map((s) => JSON.parse(JSON.stringify(s)) as Scenario);

describe('serializeScenario and parseScenario', () => {
  it('round-trip any valid scenario unchanged', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        expect(parseScenario(s)).toStrictEqual(s);
        expect(parseScenarioText(serializeScenario(s))).toStrictEqual(s);
      }),
      { numRuns: 300 },
    );
  });

  it('serialise equal scenarios to the same text whatever their key order', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const shuffled = JSON.parse(JSON.stringify(s, (_key, value) => (value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value)));
        expect(serializeScenario(parseScenario(shuffled))).toBe(serializeScenario(s));
      }),
      { numRuns: 100 },
    );
  });

  it('normalise other spellings of a quantity to the same scenario', () => {
    const respell = fc.constantFrom(
      (h: Hex) => BigInt(h).toString(),
      (h: Hex) => `0x000${h.slice(2).toUpperCase()}`,
      (h: Hex) => (BigInt(h) <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(BigInt(h)) : h),
    );
    fc.assert(
      fc.property(scenarioArb, respell, (s, spell) => {
        const input = structuredClone(s) as any;
        for (const tx of input.transactions) [tx.nonce, tx.value, tx.gas] = [spell(tx.nonce), spell(tx.value), spell(tx.gas)];
        input.block.number = spell(input.block.number);
        expect(parseScenario(input)).toStrictEqual(s);
      }),
      { numRuns: 100 },
    );
  });

  it('round-trip the example scenario and a mainnet block', () => {
    const example = parseScenarioText(readFileSync(new URL('../../../examples/counter-demo.json', import.meta.url), 'utf8'));
    expect(parseScenarioText(serializeScenario(example))).toStrictEqual(example);
    const bundle = JSON.parse(readFileSync(new URL('../../../../shared/data/mainnet/19426587.json', import.meta.url), 'utf8'));
    const block = bundleToScenario(bundle, { trustFrom: true });
    expect(parseScenarioText(serializeScenario(block))).toStrictEqual(block);
  });

  it('write fields in the documented order and end with a newline', () => {
    const text = serializeScenario(parseScenarioText(readFileSync(new URL('../../../examples/counter-demo.json', import.meta.url), 'utf8')));
    expect(Object.keys(JSON.parse(text))).toEqual(['version', 'name', 'description', 'chain', 'block', 'preState', 'transactions']);
    expect(Object.keys(JSON.parse(text).transactions[0]).slice(0, 3)).toEqual(['type', 'label', 'from']);
    expect(text.endsWith('}\n')).toBe(true);
  });
});
