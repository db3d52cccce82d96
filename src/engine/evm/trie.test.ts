import { MerklePatriciaTrie } from '@ethereumjs/mpt';
import { bytesToHex, hexToBytes } from '@ethereumjs/util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trieRoot } from './trie.ts';

async function reference(entries: [string, Uint8Array][]): Promise<string> {
  const t = new MerklePatriciaTrie();
  for (const [k, v] of entries) await t.put(hexToBytes(`0x${k}`), v);
  return bytesToHex(t.root());
}

const hexKey = (bytes: number) => fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => bytesToHex(b).slice(2));

describe('trieRoot', () => {
  it('is the empty-trie root for no entries', async () => {
    expect(bytesToHex(trieRoot([]))).toBe(await reference([]));
  });

  it('equals the ethereumjs trie root for any set of equal-length keys and values', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 32 }).chain((len) =>
          fc.uniqueArray(fc.tuple(hexKey(len), fc.uint8Array({ minLength: 1, maxLength: 80 })), { selector: (e) => e[0], maxLength: 60 }),
        ),
        async (entries) => {
          expect(bytesToHex(trieRoot(entries))).toBe(await reference(entries));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('embeds short nodes and hashes long ones the same way ethereumjs does (one-byte keys)', async () => {
    const entries: [string, Uint8Array][] = [['01', new Uint8Array([1])], ['02', new Uint8Array([2])], ['10', new Uint8Array([3])]];
    expect(bytesToHex(trieRoot(entries))).toBe(await reference(entries));
  });
});
