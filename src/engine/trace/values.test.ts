import { describe, expect, it } from 'vitest';
import { EMPTY_CODE_HASH } from '../evm/keys.ts';
import { traceValue } from './values.ts';

describe('traceValue', () => {
  it('writes a slot value as 0x hex, so the trace survives JSON', () => {
    expect(traceValue(0n)).toBe('0x0');
    expect(traceValue(255n)).toBe('0xff');
  });

  it('writes an account as its fields in hex, leaving out the empty-code hash', () => {
    expect(traceValue({ nonce: 3n, balance: 10n ** 18n, codeHash: EMPTY_CODE_HASH })).toEqual({ nonce: '0x3', balance: '0xde0b6b3a7640000' });
    expect(traceValue({ nonce: 1n, balance: 0n, codeHash: 'ab'.repeat(32) })).toEqual({ nonce: '0x1', balance: '0x0', codeHash: `0x${'ab'.repeat(32)}` });
  });

  it('keeps an absent account (null), a code hash and a storage generation', () => {
    expect(traceValue(null)).toBeNull();
    expect(traceValue('cd'.repeat(32))).toBe(`0x${'cd'.repeat(32)}`);
    expect(traceValue(2)).toBe(2);
  });
});
