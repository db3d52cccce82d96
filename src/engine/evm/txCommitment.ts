/**
 * What a block's transactions commit to, computed from the transactions as given: each one's hash (from its fields
 * and signature) and the block's transactions root (the trie of RLP(index) → the transaction's encoding). A bundle
 * whose transactions were altered, reordered, added or dropped passes every receipt check when the receipts happen to
 * agree; against the hashes and the root its data does not.
 */
import { RLP } from '@ethereumjs/rlp';
import { bytesToHex, bytesToUnprefixedHex } from '@ethereumjs/util';
import type { Hex, Scenario } from '../scenario/types.ts';
import { createCommon } from './chain.ts';
import { buildTx } from './transactions.ts';
import { trieRoot } from './trie.ts';

export interface TransactionCommitment {
  /** Each transaction's hash, in block order. */
  hashes: Hex[];
  transactionsRoot: Hex;
}

/** Undefined when a transaction is unsigned (a hand-written or generated scenario): it has no hash to check. */
export function transactionCommitment(scenario: Scenario): TransactionCommitment | undefined {
  if (scenario.transactions.some((t) => t.signature === undefined)) return undefined;
  const common = createCommon(scenario);
  const hashes: Hex[] = [];
  const entries: [string, Uint8Array][] = scenario.transactions.map((t, i) => {
    const tx = buildTx(t, common);
    hashes.push(bytesToHex(tx.hash()) as Hex);
    return [bytesToUnprefixedHex(RLP.encode(i)), tx.serialize()];
  });
  return { hashes, transactionsRoot: bytesToHex(trieRoot(entries)) as Hex };
}
