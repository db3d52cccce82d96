/** Block-level commitments: receipts root, logs bloom, state root. */
import type { Common } from '@ethereumjs/common';
import { MerklePatriciaTrie } from '@ethereumjs/mpt';
import { RLP } from '@ethereumjs/rlp';
import { KECCAK256_RLP, bigIntToUnpaddedBytes, bytesToHex, hexToBytes } from '@ethereumjs/util';
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
export async function receiptsCommitment(
  receipts: Receipt[],
  txTypes: number[],
  common: Common,
): Promise<{ receiptsRoot: Hex; logsBloom: Hex }> {
  const blockBloom = new Bloom(undefined, common);
  const trie = new MerklePatriciaTrie({ common });
  for (let i = 0; i < receipts.length; i++) {
    const r = receipts[i];
    const bloom = logsBloom(r.logs, common);
    blockBloom.or(bloom);
    const logs = r.logs.map((l) => [hexToBytes(l.address), l.topics.map((t) => hexToBytes(t)), hexToBytes(l.data)]);
    const encoded = encodeReceipt(
      { status: r.status, cumulativeBlockGasUsed: BigInt(r.cumulativeGasUsed), bitvector: bloom.bitvector, logs } as never,
      txTypes[i] as never,
    );
    await trie.put(RLP.encode(i), encoded);
  }
  return {
    receiptsRoot: (receipts.length === 0 ? bytesToHex(KECCAK256_RLP) : bytesToHex(trie.root())) as Hex,
    logsBloom: bytesToHex(blockBloom.bitvector) as Hex,
  };
}

/** The Merkle-Patricia state root of a full post-state. */
export async function stateRoot(accounts: StateAccount[], common: Common): Promise<Hex> {
  const trie = new MerklePatriciaTrie({ common, useKeyHashing: true });
  for (const a of accounts) {
    let storageRoot = KECCAK256_RLP;
    if (a.storage.size > 0) {
      const st = new MerklePatriciaTrie({ common, useKeyHashing: true });
      for (const [slot, value] of a.storage) {
        await st.put(hexToBytes(`0x${slot}`), RLP.encode(bigIntToUnpaddedBytes(value)));
      }
      storageRoot = st.root();
    }
    const body = RLP.encode([
      bigIntToUnpaddedBytes(a.nonce),
      bigIntToUnpaddedBytes(a.balance),
      storageRoot,
      hexToBytes(`0x${a.codeHash}`),
    ]);
    await trie.put(hexToBytes(`0x${a.address}`), body);
  }
  return bytesToHex(trie.root()) as Hex;
}
