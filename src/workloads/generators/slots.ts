/**
 * Storage-slot hashing for the generator's hot path: `keccak256(pad32(key) ++ pad32(slot))`, the same value as
 * `mappingSlot` in `abi.ts` (a test keeps them equal), but writing the 64 input bytes straight from the key and
 * returning flat hex strings. At 100,000 transactions the slots are most of the generator's time and memory.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import type { Address, Hex } from '../../engine/scenario/types.ts';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const input = new Uint8Array(64);
const hexChars = new Uint8Array(66);
const latin1 = new TextDecoder('latin1');
hexChars[0] = 0x30; // '0'
hexChars[1] = 0x78; // 'x'

/** Writes a hex string (an address or a 32-byte slot, `0x`-prefixed) right-aligned into `input[at, at + 32)`. */
function putHex(hex: string, at: number): void {
  const digits = hex.length - 2;
  const start = at + 32 - digits / 2;
  input.fill(0, at, start);
  for (let i = 0; i < digits / 2; i++) input[start + i] = parseInt(hex.slice(2 + 2 * i, 4 + 2 * i), 16);
}

function putBig(n: bigint, at: number): void {
  for (let i = 31; i >= 0; i--) {
    input[at + i] = Number(n & 0xffn);
    n >>= 8n;
  }
}

function hexOf(bytes: Uint8Array): Hex {
  for (let i = 0; i < 32; i++) {
    const h = HEX[bytes[i]!]!;
    hexChars[2 + 2 * i] = h.charCodeAt(0);
    hexChars[3 + 2 * i] = h.charCodeAt(1);
  }
  return latin1.decode(hexChars) as Hex;
}

/** Slot of `m[key]` for a mapping declared at `slot` (a number, or a 32-byte slot for nested mappings). */
export function mappingSlot(key: Address | bigint, slot: number | Hex): Hex {
  if (typeof key === 'bigint') putBig(key, 0);
  else putHex(key, 0);
  if (typeof slot === 'number') putBig(BigInt(slot), 32);
  else putHex(slot, 32);
  return hexOf(keccak_256(input));
}

/** Slot of `m[k1][k2]` for a nested mapping declared at `slot`. */
export function nestedMappingSlot(k1: Address | bigint, k2: Address | bigint, slot: number): Hex {
  return mappingSlot(k2, mappingSlot(k1, slot));
}

/**
 * The mapping slots the generator hashes per transaction, by contract, following the layouts documented at the top
 * of each `.sol` file (and in `contracts/index.ts`, whose helpers these must equal).
 */
export const slotsOf = {
  token: {
    balance: (owner: Address): Hex => mappingSlot(owner, 0),
    allowance: (owner: Address, spender: Address): Hex => nestedMappingSlot(owner, spender, 1),
  },
  nft: {
    owner: (id: bigint): Hex => mappingSlot(id, 1),
    balance: (owner: Address): Hex => mappingSlot(owner, 2),
    approval: (id: bigint): Hex => mappingSlot(id, 3),
  },
  game: {
    owner: (item: bigint): Hex => mappingSlot(item, 1),
    price: (item: bigint): Hex => mappingSlot(item, 2),
    gold: (player: Address): Hex => mappingSlot(player, 3),
  },
  userCounter: {
    count: (user: Address): Hex => mappingSlot(user, 0),
  },
  dao: {
    voted: (id: bigint, voter: Address): Hex => nestedMappingSlot(id, voter, 2),
  },
};
