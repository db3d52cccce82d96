/**
 * Before Byzantium (EIP-658) a receipt carries the state root after its transaction instead of a status. The engine
 * keeps one state per block, so the run records each committed transaction's writes (`Committer.keepWrites`) and these
 * roots are made afterwards, off the critical path: the writes replayed in order onto a Merkle trie of the pre-state
 * (ethereumjs's `MerkleStateManager`, updated key by key as a node's trie is), one root after each transaction.
 */
import { MerkleStateManager } from '@ethereumjs/statemanager';
import { bigIntToUnpaddedBytes, bytesToHex, createAddressFromString, hexToBytes } from '@ethereumjs/util';
import type { Hex } from '../scenario/types.ts';
import type { BaseState } from '../state/baseState.ts';
import { CommittedState } from '../state/committedState.ts';
import { type AccountValue, EMPTY_CODE_HASH, type StateKey, accountKey, codeKey, genKey, keyAddress, keyKind, parseSlotKey } from './keys.ts';
import type { WriteSet } from './stateView.ts';

type TxWrites = Pick<WriteSet, 'writes' | 'deltas' | 'codes'>;

/** The state root after each transaction of `txWrites`, on `base`. */
export async function intermediateRoots(base: BaseState, txWrites: readonly TxWrites[]): Promise<Hex[]> {
  const state = new CommittedState(base);
  const trie = new MerkleStateManager();
  await update(trie, state, [...base.values.keys()]);
  const roots: Hex[] = [];
  for (const w of txWrites) {
    state.apply(w);
    await update(trie, state, [...w.writes.map(([k]) => k), ...w.deltas.map(([k]) => k)]);
    roots.push(bytesToHex(await trie.getStateRoot()) as Hex);
  }
  return roots;
}

/** Puts the accounts `keys` name into the trie as `state` has them now: the account, its code, its storage. */
async function update(trie: MerkleStateManager, state: CommittedState, keys: readonly StateKey[]): Promise<void> {
  const byAccount = new Map<string, StateKey[]>();
  for (const key of keys) {
    const addr = keyAddress(key);
    const list = byAccount.get(addr);
    if (list) list.push(key);
    else byAccount.set(addr, [key]);
  }
  for (const [addr, touched] of byAccount) {
    const address = createAddressFromString(`0x${addr}`);
    const acct = state.read(accountKey(addr)) as AccountValue | null;
    if (acct === null) {
      if (await trie.getAccount(address)) await trie.deleteAccount(address);
      continue;
    }
    const existed = (await trie.getAccount(address)) !== undefined;
    await trie.modifyAccountFields(address, { nonce: acct.nonce, balance: acct.balance });
    if (!existed || touched.some((k) => keyKind(k) === 'code')) {
      const hash = state.read(codeKey(addr)) as string;
      await trie.putCode(address, hash === EMPTY_CODE_HASH ? new Uint8Array() : state.base.codes.get(hash)!);
    }
    // A new storage generation is a wipe (self-destruct, re-creation): the slots before it are gone.
    const gen = state.read(genKey(addr)) as number;
    if (touched.some((k) => keyKind(k) === 'gen')) await trie.clearStorage(address);
    for (const key of touched) {
      if (keyKind(key) !== 'slot') continue;
      const s = parseSlotKey(key);
      if (s.gen !== gen) continue;
      const value = state.read(key) as bigint;
      await trie.putStorage(address, hexToBytes(`0x${s.slot}`), bigIntToUnpaddedBytes(value)); // 0: the slot is deleted
    }
  }
}
