/**
 * The share string: the editor state as compact JSON, deflated (fflate) and written in base64url, so it can sit
 * in a URL — as it is: the page's link carries it without compressing it again (`app/setup.ts`). `decodeShare`
 * never throws: a truncated or tampered link gives a message to show instead. The packing is `app/pack.ts`'s, whose
 * inflating stops as soon as the output passes the limit (a small link must not expand into a huge allocation or
 * seconds of work).
 */
import { PackError, fromBase64Url as decodeBase64Url, packText, toBase64Url, unpackText } from '../app/pack.ts';
import { type EditorState, fromJson, toJson } from './state.ts';

export { toBase64Url };

/** Format tag: a later format can still recognise (and refuse, or convert) this one. */
const PREFIX = '1.';
/** Inflating more than this is refused, and stopped there. */
export const MAX_INFLATED = 1_000_000;

export function encodeShare(state: EditorState): string {
  return PREFIX + packText(JSON.stringify(toJson(state)));
}

export type DecodedShare = { ok: true; state: EditorState; notices: string[] } | { ok: false; message: string };

export function decodeShare(share: string): DecodedShare {
  const fail = (why: string): DecodedShare => ({ ok: false, message: `The shared contract could not be opened: ${why}.` });
  if (typeof share !== 'string' || !share.startsWith(PREFIX)) return fail(`the link's format is not one this version reads (it should start with "${PREFIX}")`);
  const packed = share.slice(PREFIX.length);
  if (fromBase64Url(packed) === undefined) return fail('the link is damaged (it holds characters a share link never has)');
  let text: string;
  try {
    text = unpackText(packed, MAX_INFLATED);
  } catch (e) {
    if (!(e instanceof PackError)) throw e;
    if (/^expands to more/.test(e.message)) return fail('it expands to more than a project may hold');
    if (/^too long/.test(e.message)) return fail(`the link is too long (${e.message.replace(/^too long /, '')})`);
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

/** base64url → bytes, or undefined when the text holds characters base64url never has (or a stray last one). */
export function fromBase64Url(s: string): Uint8Array | undefined {
  try {
    return decodeBase64Url(s);
  } catch {
    return undefined;
  }
}
