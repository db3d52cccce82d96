/** Block-level commitments: receipts root, logs bloom, state root. */
import type { Common } from '@ethereumjs/common';
import { RLP } from '@ethereumjs/rlp';
import { KECCAK256_RLP, bigIntToUnpaddedBytes, bytesToHex, bytesToUnprefixedHex, hexToBytes } from '@ethereumjs/util';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { type TrieValue, trieRoot } from './trie.ts';
import { Bloom, encodeReceipt } from '@ethereumjs/vm';
import type { Log, Receipt } from '../result.ts';
import type { Hex } from '../scenario/types.ts';

export interface StateAccount {
  address: string;
  nonce: bigint;
  balance: bigint;
  codeHash: string;
  storage: Map<string, bigint>;
}

export function logsBloom(logs: Log[], common: Common): Bloom {
  const bloom = new Bloom(undefined, common);
  for (const log of logs) {
    bloom.add(hexToBytes(log.address));
    for (const topic of log.topics) bloom.add(hexToBytes(topic));
  }
  return bloom;
}

/**
 * Receipts root (EIP-2718 typed receipts) and the block's logs bloom. Each receipt is encoded when the trie reaches
 * it, not all up front (100,000 encoded receipts, a 256-byte bloom in each: ~40 MB held at once).
 */
export function receiptsCommitment(receipts: Receipt[], txTypes: number[], common: Common): { receiptsRoot: Hex; logsBloom: Hex } {
  const blockBloom = new Bloom(undefined, common);
  for (const r of receipts) if (r.logs.length > 0) blockBloom.or(logsBloom(r.logs, common));
  const entries: [string, TrieValue][] = receipts.map((r, i) => [
    bytesToUnprefixedHex(RLP.encode(i)),
    () => {
      const logs = r.logs.map((l) => [hexToBytes(l.address), l.topics.map((t) => hexToBytes(t)), hexToBytes(l.data)]);
      const bitvector = r.logs.length > 0 ? logsBloom(r.logs, common).bitvector : EMPTY_BLOOM;
      return encodeReceipt({ status: r.status, cumulativeBlockGasUsed: BigInt(r.cumulativeGasUsed), bitvector, logs } as never, txTypes[i] as never);
    },
  ]);
  return { receiptsRoot: bytesToHex(trieRoot(entries)) as Hex, logsBloom: bytesToHex(blockBloom.bitvector) as Hex };
}

/** The bloom of a receipt without logs (read only). */
const EMPTY_BLOOM = new Uint8Array(256);

/** The Merkle-Patricia state root of a full post-state. Each account is encoded when the trie reaches it. */
export function stateRoot(accounts: StateAccount[]): Hex {
  const entries: [string, TrieValue][] = accounts.map((a) => [hashHex(a.address), () => accountBody(a)]);
  return bytesToHex(trieRoot(entries)) as Hex;
}

function accountBody(a: StateAccount): Uint8Array {
  let storageRoot = KECCAK256_RLP;
  if (a.storage.size > 0) {
    const slots: [string, Uint8Array][] = [];
    for (const [slot, value] of a.storage) slots.push([hashHex(slot), RLP.encode(bigIntToUnpaddedBytes(value))]);
    storageRoot = trieRoot(slots);
  }
  return RLP.encode([bigIntToUnpaddedBytes(a.nonce), bigIntToUnpaddedBytes(a.balance), storageRoot, hexToBytes(`0x${a.codeHash}`)]);
}

/** keccak256 of an unprefixed hex string's bytes, as unprefixed hex (the secure trie's key). */
const hashHex = (hex: string): string => bytesToUnprefixedHex(keccak_256(hexToBytes(`0x${hex}`)));
