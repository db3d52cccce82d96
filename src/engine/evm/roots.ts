/** Block-level commitments: receipts root, logs bloom, state root. */
import type { Common } from '@ethereumjs/common';
import { RLP } from '@ethereumjs/rlp';
import { KECCAK256_RLP, bigIntToUnpaddedBytes, bytesToHex, hexToBytes } from '@ethereumjs/util';
import { keccak256 } from './keccak.ts';
import { type FlatKeys, trieRootOf } from './trie.ts';
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
  bloom.keccakFunction = keccak256; // the roots' hasher: a block of 16,000 logs spent ~1.5 s in the pure-JS one
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
  // Each receipt's bloom is made once, when the trie reaches the receipt (it asks for each value once), and folded
  // into the block's there.
  const blockBloom = new Uint8Array(256);
  const root = trieRootOf(indexKeys(receipts.length), (i) => {
    const r = receipts[i];
    const logs = r.logs.map((l) => [hexToBytes(l.address), l.topics.map((t) => hexToBytes(t)), hexToBytes(l.data)]);
    const bitvector = r.logs.length > 0 ? logsBloom(r.logs, common).bitvector : EMPTY_BLOOM;
    if (bitvector !== EMPTY_BLOOM) for (let k = 0; k < 256; k++) blockBloom[k] |= bitvector[k];
    const fields = { status: r.status, cumulativeBlockGasUsed: BigInt(r.cumulativeGasUsed), bitvector, logs };
    return encodeReceipt((r.root === undefined ? fields : { ...fields, stateRoot: hexToBytes(r.root) }) as never, txTypes[i] as never);
  });
  return { receiptsRoot: bytesToHex(root) as Hex, logsBloom: bytesToHex(blockBloom) as Hex };
}

/** The bloom of a receipt without logs (read only). */
const EMPTY_BLOOM = new Uint8Array(256);

/** The keys of an index trie (receipts, transactions): RLP(0) … RLP(count - 1). */
function indexKeys(count: number): FlatKeys {
  const width = 4; // RLP of an index below 2^24
  const keys: FlatKeys = { bytes: new Uint8Array(width * count), width, count, lengths: new Uint8Array(count) };
  for (let i = 0; i < count; i++) {
    const k = RLP.encode(i);
    keys.bytes.set(k, i * width);
    keys.lengths![i] = k.length;
  }
  return keys;
}

/** A post-state read one account at a time, so that the state root of 200,000 accounts never holds them all. */
export interface PostStateReader {
  /** Every account of the post-state: unprefixed hex addresses. */
  readonly addresses: readonly string[];
  account(address: string): StateAccount;
}

/** The Merkle-Patricia state root of a full post-state. Each account is read and encoded when the trie reaches it. */
export function stateRoot(post: PostStateReader): Hex {
  const { addresses } = post;
  const keys: FlatKeys = { bytes: new Uint8Array(32 * addresses.length), width: 32, count: addresses.length };
  addresses.forEach((a, i) => keys.bytes.set(keccak256(hexToBytes(`0x${a}`)), 32 * i));
  return bytesToHex(trieRootOf(keys, (i) => accountBody(post.account(addresses[i])))) as Hex;
}

function accountBody(a: StateAccount): Uint8Array {
  let storageRoot = KECCAK256_RLP;
  if (a.storage.size > 0) {
    const slots = [...a.storage];
    const keys: FlatKeys = { bytes: new Uint8Array(32 * slots.length), width: 32, count: slots.length };
    slots.forEach(([slot], i) => keys.bytes.set(keccak256(hexToBytes(`0x${slot}`)), 32 * i));
    storageRoot = trieRootOf(keys, (i) => RLP.encode(bigIntToUnpaddedBytes(slots[i][1])));
  }
  return RLP.encode([bigIntToUnpaddedBytes(a.nonce), bigIntToUnpaddedBytes(a.balance), storageRoot, hexToBytes(`0x${a.codeHash}`)]);
}
