/**
 * Text ⇄ URL-safe compressed text (deflate with fflate, then base64url without padding), for what a share link
 * carries that people do not read (a contract's source). Unpacking is defensive: a link is untrusted input, so bad
 * characters, bad deflate data and zip bombs become a `PackError` with a plain message, never anything else.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

/** Longest packed text accepted (≈ 300 KB of base64url); URLs much longer than that break in browsers anyway. */
export const MAX_PACKED = 400_000;
/** Largest unpacked text accepted: a deflate stream can expand ~1000×, so it is capped before it is decoded. */
export const MAX_UNPACKED = 2_000_000;

export class PackError extends Error {
  override readonly name = 'PackError';
}

export function packText(text: string): string {
  return toBase64Url(deflateSync(strToU8(text), { level: 9 }));
}

export function unpackText(packed: string): string {
  if (typeof packed !== 'string') throw new PackError(`expected text, got ${typeof packed}`);
  if (packed.length > MAX_PACKED) throw new PackError(`too long (${packed.length} characters, at most ${MAX_PACKED})`);
  const bytes = fromBase64Url(packed);
  let out: Uint8Array;
  try {
    // A preallocated output buffer caps what a hostile stream can expand to: fflate stops at its end.
    const buf = new Uint8Array(MAX_UNPACKED + 1);
    out = inflateSync(bytes, { out: buf });
  } catch (e) {
    throw new PackError(`not valid compressed data (${(e as Error).message || 'inflate failed'})`);
  }
  if (out.length > MAX_UNPACKED) throw new PackError(`expands to more than ${MAX_UNPACKED} bytes`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(out);
  } catch {
    // strFromU8 is lenient; a fatal decoder tells text from garbage that happened to inflate.
    throw new PackError('does not decode to UTF-8 text');
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) INDEX[ALPHABET.charCodeAt(i)] = i;

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

export function fromBase64Url(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new PackError(`not base64url: ${text.length} characters cannot be whole bytes`);
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? INDEX[c]! : -1;
    if (v < 0) throw new PackError(`not base64url: character ${JSON.stringify(text[i])} at position ${i + 1}`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

export { strFromU8 };
