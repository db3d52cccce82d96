/** MSTORE's and LOG's word conversion: the same 32 bytes as ethereumjs's own, on any 256-bit word. */
import { bigIntToBytes, bytesToHex, setLengthLeft } from '@ethereumjs/util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatePreset } from '../../workloads/presets/index.ts';
import { BaseState } from '../state/baseState.ts';
import { TxExecutor } from './executor.ts';
import { word32 } from './fastOpcodes.ts';

describe('word32', () => {
  it("gives setLengthLeft(bigIntToBytes(v), 32)'s bytes for every 256-bit word", () => {
    const library = (v: bigint) => bytesToHex(setLengthLeft(bigIntToBytes(v), 32));
    for (const v of [0n, 1n, 255n, 256n, (1n << 64n) - 1n, 1n << 64n, (1n << 128n) + 7n, (1n << 192n) - 1n, 1n << 192n, (1n << 256n) - 1n]) {
      expect(bytesToHex(word32(v)), `${v}`).toBe(library(v));
    }
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), (v) => {
        expect(bytesToHex(word32(v))).toBe(library(v));
      }),
      { numRuns: 2000 },
    );
    // Each word is a buffer of its own (memory and logs keep them).
    expect(word32(5n).buffer).not.toBe(word32(5n).buffer);
  });

  it('refuses what is not a 256-bit word, as the library does', () => {
    expect(() => word32(1n << 256n)).toThrow(RangeError);
    expect(() => setLengthLeft(bigIntToBytes(1n << 256n), 32)).toThrow();
  });

  it("is in every executor's opcode table (a library upgrade that moves it away fails here, not silently)", async () => {
    const scenario = generatePreset('erc20-airdrop', { txs: 10 }, 1);
    const executor = await TxExecutor.create(scenario, new BaseState(scenario));
    const table = (executor as unknown as { vm: { evm: { _opcodeMap: { opHandler: { name: string } }[] } } }).vm.evm._opcodeMap;
    expect(table[0x52].opHandler.name).toBe('mstore');
    for (let op = 0xa0; op <= 0xa4; op++) expect(table[op].opHandler.name).toBe('log');
  });
});
