import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCKS, EXAMPLES } from './catalog.ts';
import { packText, toBase64Url } from './pack.ts';
import { PRESET_IDS } from '../workloads/presets/index.ts';
import { type Setup, decodeSetup, defaultSetup, encodeSetup, parseStoredSetup, strategyNames } from './setup.ts';

const names = strategyNames();

const knobs = fc.record(
  {
    pools: fc.integer({ min: 1, max: 1000 }),
    hotSpot: fc.double({ min: 0, max: 1, noNaN: true }),
    skew: fc.double({ min: 0, max: 5, noNaN: true }),
    accounts: fc.oneof(fc.constant('fresh'), fc.integer({ min: 1, max: 1_000_000 })),
    tokens: fc.integer({ min: 1, max: 1000 }),
    accessLists: fc.constantFrom('none', 'exact', 'partial'),
  },
  { requiredKeys: [] },
);

const scenario = fc.oneof(
  fc.record({
    kind: fc.constant('preset' as const),
    id: fc.constantFrom(...PRESET_IDS),
    txs: fc.integer({ min: 10, max: 100_000 }),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    knobs,
  }),
  fc.record({ kind: fc.constant('block' as const), number: fc.constantFrom(...BLOCKS.map((b) => b.number)) }),
  fc.record({ kind: fc.constant('example' as const), id: fc.constantFrom(...EXAMPLES.map((e) => e.id)) }),
  fc.record({ kind: fc.constant('custom' as const), code: fc.string({ unit: 'grapheme', maxLength: 300 }) }),
);

const setup: fc.Arbitrary<Setup> = fc
  .record({
    scenario,
    strategy: fc.constantFrom(...names),
    workers: fc.integer({ min: 1, max: 64 }),
    compare: fc.option(fc.uniqueArray(fc.constantFrom(...names), { minLength: 2 }), { nil: undefined }),
  })
  .map((s) => {
    const out: Setup = { scenario: s.scenario as Setup['scenario'], strategy: s.strategy, workers: s.workers };
    if (s.compare) out.compare = s.compare;
    // `type-0 transactions carry no access list`: the generator refuses that pair, so the property avoids it.
    return out;
  });

describe('share links', () => {
  it('round-trip every valid setup', () => {
    fc.assert(
      fc.property(setup, (s) => {
        const decoded = decodeSetup(`https://example.org/sub/path/${encodeSetup(s)}`);
        expect(decoded).toEqual({ ok: true, setup: s });
      }),
      { numRuns: 300 },
    );
  });

  it('read like the setup for presets', () => {
    const s = defaultSetup(2);
    expect(encodeSetup(s)).toBe('?preset=dex-rush&txs=200&seed=1&strategy=block-stm&workers=2');
    expect(encodeSetup({ ...s, compare: ['block-stm', 'sequential'] })).toContain('compare=block-stm,sequential');
  });

  it('keep custom code in the hash, compressed', () => {
    const code = 'contract C { uint x; function f() public { x += 1; } }'.repeat(20);
    const link = encodeSetup({ scenario: { kind: 'custom', code }, strategy: 'block-stm', workers: 2 });
    expect(link).toMatch(/^\?strategy=block-stm&workers=2#code=[A-Za-z0-9_-]+$/);
    expect(link.length).toBeLessThan(code.length / 4);
  });

  it('fill what a link leaves out from the default', () => {
    const d = decodeSetup('?strategy=sequential');
    expect(d).toEqual({ ok: true, setup: { ...defaultSetup(), strategy: 'sequential' } });
    const t = decodeSetup('?txs=50');
    expect(t.ok && t.setup.scenario).toMatchObject({ kind: 'preset', id: 'dex-rush', txs: 50 });
    expect(decodeSetup('https://x.org/')).toEqual({ ok: true, setup: defaultSetup() });
  });

  it('ignore parameters that belong to other parts of the page', () => {
    expect(decodeSetup('?lesson=2&theme=dark&present=1').ok).toBe(true);
  });
});

const huge = 'a'.repeat(2_000_000);
const bomb = toBase64Url(new Uint8Array(0)); // empty stream
const BROKEN: [string, RegExp][] = [
  ['?workers=abc', /^workers: expected a whole number from 1 to 64, got "abc"$/],
  ['?workers=0', /^workers: expected a whole number from 1 to 64, got "0"$/],
  ['?workers=1e3', /^workers: /],
  ['?preset=x', /^preset: unknown "x" \(known: independent-payments, .*mixed-defi\)$/],
  ['?preset=dex-rus', /^preset: unknown "dex-rus" \(did you mean "dex-rush"\?/],
  ['?preset=dex-rush&txs=5', /^txs: expected a whole number from 10 to 100000, got "5"$/],
  ['?preset=dex-rush&seed=-1', /^seed: expected a whole number from 0 to 4294967295, got "-1"$/],
  ['?preset=dex-rush&hotSpot=2', /^hotSpot: expected a number from 0 to 1, got 2$/],
  ['?preset=dex-rush&mix=swp:1', /^mix\.swp: unknown transaction kind \(did you mean "swap"\?\)$/],
  ['?preset=dex-rush&txType=0&accessLists=exact', /^accessLists: type-0 transactions carry no access list/],
  ['?preset=dex-rush&hotspot=0.5', /^hotspot: unknown parameter \(did you mean "hotSpot"\?\)$/],
  ['?strategy=blockstm', /^strategy: unknown strategy "blockstm" \(did you mean "block-stm"\?/],
  ['?compare=block-stm', /^compare: expected two or more strategies/],
  ['?compare=block-stm,nope', /^compare: unknown strategy "nope"/],
  ['?compare=dag,dag', /^compare: lists a strategy twice/],
  ['?block=1', /^block: not a bundled block: "1" \(bundled: /],
  ['?example=../../etc/passwd', /^example: unknown "..\/..\/etc\/passwd"/],
  ['?preset=dex-rush&block=19426587', /^scenario: a link names one of preset, block, example or code, got preset and block$/],
  ['?workers=2&workers=3', /^workers: given twice in the link$/],
  ['#code=***', /^code: not base64url: character "\*" at position 1$/],
  ['#code=a', /^code: not base64url: 1 characters cannot be whole bytes$/],
  ['#code=AAAA', /^code: not valid compressed data/],
  [`#code=${toBase64Url(new Uint8Array([0xff, 0xfe, 0xfd]))}`, /^code: not valid compressed data/],
  [`#code=${'A'.repeat(500_000)}`, /^code: too long \(500000 characters/],
  [`?strategy=${huge}`, /^link: too long/],
  [`?preset=${'x'.repeat(5000)}`, /^preset: too long \(5000 characters\)$/],
  ['?__proto__=1&constructor=2&strategy=toString', /^strategy: unknown strategy "toString"/],
  ['?preset=constructor', /^preset: unknown "constructor"/],
  ['?preset=dex-rush&pools=__proto__', /^pools: expected a whole number from 1 to 1000, got "__proto__"$/],
];

describe('broken links', () => {
  it.each(BROKEN.map(([link, re]) => [link.length > 60 ? `${link.slice(0, 56)}…` : link, link, re] as const))('%s', (_name, link, message) => {
    const d = decodeSetup(link);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.message).toMatch(message);
  });

  it('a deflate bomb is cut off, not inflated', () => {
    const bombLink = `#code=${packText('x'.repeat(3_000_000))}`;
    const d = decodeSetup(bombLink);
    expect(d).toEqual({ ok: false, message: 'code: expands to more than 2000000 bytes' });
    expect(bomb).toBe('');
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const d = decodeSetup(text);
        expect(typeof d.ok).toBe('boolean');
        expect(decodeSetup(`?${text}`).ok === true || typeof (decodeSetup(`?${text}`) as { message: string }).message === 'string').toBe(true);
        decodeSetup(`#code=${text}`);
      }),
      { numRuns: 500 },
    );
  });
});

describe('stored setups', () => {
  it('accept a valid one and reject damaged ones', () => {
    const s = defaultSetup(3);
    expect(parseStoredSetup(JSON.parse(JSON.stringify(s)))).toEqual(s);
    expect(parseStoredSetup(null)).toBeUndefined();
    expect(parseStoredSetup({ ...s, workers: 'x' })).toBeUndefined();
    expect(parseStoredSetup({ ...s, strategy: 'gone' })).toBeUndefined();
    expect(parseStoredSetup({ ...s, scenario: { ...s.scenario, knobs: { hotSpot: 7 } } })).toBeUndefined();
    expect(parseStoredSetup({ ...s, scenario: { kind: 'preset', id: '__proto__', txs: 10, seed: 1, knobs: {} } })).toBeUndefined();
  });
});
