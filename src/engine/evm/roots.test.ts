import { MerklePatriciaTrie } from '@ethereumjs/mpt';
import { RLP } from '@ethereumjs/rlp';
import { KECCAK256_RLP, bigIntToUnpaddedBytes, bytesToHex, hexToBytes } from '@ethereumjs/util';
import { encodeReceipt } from '@ethereumjs/vm';
import { keccak_256 } from '@noble/hashes/sha3.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Receipt } from '../result.ts';
import type { Scenario } from '../scenario/types.ts';
import { createCommon } from './chain.ts';
import { type StateAccount, logsBloom, receiptsCommitment, stateRoot } from './roots.ts';

const hex = (bytes: number) => fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => bytesToHex(b).slice(2));
const account = fc.record({
  address: hex(20),
  nonce: fc.bigInt({ min: 0n, max: 1000n }),
  balance: fc.bigInt({ min: 0n, max: 10n ** 24n }),
  codeHash: hex(32),
  storage: fc.uniqueArray(fc.tuple(hex(32), fc.bigInt({ min: 1n, max: 2n ** 256n - 1n })), { selector: (s) => s[0], maxLength: 6 }).map((s) => new Map(s)),
});

/** The stock trie, one insert at a time: what the state root must equal. */
async function stockRoot(entries: [Uint8Array, Uint8Array][]): Promise<string> {
  const t = new MerklePatriciaTrie();
  for (const [k, v] of entries) await t.put(k, v);
  return bytesToHex(t.root());
}

async function stockStateRoot(accounts: StateAccount[]): Promise<string> {
  const entries: [Uint8Array, Uint8Array][] = [];
  for (const a of accounts) {
    const slots = [...a.storage].map(([s, v]): [Uint8Array, Uint8Array] => [keccak_256(hexToBytes(`0x${s}`)), RLP.encode(bigIntToUnpaddedBytes(v))]);
    const storageRoot = slots.length > 0 ? hexToBytes((await stockRoot(slots)) as `0x${string}`) : KECCAK256_RLP;
    const body = RLP.encode([bigIntToUnpaddedBytes(a.nonce), bigIntToUnpaddedBytes(a.balance), storageRoot, hexToBytes(`0x${a.codeHash}`)]);
    entries.push([keccak_256(hexToBytes(`0x${a.address}`)), body]);
  }
  return stockRoot(entries);
}

const scenario = { chain: { chainId: 1, hardfork: 'cancun' }, block: { number: '0x1', timestamp: '0x1' } } as unknown as Scenario;

describe('stateRoot', () => {
  it('equals the stock trie’s root for random states, reading each account once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(account, { selector: (a) => a.address, maxLength: 40 }), async (accounts) => {
        const byAddress = new Map(accounts.map((a) => [a.address, a]));
        const asked: string[] = [];
        const root = stateRoot({ addresses: accounts.map((a) => a.address), account: (addr) => (asked.push(addr), byAddress.get(addr)!) });
        expect(root).toBe(await stockStateRoot(accounts));
        expect(asked.sort()).toEqual(accounts.map((a) => a.address).sort());
      }),
      { numRuns: 150 },
    );
  });
});

describe('receiptsCommitment', () => {
  it('equals the stock trie of RLP(index) → encoded receipt, for blocks of up to 300 receipts', async () => {
    const common = createCommon(scenario);
    for (const n of [1, 2, 17, 127, 128, 129, 300]) {
      const receipts: Receipt[] = Array.from({ length: n }, (_, i) => ({
        status: (i % 3 === 0 ? 0 : 1) as 0 | 1,
        gasUsed: '0x5208',
        cumulativeGasUsed: `0x${(21000 * (i + 1)).toString(16)}`,
        logs: i % 5 === 0 ? [{ address: `0x${'11'.repeat(20)}`, topics: [`0x${'22'.repeat(32)}`], data: '0x1234' }] : [],
      }));
      const types = receipts.map((_, i) => i % 3);
      const { receiptsRoot } = receiptsCommitment(receipts, types, common);
      const entries = receipts.map((r, i): [Uint8Array, Uint8Array] => {
        const logs = r.logs.map((l) => [hexToBytes(l.address), l.topics.map((t) => hexToBytes(t)), hexToBytes(l.data)]);
        const bitvector = logsBloom(r.logs, common).bitvector;
        return [RLP.encode(i), encodeReceipt({ status: r.status, cumulativeBlockGasUsed: BigInt(r.cumulativeGasUsed), bitvector, logs } as never, types[i] as never)];
      });
      expect(receiptsRoot, `${n} receipts`).toBe(await stockRoot(entries));
    }
  });
});
