import { describe, expect, it } from 'vitest';
import { accountKey, coinbaseKey, describeKey, slotKey } from './keys.ts';

const ADDR = '9001000000000000000000000000000000000000';
const SLOT = '0000000000000000000000000000000000000000000000000000000000000002';

describe('state keys', () => {
  it('describeKey names the account field, code, storage generation or slot', () => {
    expect(describeKey(`a${ADDR}`)).toBe('0x9001…0000.account');
    expect(describeKey(`c${ADDR}`)).toBe('0x9001…0000.code');
    expect(describeKey(`w${ADDR}`)).toBe('0x9001…0000.storageGeneration');
    expect(describeKey(slotKey(ADDR, SLOT, 0))).toBe('0x9001…0000[0x2]');
    expect(describeKey(slotKey(ADDR, SLOT, 1))).toBe('0x9001…0000[0x2]');
    expect(describeKey(`s${ADDR}${'0'.repeat(64)}`)).toBe('0x9001…0000[0x0]');
    expect(describeKey(`s${ADDR}${'ab'.repeat(32)}`)).toBe('0x9001…0000[0xababab…abab]');
  });

  it('describeKey shows anything not in the key format as it is (labels, abort causes)', () => {
    expect(describeKey('xyz')).toBe('xyz');
    expect(describeKey('')).toBe('');
    expect(describeKey('pool reserves')).toBe('pool reserves');
    expect(describeKey(`a${ADDR.slice(0, 20)}`)).toBe(`a${ADDR.slice(0, 20)}`);
  });

  it('coinbaseKey is the account key of the block fee recipient, from a scenario or an address in any spelling', () => {
    const lower = 'c0ffee0000000000000000000000000000000abc';
    expect(coinbaseKey(`0x${lower}`)).toBe(accountKey(lower));
    expect(coinbaseKey(`0x${lower.toUpperCase()}`)).toBe(accountKey(lower));
    expect(coinbaseKey(lower)).toBe(accountKey(lower));
    expect(coinbaseKey({ block: { coinbase: `0X${lower.toUpperCase()}` } })).toBe(accountKey(lower));
  });
});
