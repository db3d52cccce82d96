/**
 * The page's URL as the setup changes: the setup's parameters are replaced, everything else in the URL (a lesson,
 * a theme, another part of the page's state) is kept as it was.
 */
import { type Setup, SETUP_PARAMS, encodeSetup } from './setup.ts';

const OURS = new Set(SETUP_PARAMS);

export function mergeSetupIntoUrl(href: string, setup: Setup): string {
  const url = new URL(href);
  const encoded = encodeSetup(setup);
  const hashAt = encoded.indexOf('#');
  const ours = new URLSearchParams(hashAt < 0 ? encoded.slice(1) : encoded.slice(1, hashAt));
  const kept = [...url.searchParams].filter(([k]) => !OURS.has(k));
  const query = [ours.toString(), new URLSearchParams(kept).toString()].filter(Boolean).join('&');
  const hashParams = new URLSearchParams(url.hash.slice(1));
  hashParams.delete('code');
  const hashRest = hashParams.toString();
  const code = hashAt < 0 ? '' : encoded.slice(hashAt + 1);
  const hash = [code, hashRest].filter(Boolean).join('&');
  return `${url.origin}${url.pathname}?${query.replace(/%2C/gi, ',').replace(/%3A/gi, ':')}${hash ? `#${hash}` : ''}`;
}
