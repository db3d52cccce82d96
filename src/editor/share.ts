/**
 * The share string: the editor state as compact JSON, deflated (fflate) and written in base64url, so it can sit
 * in a URL. `decodeShare` never throws: a truncated or tampered link gives a message to show instead.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { type EditorState, fromJson, toJson } from './state.ts';

/** Format tag: a later format can still recognise (and refuse, or convert) this one. */
const PREFIX = '1.';
/** Inflating more than this is refused: a small link must not expand into a huge allocation. */
const MAX_INFLATED = 1_000_000;

export function encodeShare(state: EditorState): string {
  return PREFIX + toBase64Url(deflateSync(strToU8(JSON.stringify(toJson(state))), { level: 9 }));
}

export type DecodedShare = { ok: true; state: EditorState; notices: string[] } | { ok: false; message: string };

export function decodeShare(share: string): DecodedShare {
  const fail = (why: string): DecodedShare => ({ ok: false, message: `The shared contract could not be opened: ${why}.` });
  if (!share.startsWith(PREFIX)) return fail(`the link's format is not one this version reads (it should start with "${PREFIX}")`);
  const bytes = fromBase64Url(share.slice(PREFIX.length));
  if (bytes === undefined) return fail('the link is damaged (it holds characters a share link never has)');
  let text: string;
  try {
    const raw = inflateSync(bytes);
    if (raw.length > MAX_INFLATED) return fail('it expands to more than a project may hold');
    text = strFromU8(raw);
  } catch {
    return fail('the link is damaged or cut short (its compressed data does not decompress)');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail('its content is not the editor state');
  }
  const r = fromJson(json);
  return r.ok ? r : fail(r.message);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

export function fromBase64Url(s: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((s.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let j = 0;
  for (const c of s) {
    acc = (acc << 6) | ALPHABET.indexOf(c);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 255;
    }
  }
  return out;
}
