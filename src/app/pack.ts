/**
 * Text ⇄ URL-safe compressed text (deflate with fflate, then base64url without padding), for what a share link
 * carries that people do not read (a contract's source). Unpacking is defensive: a link is untrusted input, so bad
 * characters, bad deflate data and zip bombs become a `PackError` with a plain message, never anything else.
 */
import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';

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

/** `maxUnpacked`: the most bytes the text may inflate to (default `MAX_UNPACKED`). */
export function unpackText(packed: string, maxUnpacked = MAX_UNPACKED): string {
  if (typeof packed !== 'string') throw new PackError(`expected text, got ${typeof packed}`);
  if (packed.length > MAX_PACKED) throw new PackError(`too long (${packed.length} characters, at most ${MAX_PACKED})`);
  const bytes = fromBase64Url(packed);
  let out: Uint8Array | undefined;
  try {
    out = inflateCapped(bytes, maxUnpacked);
  } catch (e) {
    throw new PackError(`not valid compressed data (${(e as Error).message || 'inflate failed'})`);
  }
  if (out === undefined) throw new PackError(`expands to more than ${maxUnpacked} bytes`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(out);
  } catch {
    // strFromU8 is lenient; a fatal decoder tells text from garbage that happened to inflate.
    throw new PackError('does not decode to UTF-8 text');
  }
}

/** Compressed input fed to the inflater at a time: deflate expands at most ~1032×, so ≤ ~1 MB of output a step. */
const INFLATE_STEP = 1024;

/**
 * Inflates `bytes` into at most `max` bytes, or returns undefined when they expand to more. The input is fed in small
 * steps and the inflating stops as soon as the output passes `max`: a bomb costs ~`max` bytes of work and memory,
 * never its full expansion (an output buffer alone would cap the memory but still decode the whole stream). Throws
 * on data that is not a complete deflate stream.
 */
export function inflateCapped(bytes: Uint8Array, max: number): Uint8Array | undefined {
  const chunks: Uint8Array[] = [];
  let length = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    if (over) return;
    length += chunk.length;
    if (length > max) over = true;
    else chunks.push(chunk);
  });
  if (bytes.length === 0) throw new Error('unexpected EOF');
  for (let i = 0; i < bytes.length && !over; i += INFLATE_STEP) inflater.push(bytes.subarray(i, i + INFLATE_STEP), i + INFLATE_STEP >= bytes.length);
  if (over) return undefined;
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
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
