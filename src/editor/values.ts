/**
 * Text → checked values: what a user types in a builder field (`1000`, `0x2a`, `2.5 ether`, `true`, `0xabc…`),
 * checked against the Solidity type it will be encoded as. Every failure is a sentence naming what was expected.
 */
import { show } from '../engine/scenario/errors.ts';
import type { ArgValue } from './abiEncode.ts';

const UNITS: Record<string, number> = { wei: 0, gwei: 9, ether: 18, eth: 18 };

/** Range of an integer type: `uint8` → [0, 255], `int16` → [-32768, 32767]. */
export function intRange(type: string): [bigint, bigint] | undefined {
  const m = /^(u?)int(\d*)$/.exec(type);
  if (!m) return undefined;
  const bits = BigInt(m[2] === '' ? 256 : Number(m[2]));
  return m[1] === 'u' ? [0n, (1n << bits) - 1n] : [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n];
}

/**
 * An integer from text: decimal or `0x` hex, with `_` or `,` separators, and an optional unit (`wei`, `gwei`,
 * `ether`) that may scale a decimal fraction (`1.5 ether`). Returns a message when the text is not one.
 */
export function parseInteger(text: string): bigint | string {
  const t = text.trim().replace(/[_,]/g, '').toLowerCase();
  if (/^-?0x[0-9a-f]+$/.test(t)) return t.startsWith('-') ? -BigInt(t.slice(1)) : BigInt(t);
  const m = /^(-?)(\d+)(?:\.(\d+))?\s*([a-z]*)$/.exec(t);
  if (!m) return `expected a whole number (e.g. 1000, 0x3e8 or 1.5 ether), got ${show(text)}`;
  const unit = m[4] === '' ? 0 : UNITS[m[4]!];
  if (unit === undefined) return `unknown unit "${m[4]}" (use wei, gwei or ether)`;
  const frac = m[3] ?? '';
  if (withoutTrailingZeros(frac).length > unit) return `${show(text)} is not a whole number of wei`;
  const v = BigInt(m[2]! + frac.padEnd(unit, '0'));
  return m[1] === '-' ? -v : v;
}

/** `"2500"` → `"25"`. A loop, not `/0+$/`: that pattern retries from every zero and is quadratic on a long run of them. */
function withoutTrailingZeros(digits: string): string {
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 48) end--;
  return digits.slice(0, end);
}

/** An integer within the range of `type` (or a message). */
export function parseIntegerOf(type: string, text: string): bigint | string {
  const v = parseInteger(text);
  if (typeof v === 'string') return v;
  const [lo, hi] = intRange(type)!;
  if (v < lo || v > hi) return `${v} is outside ${type} (${lo} to ${hi})`;
  return v;
}

function hexBytes(text: string): Uint8Array | undefined {
  const t = text.trim();
  if (!/^0x([0-9a-fA-F]{2})*$/.test(t)) return undefined;
  const out = new Uint8Array((t.length - 2) / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(t.slice(2 + 2 * i, 4 + 2 * i), 16);
  return out;
}

/** A constant for an argument of `type`, from the text a user typed. */
export function parseConstant(type: string, text: string): ArgValue | string {
  if (intRange(type)) return parseIntegerOf(type, text);
  if (type === 'address') {
    const t = text.trim();
    return /^0x[0-9a-fA-F]{40}$/.test(t) ? BigInt(t) : `expected an address (0x and 40 hex digits), got ${show(text)}`;
  }
  if (type === 'bool') {
    const t = text.trim().toLowerCase();
    if (t === 'true' || t === '1') return true;
    if (t === 'false' || t === '0') return false;
    return `expected true or false, got ${show(text)}`;
  }
  const fixed = /^bytes(\d+)$/.exec(type);
  if (fixed) {
    const n = Number(fixed[1]);
    const b = hexBytes(text);
    if (b === undefined || b.length !== n) return `expected ${n} bytes of hex (0x and ${2 * n} hex digits), got ${show(text)}`;
    let v = 0n;
    for (const x of b) v = (v << 8n) | BigInt(x);
    return v;
  }
  if (type === 'string') return { bytes: new TextEncoder().encode(text) };
  if (type === 'bytes') {
    const b = hexBytes(text);
    return b === undefined ? `expected hex bytes (0x…, an even number of digits), got ${show(text)}` : { bytes: b };
  }
  return `the builder cannot encode type ${type}`;
}
