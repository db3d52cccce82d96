/**
 * Share links made by an attacker, decoded as the page does (`decodeSetup` for the page's link, then the editor's
 * `decodeShare`): each is refused or trimmed with a message, fast and without a large allocation. The same links are
 * opened in Chromium by e2e/hostile.spec.ts.
 */
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { packText, toBase64Url } from '../app/pack.ts';
import { decodeSetup } from '../app/setup.ts';
import { deflateBomb } from '../app/testing/deflateBomb.ts';
import { decodeShare, encodeShare, MAX_INFLATED } from './share.ts';
import { LIST_LIMITS, TEXT_LIMITS, type WorkloadSpec } from './spec.ts';
import type { EditorState } from './state.ts';
import { TEMPLATES } from './templates.ts';
import { parseInteger } from './values.ts';

const token = TEMPLATES.find((t) => t.id === 'token')!;
const state: EditorState = { project: { files: token.files, active: token.active }, workload: token.workload };
const withWorkload = (w: Partial<WorkloadSpec>): EditorState => ({ ...state, workload: { ...state.workload!, ...w } });
const MB = 2 ** 20;

/** The JS heap and the memory outside it (array buffers: an inflated bomb lands there). */
const used = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

/** What decoding costs: its result, the time and how much memory it left allocated (collected before, if exposed). */
function measured<T>(fn: () => T): { value: T; ms: number; heapMb: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const before = used();
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0, heapMb: (used() - before) / MB };
}

/** The page's link → the editor state it opens, as App.svelte and ContractEditor do. */
function openLink(link: string) {
  const setup = decodeSetup(link);
  if (!setup.ok) return { ok: false as const, message: setup.message };
  if (setup.setup.scenario.kind !== 'custom') throw new Error('not a code link');
  return decodeShare(setup.setup.scenario.code);
}

/** A share string whose compressed data is a bomb of `bytes` zeros. */
const bombShare = (bytes: number) => `1.${toBase64Url(deflateBomb(bytes))}`;

describe('decompression bombs in share links', () => {
  // Before: the editor inflated its layer whole and only then checked the size (an 18 KB link: 1.4 GB, ~30 s).
  const cases: [string, string, RegExp][] = [
    ['a 200 MB bomb in the editor string', `#code=${bombShare(200e6)}`, /expands to more than a project may hold/],
    ['a 1.4 GB bomb packed once more (the old link form, ~2 KB)', `#code=${packText(bombShare(1.4e9))}`, /the link is too long/],
    ['a 1.4 GB bomb packed once more, inner bomb under the length limit', `#code=${packText(bombShare(300e6))}`, /expands to more than a project may hold/],
    ['a bomb in the old outer layer', `#code=${toBase64Url(deflateBomb(250e6))}`, /^code: expands to more than 2000000 bytes$/],
  ];
  it.each(cases)('%s is refused at once', (_name, link, message) => {
    expect(link.length).toBeLessThan(400_000);
    const { value, ms, heapMb } = measured(() => openLink(link));
    expect(value.ok).toBe(false);
    if (!value.ok) expect(value.message).toMatch(message);
    expect(ms).toBeLessThan(2_000); // before: seconds to minutes
    expect(heapMb).toBeLessThan(64); // before: the whole expansion
  });

  it('a link carries the editor string as it is: compressed once', () => {
    const share = encodeShare(state);
    const link = `#code=${share}`;
    const opened = openLink(link);
    expect(opened.ok).toBe(true);
    if (opened.ok) expect(opened.state).toEqual(state);
    // Just under the limit still opens: the cap is on the output, not a guess from the input.
    const big: EditorState = { ...state, project: { files: [{ name: 'Big.sol', text: '/'.repeat(MAX_INFLATED - 1_000) }], active: 'Big.sol' } };
    expect(decodeShare(encodeShare(big)).ok).toBe(false); // 1 MB of source is over the project's own limit…
    const r = decodeShare(encodeShare(big));
    if (!r.ok) expect(r.message).toMatch(/characters long; at most/); // …and says so, rather than "expands to more"
  });
});

describe('unbounded strings in share links', () => {
  const long = (n: number) => '1'.repeat(n);
  // Before: `balance` had no length limit and went through /0+$/, quadratic: a 421-character link froze the editor
  // for 62 s (it builds automatically from a link).
  const zeros = `1.${'0'.repeat(900_000)}1`;
  const cases: [string, EditorState, RegExp][] = [
    ['a million-digit balance', withWorkload({ balance: zeros }), /balance: expected at most 200 characters, got 900003/],
    ['a long contract name', withWorkload({ contract: `${long(5_000)}.sol:X` }), /contract: expected at most 1000 characters/],
    ['a long function signature', withWorkload({ calls: [{ ...state.workload!.calls[0]!, fn: long(5_000) }] }), /calls\.0\.fn: expected at most 1000 characters/],
    ['a long constant', withWorkload({ calls: [{ ...state.workload!.calls[0]!, value: { kind: 'constant', value: long(20_000) } }] }), /calls\.0\.value\.value: expected at most 10000/],
    ['a long range bound', withWorkload({ calls: [{ ...state.workload!.calls[0]!, args: [{ kind: 'sender' }, { kind: 'range', min: '1', max: long(1_000) }] }] }), /max: expected at most 200/],
    ['a long setup value', withWorkload({ setup: [{ ...state.workload!.setup[0]!, value: long(1_000) }] }), /setup\.0\.value: expected at most 200/],
    ['too many call groups', withWorkload({ calls: Array.from({ length: LIST_LIMITS.groups + 1 }, () => state.workload!.calls[0]!) }), /calls: expected at most 200 items/],
    ['too many arguments', withWorkload({ constructorArgs: Array.from({ length: LIST_LIMITS.args + 1 }, () => ({ kind: 'sender' as const })) }), /constructorArgs: expected at most 64 items/],
    ['a deeply nested argument kind', withWorkload({ constructorArgs: [{ kind: nested(1_000) } as never] }), /got an array\b/],
    // Unknown fields are named, never dropped silently: a misspelling, and the prototype keys.
    ['a misspelt field', withWorkload({ sendres: 3 } as never), /sendres: unknown field "sendres" \(expected one of contract,/],
    ['an unknown field in a call', withWorkload({ calls: [{ ...state.workload!.calls[0]!, gasLimit: 1 } as never] }), /calls\.0\.gasLimit: unknown field "gasLimit"/],
  ];
  it.each(cases)('%s: the sources open, the workload is dropped with a short notice', (_name, bad, notice) => {
    const { value, ms } = measured(() => decodeShare(encodeShare(bad)));
    expect(value.ok).toBe(true);
    if (!value.ok) return;
    expect(value.state.project).toEqual(state.project);
    expect(value.state.workload).toBeNull();
    expect(value.notices.join(' ')).toMatch(notice);
    expect(value.notices.join(' ').length).toBeLessThan(600);
    expect(ms).toBeLessThan(2_000);
  });

  it('the limits leave room for real values', () => {
    expect(TEXT_LIMITS.amount).toBeGreaterThan(`${'9'.repeat(78)} wei`.length); // uint256's largest, in decimal
    const ok = decodeShare(encodeShare(withWorkload({ balance: `${'1_000_'.repeat(20)}000 wei` })));
    expect(ok.ok && ok.state.workload !== null).toBe(true);
  });

  it('parsing a long run of zeros is linear', () => {
    const { value, ms } = measured(() => parseInteger(`1.${'0'.repeat(1_000_000)}1 ether`));
    expect(value).toMatch(/is not a whole number of wei/);
    expect(String(value).length).toBeLessThan(200);
    expect(ms).toBeLessThan(1_000); // before: /0+$/ retried from every zero
  });

  it('a file name from a link is quoted short', () => {
    const r = decodeShare(`1.${toBase64Url(strToU8(''))}`);
    expect(r.ok).toBe(false);
    const bad = decodeShare(encodeShare({ ...state, project: { files: [{ name: `${'x'.repeat(100_000)}.sol`, text: '' }], active: 'x' } }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message.length).toBeLessThan(300);
  });
});

function nested(depth: number): unknown {
  let v: unknown = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}
