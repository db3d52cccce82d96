import { describe, expect, it } from 'vitest';
import { decodeRevertReason, encodeCall, keccak256, mappingSlot, nestedMappingSlot, pad32, quantity, selector } from './abi.ts';

describe('abi helpers', () => {
  it('compute well-known selectors and hashes', () => {
    expect(selector('transfer(address,uint256)')).toBe('0xa9059cbb');
    expect(selector('balanceOf(address)')).toBe('0x70a08231');
    expect(keccak256('0x')).toBe('0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
  });

  it('encode static arguments as left-padded words', () => {
    const to = '0x00000000000000000000000000000000000000aa';
    expect(encodeCall('transfer(address,uint256)', [to, 5n])).toBe(`0xa9059cbb${'0'.repeat(62)}aa${'0'.repeat(63)}5`);
    expect(() => pad32(-1n)).toThrow();
    expect(() => pad32(1n << 256n)).toThrow();
  });

  it('derive mapping slots as keccak256(pad32(key) ++ pad32(slot))', () => {
    expect(mappingSlot(0n, 0n)).toBe('0xad3228b676f7d3cd4284a5443f17f1962b36e491b30a40b2405849e597ba5fb5');
    expect(nestedMappingSlot(1n, 2n, 3n)).toBe(mappingSlot(2n, mappingSlot(1n, 3n)));
  });

  it('write quantities without leading zeros', () => {
    expect(quantity(0n)).toBe('0x0');
    expect(quantity(255)).toBe('0xff');
  });

  it('decode an Error(string) revert reason', () => {
    const msg = 'hello';
    const data = `0x08c379a0${pad32(32).slice(2)}${pad32(msg.length).slice(2)}${Buffer.from(msg).toString('hex').padEnd(64, '0')}` as const;
    expect(decodeRevertReason(data)).toBe(msg);
    expect(decodeRevertReason('0x')).toBeUndefined();
  });
});

describe('contractAddress', () => {
  it('matches @ethereumjs/util createContractAddress across nonce encodings', async () => {
    const { createAddressFromString, createContractAddress } = await import('@ethereumjs/util');
    const { contractAddress } = await import('./abi.ts');
    const from = '0x5e4d00000000000000000000000000000000abcd';
    for (const n of [0n, 1n, 0x7fn, 0x80n, 0xffn, 0x100n, 123456789n, (1n << 64n) - 2n]) {
      expect(contractAddress(from, n)).toBe(createContractAddress(createAddressFromString(from), n).toString());
    }
  });
});
