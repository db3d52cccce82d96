import { describe, expect, it } from 'vitest';
import { contractAddress, decodeRevertReason, encodeCall, keccak256, mappingSlot, nestedMappingSlot, pad32, quantity, selector } from './abi.ts';

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
  it('derives CREATE addresses across nonce encodings (RLP: zero, one byte, long)', () => {
    // The classic published example, then vectors from @ethereumjs/util 10.1.3 `createContractAddress` (only the EVM
    // layer imports @ethereumjs, so the oracle's answers are written down here).
    expect(contractAddress('0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0', 0n)).toBe('0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d');
    const from = '0x5e4d00000000000000000000000000000000abcd';
    const expected: [bigint, string][] = [
      [0n, '0x234aee120acdd53b1789d19e400b7390147a9a60'],
      [1n, '0x6f57f8bd6461603868c4e3cb582db86698808257'],
      [0x7fn, '0xa2eca06502b114d52c55a0f5a21d2766b65ef662'],
      [0x80n, '0xd08ac1c2408f43b6d8623a318a1980a0d56bbba5'],
      [0xffn, '0xf8d17c210f4f51a7d11f1bcc485e2d4f430d9c8c'],
      [0x100n, '0x025d8a6734ec394a0c99e0775a2b19b1634ec798'],
      [123456789n, '0xfed210c419e54908efca666b254ea62b8fca0e5c'],
      [(1n << 64n) - 2n, '0xc00d5887edc9e3ed8d1e08cd2ab2ae8639d909aa'],
    ];
    for (const [n, address] of expected) expect(contractAddress(from, n), `nonce ${n}`).toBe(address);
  });
});
