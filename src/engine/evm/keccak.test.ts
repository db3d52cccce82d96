/** keccak-256 of the roots and of the EVM: the WebAssembly path and the pure-JS one give the same bytes, on any input. */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex } from '@ethereumjs/util';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePreset } from '../../workloads/presets/index.ts';
import { createCommon } from './chain.ts';
import { keccak256, keccakReady, useJsKeccak } from './keccak.ts';

describe('keccak256', () => {
  afterAll(() => keccakReady());

  it('loads the WebAssembly hasher in Node, and it agrees with @noble/hashes on any input', async () => {
    expect(await keccakReady()).toBe('wasm');
    // The empty input's hash is the empty code hash (and the vector everybody checks).
    expect(bytesToHex(keccak256(new Uint8Array(0)))).toBe('0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 700 }), (data) => {
        expect(bytesToHex(keccak256(data))).toBe(bytesToHex(keccak_256(data)));
      }),
      { numRuns: 500 },
    );
    // Rate-boundary lengths (136-byte blocks) and one long input.
    for (const n of [135, 136, 137, 271, 272, 273, 100_000]) {
      const data = new Uint8Array(n).map((_, i) => (i * 31 + n) & 0xff);
      expect(bytesToHex(keccak256(data)), `${n} bytes`).toBe(bytesToHex(keccak_256(data)));
    }
  });

  it('before the hasher is loaded, the pure-JS path answers (same bytes)', () => {
    useJsKeccak();
    const data = new Uint8Array([1, 2, 3]);
    expect(bytesToHex(keccak256(data))).toBe(bytesToHex(keccak_256(data)));
  });

  it("is the chain's keccak: the KECCAK256 opcode, CREATE2 addresses and transaction hashes go through it", () => {
    const common = createCommon(generatePreset('erc20-airdrop', { txs: 10 }, 1));
    expect(common.customCrypto.keccak256).toBe(keccak256);
  });
});
