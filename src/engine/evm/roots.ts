/** Block-level commitments: receipts root, logs bloom, state root. */
import type { Common } from '@ethereumjs/common';
import { RLP } from '@ethereumjs/rlp';
import { KECCAK256_RLP, bigIntToUnpaddedBytes, bytesToHex, bytesToUnprefixedHex, hexToBytes } from '@ethereumjs/util';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { trieRoot } from './trie.ts';
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

/** Receipts root (EIP-2718 typed receipts) and the block's logs bloom. */
export function receiptsCommitment(receipts: Receipt[], txTypes: number[], common: Common): { receiptsRoot: Hex; logsBloom: Hex } {
  const blockBloom = new Bloom(undefined, common);
  const entries: [string, Uint8Array][] = receipts.map((r, i) => {
    const bloom = logsBloom(r.logs, common);
    blockBloom.or(bloom);
    const logs = r.logs.map((l) => [hexToBytes(l.address), l.topics.map((t) => hexToBytes(t)), hexToBytes(l.data)]);
    const encoded = encodeReceipt(
      { status: r.status, cumulativeBlockGasUsed: BigInt(r.cumulativeGasUsed), bitvector: bloom.bitvector, logs } as never,
      txTypes[i] as never,
    );
    return [bytesToUnprefixedHex(RLP.encode(i)), encoded];
  });
  return { receiptsRoot: bytesToHex(trieRoot(entries)) as Hex, logsBloom: bytesToHex(blockBloom.bitvector) as Hex };
}

/** The Merkle-Patricia state root of a full post-state. */
export function stateRoot(accounts: StateAccount[]): Hex {
  const entries: [string, Uint8Array][] = accounts.map((a) => {
    let storageRoot = KECCAK256_RLP;
    if (a.storage.size > 0) {
      const slots: [string, Uint8Array][] = [];
      for (const [slot, value] of a.storage) slots.push([hashHex(slot), RLP.encode(bigIntToUnpaddedBytes(value))]);
      storageRoot = trieRoot(slots);
    }
    const body = RLP.encode([
      bigIntToUnpaddedBytes(a.nonce),
      bigIntToUnpaddedBytes(a.balance),
      storageRoot,
      hexToBytes(`0x${a.codeHash}`),
    ]);
    return [hashHex(a.address), body];
  });
  return bytesToHex(trieRoot(entries)) as Hex;
}

/** keccak256 of an unprefixed hex string's bytes, as unprefixed hex (the secure trie's key). */
const hashHex = (hex: string): string => bytesToUnprefixedHex(keccak_256(hexToBytes(`0x${hex}`)));
