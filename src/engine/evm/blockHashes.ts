/**
 * The hash of an earlier block, as the scenario gives it (`block.blockHashes`) or, for a number it does not list, a
 * deterministic stand-in: keccak-256 of the number as a 32-byte word. BLOCKHASH answers with it (`chain.ts`), and from
 * Prague the block's opening system call stores the parent's in the history contract (`state/baseState.ts`): both
 * must say the same.
 */
import { hexToBytes } from '@noble/hashes/utils.js';
import type { Scenario } from '../scenario/types.ts';
import { keccak256 } from './keccak.ts';

export function scenarioBlockHash(scenario: Pick<Scenario, 'block'>, n: bigint): Uint8Array {
  const known = scenario.block.blockHashes[n.toString()];
  if (known) return hexToBytes(known.slice(2));
  const word = new Uint8Array(32);
  for (let i = 31, x = n; i >= 0 && x > 0n; i--, x >>= 8n) word[i] = Number(x & 0xffn);
  return keccak256(word);
}
