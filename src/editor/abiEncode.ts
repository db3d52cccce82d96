/**
 * ABI encoding of the builder's argument values: static elementary types as one word each, `string` and `bytes`
 * as offsets into a tail (the standard head/tail layout). Values arrive already checked against their type
 * (`values.ts`), so the encoder only lays out bytes.
 */
import type { Hex } from '../engine/scenario/types.ts';
import { selector } from '../workloads/abi.ts';
import type { AbiFunction } from './abiModel.ts';

/** A checked argument value: integers (also addresses and bytesN, as their word), booleans, or raw bytes for dynamic types. */
export type ArgValue = bigint | boolean | { bytes: Uint8Array };

const hex64 = (v: bigint): string => v.toString(16).padStart(64, '0');

/** One static word for `type`; negative integers in two's complement, bytesN left-aligned. */
export function staticWord(type: string, value: bigint | boolean): string {
  if (typeof value === 'boolean') return hex64(value ? 1n : 0n);
  const bytes = /^bytes(\d+)$/.exec(type);
  if (bytes) return hex64(value << BigInt(8 * (32 - Number(bytes[1]))));
  return hex64(value < 0n ? (1n << 256n) + value : value);
}

function tail(data: Uint8Array): string {
  const s = hex64(BigInt(data.length));
  let body = '';
  for (const b of data) body += b.toString(16).padStart(2, '0');
  const padded = Math.ceil(data.length / 32) * 64;
  return s + body.padEnd(padded, '0');
}

/** The encoded arguments (no selector). */
export function encodeArgs(types: readonly string[], values: readonly ArgValue[]): string {
  let head = '';
  let tails = '';
  const headSize = 32 * types.length;
  types.forEach((type, i) => {
    const v = values[i]!;
    if (typeof v === 'object') {
      head += hex64(BigInt(headSize + tails.length / 2));
      tails += tail(v.bytes);
    } else {
      head += staticWord(type, v);
    }
  });
  return head + tails;
}

/** Calldata: the selector, then the arguments. */
export function encodeFunctionCall(fn: AbiFunction, values: readonly ArgValue[]): Hex {
  return `${selectorFor(fn.signature)}${encodeArgs(fn.inputs.map((p) => p.type), values)}` as Hex;
}

/** The selector of a signature, memoised: every generated call of one function shares it. */
export function selectorFor(signature: string): Hex {
  let s = selectors.get(signature);
  if (s === undefined) selectors.set(signature, (s = selector(signature)));
  return s;
}
const selectors = new Map<string, Hex>();
