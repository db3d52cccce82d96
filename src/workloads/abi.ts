/**
 * Just enough ABI encoding for the workload contracts: static arguments only (uint256, address, bool), plus the
 * storage-slot arithmetic that lets generators write balances and allowances straight into a pre-state.
 */
import { keccak_256 } from '@noble/hashes/sha3.js'; // what @ethereumjs/* use; @ethereumjs/util exports no keccak
import type { Address, Hex } from '../engine/scenario/types.ts';

export type AbiArg = bigint | number | boolean | Address;

const utf8 = new TextEncoder();

export function bytesToHex(b: Uint8Array): Hex {
  let s = '0x';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s as Hex;
}

export function hexToBytes(h: Hex): Uint8Array {
  const s = h.slice(2);
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) throw new Error(`bad hex: ${h}`);
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function keccak256(data: Uint8Array | Hex): Hex {
  return bytesToHex(keccak_256(typeof data === 'string' ? hexToBytes(data) : data));
}

/** Scenario quantity: lowercase hex, no leading zeros, `0x0` for zero. */
export function quantity(n: bigint | number): Hex {
  const v = BigInt(n);
  if (v < 0n) throw new Error(`negative quantity ${v}`);
  return `0x${v.toString(16)}`;
}

/** One 32-byte word, as 64 hex digits without `0x`. */
export function word(arg: AbiArg): string {
  let v: bigint;
  if (typeof arg === 'string') v = BigInt(arg); // address (or any hex) left-padded
  else if (typeof arg === 'boolean') v = arg ? 1n : 0n;
  else v = BigInt(arg);
  if (v < 0n || v >= 1n << 256n) throw new Error(`value out of uint256 range: ${arg}`);
  return v.toString(16).padStart(64, '0');
}

/** 32-byte big-endian `0x` hex (a storage key). */
export function pad32(arg: AbiArg): Hex {
  return `0x${word(arg)}`;
}

/** `transfer(address,uint256)` → `0xa9059cbb`. */
export function selector(signature: string): Hex {
  return bytesToHex(keccak_256(utf8.encode(signature)).subarray(0, 4));
}

/** Calldata for a function with static arguments, e.g. `encodeCall('transfer(address,uint256)', [to, 5n])`. */
export function encodeCall(signature: string, args: readonly AbiArg[] = []): Hex {
  return `${selector(signature)}${args.map(word).join('')}` as Hex;
}

/** Constructor arguments appended to creation code. */
export function withConstructorArgs(bytecode: Hex, args: readonly AbiArg[]): Hex {
  return `${bytecode}${args.map(word).join('')}` as Hex;
}

/** Slot of `m[key]` for a mapping declared at `slot`: keccak256(pad32(key) ++ pad32(slot)). */
export function mappingSlot(key: AbiArg, slot: AbiArg): Hex {
  return keccak256(`0x${word(key)}${word(slot)}`);
}

/** Slot of `m[k1][k2]` for a nested mapping declared at `slot`. */
export function nestedMappingSlot(k1: AbiArg, k2: AbiArg, slot: AbiArg): Hex {
  return mappingSlot(k2, mappingSlot(k1, slot));
}

/** The reason string of an `Error(string)` revert, or undefined for other return data. */
export function decodeRevertReason(data: Uint8Array | Hex): string | undefined {
  const hex = typeof data === 'string' ? data.slice(2) : bytesToHex(data).slice(2);
  if (!hex.startsWith('08c379a0') || hex.length < 8 + 128) return undefined;
  const len = Number(BigInt(`0x${hex.slice(8 + 64, 8 + 128)}`));
  const body = hex.slice(8 + 128, 8 + 128 + 2 * len);
  return new TextDecoder().decode(hexToBytes(`0x${body}`));
}

/** A uint256 return value. */
export function decodeUint(data: Uint8Array | Hex): bigint {
  const hex = typeof data === 'string' ? data : bytesToHex(data);
  return hex === '0x' ? 0n : BigInt(hex);
}

/** Address of the contract `from` creates with CREATE at `nonce`: keccak256(rlp([from, nonce]))[12:]. */
export function contractAddress(from: Address, nonce: bigint): Address {
  let n = nonce.toString(16);
  if (n.length % 2 === 1) n = `0${n}`;
  // RLP: 0 → 0x80; 1..0x7f → itself; else 0x80+len ++ big-endian bytes. The list is always < 56 bytes.
  const nonceRlp = nonce === 0n ? '80' : nonce < 0x80n ? n : `${(0x80 + n.length / 2).toString(16)}${n}`;
  const payload = `94${from.slice(2).toLowerCase()}${nonceRlp}`;
  const list = `0x${(0xc0 + payload.length / 2).toString(16)}${payload}` as Hex;
  return `0x${keccak256(list).slice(26)}`;
}
