import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from './errors.ts';
import { parseScenario, parseScenarioText, safeParseScenario } from './schema.ts';

const exampleText = readFileSync(new URL('../../../examples/counter-demo.json', import.meta.url), 'utf8');

const A = '0x00000000000000000000000000000000000000aa';
const B = '0x00000000000000000000000000000000000000bb';

/** The smallest scenario this schema accepts, with `tx` as its one transaction. */
function minimal(tx: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return {
    name: 'minimal',
    chain: { chainId: 1, hardfork: 'berlin' },
    block: { number: 1, timestamp: 2, coinbase: B, gasLimit: 30_000_000 },
    preState: { [A]: { balance: '1000000000000000000' } },
    transactions: [{ from: A, to: B, nonce: 0, gas: 21000, gasPrice: 1, ...tx }],
    ...extra,
  };
}

describe('parseScenario', () => {
  it('accepts the example scenario the docs use', () => {
    const s = parseScenarioText(exampleText, 'counter-demo.json');
    expect(s.chain).toEqual({ chainId: 1, hardfork: 'cancun' });
    expect(s.transactions).toHaveLength(3);
    expect(s.transactions.every((tx) => tx.type === 2)).toBe(true);
  });

  it('fills in version 1, empty blockHashes, zero value, empty input and zero nonce', () => {
    const s = parseScenario(minimal());
    expect(s.version).toBe(1);
    expect(s.block.blockHashes).toEqual({});
    expect(s.transactions[0]).toMatchObject({ value: '0x0', input: '0x' });
    expect(s.preState[A]!.nonce).toBe('0x0');
  });

  it('turns decimal numbers and decimal strings into hex quantities', () => {
    const s = parseScenario(minimal());
    expect(s.block).toMatchObject({ number: '0x1', timestamp: '0x2', gasLimit: '0x1c9c380' });
    expect(s.transactions[0]).toMatchObject({ nonce: '0x0', gas: '0x5208', gasPrice: '0x1' });
    expect(s.preState[A]!.balance).toBe('0xde0b6b3a7640000');
  });

  it('lowercases hex and drops leading zeros from quantities', () => {
    const s = parseScenario(minimal({ value: '0x00FF', input: '0xABcd', to: B.toUpperCase().replace('0X', '0x') }));
    expect(s.transactions[0]).toMatchObject({ value: '0xff', input: '0xabcd', to: B });
    expect(parseScenario(minimal({ value: '0x0000' })).transactions[0]!.value).toBe('0x0');
  });

  it('pads storage slots to 32 bytes and strips leading zeros from storage values', () => {
    const s = parseScenario(minimal({}, { preState: { [A]: { balance: 1, storage: { '0x1': `0x${'0'.repeat(63)}7`, '0x00': '0x0' } } } }));
    expect(s.preState[A]!.storage).toEqual({ [`0x${'0'.repeat(63)}1`]: '0x7', [`0x${'0'.repeat(64)}`]: '0x0' });
  });

  it('keys pre-state accounts by their lowercase address', () => {
    const upper = `0x${'AB'.repeat(20)}`;
    const s = parseScenario(minimal({}, { preState: { [upper]: { balance: 1 } } }));
    expect(Object.keys(s.preState)).toEqual([upper.toLowerCase()]);
  });

  it('defaults the transaction type from its fee fields', () => {
    const cancun = (tx: Record<string, unknown>) =>
      parseScenario(minimal(tx, { chain: { chainId: 1, hardfork: 'cancun' }, block: { number: 1, timestamp: 2, coinbase: B, gasLimit: 30_000_000, baseFeePerGas: 7 } })).transactions[0]!.type;
    expect(cancun({})).toBe(0);
    expect(cancun({ accessList: [] })).toBe(1);
    expect(cancun({ gasPrice: undefined, maxFeePerGas: 2, maxPriorityFeePerGas: 1 })).toBe(2);
    expect(cancun({ type: '0x1' })).toBe(1);
  });

  it('accepts a signature instead of a sender', () => {
    const s = parseScenario(minimal({ from: undefined, signature: { v: '0x25', r: '0x01', s: '0x2' } }));
    expect(s.transactions[0]!.signature).toEqual({ v: '0x25', r: '0x1', s: '0x2' });
    expect(s.transactions[0]!.from).toBeUndefined();
  });

  it('leaves absent optional fields absent rather than undefined', () => {
    const tx = parseScenario(minimal()).transactions[0]!;
    expect(Object.keys(tx).sort()).toEqual(['from', 'gas', 'gasPrice', 'input', 'nonce', 'to', 'type', 'value']);
  });

  it('accepts contract creation with to: null', () => {
    expect(parseScenario(minimal({ to: null, input: '0x6000' })).transactions[0]!.to).toBeNull();
  });
});

describe('safeParseScenario', () => {
  it('returns the scenario when it is valid', () => {
    const result = safeParseScenario(minimal());
    expect(result.ok && result.scenario.name).toBe('minimal');
  });

  it('returns every problem at once, one per line, and never a stack trace', () => {
    const result = safeParseScenario(minimal({ gas: 'lots', to: '0x12' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(ScenarioError);
    expect(result.error.issues).toEqual([
      { path: 'transactions[0].to', message: 'expected a 20-byte address (40 hex digits), got 2 hex digits' },
      { path: 'transactions[0].gas', message: 'expected a hex quantity, got "lots"' },
    ]);
    expect(result.error.message.split('\n')).toHaveLength(2);
    expect(result.error.message).not.toMatch(/\bat \w+ \(/);
  });
});
