/**
 * A committed state as a `PreState`: what the next block of a chain starts from (blockchain tests run their blocks
 * in order), and the state a workload's setup leaves for its block (`setupRun.ts`).
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Address, Hex, PreState } from './scenario/types.ts';
import type { CommittedState } from './state/committedState.ts';

const hex = (v: bigint): Hex => `0x${v.toString(16)}`;

/** Every account of `state` (finalised or not, as the caller chose), its code from the state's code store. */
export function toPreState(state: CommittedState): PreState {
  const out: PreState = {};
  for (const a of state.accounts()) {
    const account: PreState[Address] = { balance: hex(a.balance), nonce: hex(a.nonce) };
    const code = state.base.codes.get(a.codeHash);
    if (code !== undefined && code.length > 0) account.code = `0x${bytesToHex(code)}`;
    if (a.storage.size > 0) {
      account.storage = {};
      for (const [slot, value] of [...a.storage].sort(([x], [y]) => (x < y ? -1 : 1))) account.storage[`0x${slot}`] = hex(value);
    }
    out[`0x${a.address}`] = account;
  }
  return out;
}
