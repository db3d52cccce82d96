/**
 * The playground's setup — what to run and how — and its share-link form. A link is untrusted input: decoding
 * never throws, and every refusal names the field (`workers: expected a whole number from 1 to 64, got "abc"`).
 *
 * Link shape, human-readable for everything but custom code:
 *   ?preset=dex-rush&txs=200&seed=1&pools=4&strategy=block-stm&workers=2
 *   ?block=19426587&strategy=dag&workers=4
 *   ?example=counter-demo&strategy=occ-rounds&workers=2&compare=block-stm,occ-rounds
 *   ?strategy=block-stm&workers=2#code=1.<deflate+base64url of the editor's state>
 * Custom code rides in the hash: it can be long, and the hash never reaches a server. It is the editor's share string
 * as it is (already compressed, so compressed once); links made before carried it packed again and still open.
 */
import * as v from 'valibot';
import { show } from '../engine/scenario/errors.ts';
import { suggest } from '../engine/scenario/fields.ts';
import { STRATEGY_CATALOG } from '../engine/strategies/catalog.ts';
import { KnobError, KNOB_NAMES, parseKnobs, parseSeed } from '../workloads/generators/knobs.ts';
import { PRESET_IDS, presetKnobs } from '../workloads/presets/presets.ts';
import { BLOCKS, EXAMPLES } from './catalog.ts';
import { MAX_PACKED, PackError, packText, unpackText } from './pack.ts';

export type KnobValue = string | number | boolean;

export type ScenarioSetup =
  | { kind: 'preset'; id: string; txs: number; seed: number; knobs: Record<string, KnobValue> }
  | { kind: 'block'; number: number }
  | { kind: 'example'; id: string }
  /** `code`: the editor's share state, opaque here (the editor owns its format). */
  | { kind: 'custom'; code: string }
  /** A file the user opened, kept in this browser (`app/open/`): `id` names it there. Links carry it in the hash
   * (`#scenario=`, Copy link in the setup panel), not in the query. */
  | { kind: 'file'; id: string };

export interface Setup {
  scenario: ScenarioSetup;
  strategy: string;
  workers: number;
  /** Strategies run one after another on the same scenario in compare mode (2 or more). */
  compare?: string[];
}

export type Decoded = { ok: true; setup: Setup } | { ok: false; message: string };

/** A hard bound for links and storage; the page further clamps to the machine's `hardwareConcurrency`. */
export const MAX_WORKERS = 64;
export const DEFAULT_PRESET = 'dex-rush';
export const DEFAULT_TXS = 200;
export const DEFAULT_SEED = 1;
/** Knobs a link may set for a preset (txs and seed have their own fields). */
export const URL_KNOBS: readonly string[] = KNOB_NAMES.filter((k) => k !== 'txs');
const SCENARIO_KEYS = ['preset', 'block', 'example', 'code'] as const;
const MAX_PARAM = 200;
/** Every link parameter the setup owns (the rest of the URL belongs to other parts of the page). */
export const SETUP_PARAMS: readonly string[] = [...SCENARIO_KEYS, 'txs', 'seed', 'strategy', 'workers', 'compare', ...URL_KNOBS];

export function strategyNames(): string[] {
  return STRATEGY_CATALOG.map((s) => s.name);
}

export function defaultSetup(workers = 2): Setup {
  const names = strategyNames();
  return {
    scenario: { kind: 'preset', id: DEFAULT_PRESET, txs: DEFAULT_TXS, seed: DEFAULT_SEED, knobs: {} },
    strategy: names.includes('block-stm') ? 'block-stm' : names[0]!,
    workers: Math.max(1, Math.min(MAX_WORKERS, Math.floor(workers))),
  };
}

/** The whole setup in valibot: used for stored setups (links go through `decodeSetup`, which words errors per field). */
const knobValue = v.union([v.string(), v.number(), v.boolean()]);
export const SetupSchema = v.object({
  scenario: v.variant('kind', [
    v.object({
      kind: v.literal('preset'),
      id: v.picklist(PRESET_IDS as string[]),
      txs: v.pipe(v.number(), v.integer(), v.minValue(10), v.maxValue(100_000)),
      seed: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffffffff)),
      knobs: v.record(v.picklist(URL_KNOBS as string[]), knobValue),
    }),
    v.object({ kind: v.literal('block'), number: v.picklist(BLOCKS.map((b) => b.number)) }),
    v.object({ kind: v.literal('example'), id: v.picklist(EXAMPLES.map((e) => e.id)) }),
    v.object({ kind: v.literal('custom'), code: v.pipe(v.string(), v.maxLength(2_000_000)) }),
    v.object({ kind: v.literal('file'), id: v.pipe(v.string(), v.maxLength(100)) }),
  ]),
  strategy: v.string(),
  workers: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_WORKERS)),
  compare: v.optional(v.array(v.string())),
});

/** The setup as a link's query (and hash for custom code), starting with `?`. */
export function encodeSetup(setup: Setup): string {
  const q = new URLSearchParams();
  const s = setup.scenario;
  let hash = '';
  if (s.kind === 'preset') {
    q.set('preset', s.id);
    q.set('txs', String(s.txs));
    q.set('seed', String(s.seed));
    for (const k of URL_KNOBS) if (Object.hasOwn(s.knobs, k)) q.set(k, String(s.knobs[k]));
  } else if (s.kind === 'block') q.set('block', String(s.number));
  else if (s.kind === 'example') q.set('example', s.id);
  else if (s.kind === 'file') {
    // The file lives in this browser: the query names none, so a reload keeps the stored setup's file.
  } else hash = `#code=${SHARE_STRING.test(s.code) ? s.code : packText(s.code)}`;
  q.set('strategy', setup.strategy);
  q.set('workers', String(setup.workers));
  if (setup.compare?.length) q.set('compare', setup.compare.join(','));
  // Commas and colons read better unescaped (compare lists, mixes) and are legal in a query.
  return `?${q.toString().replace(/%2C/gi, ',').replace(/%3A/gi, ':')}${hash}`;
}

class FieldError extends Error {}
const fail = (field: string, message: string): never => {
  throw new FieldError(`${field}: ${message}`);
};

/**
 * A link (full URL, or just its `?query#hash`) → the setup it describes. Fields the link leaves out take `base`'s
 * values (the default setup); a link with no scenario field keeps `base`'s scenario. Never throws.
 */
export function decodeSetup(url: string | URL, base: Setup = defaultSetup()): Decoded {
  try {
    return { ok: true, setup: decode(url, base) };
  } catch (e) {
    if (e instanceof FieldError) return { ok: false, message: e.message };
    return { ok: false, message: `link: could not be read (${e instanceof Error ? e.message : String(e)})` };
  }
}

function decode(url: string | URL, base: Setup): Setup {
  const text = typeof url === 'string' ? url : url.href;
  if (text.length > 1_000_000) fail('link', `too long (${text.length} characters)`);
  const params = readParams(text);
  const present = SCENARIO_KEYS.filter((k) => params.has(k));
  if (present.length > 1) fail('scenario', `a link names one of preset, block, example or code, got ${present.join(' and ')}`);
  for (const key of params.keys()) {
    if (key === 'code' || key === 'strategy' || key === 'compare' || SCENARIO_KEYS.includes(key as never)) continue;
    if (key === 'txs' || key === 'seed' || key === 'workers' || URL_KNOBS.includes(key)) continue;
    // Other parameters belong to other parts of the page (a lesson, a theme): only a miscased name of ours is an
    // error (spelling guesses would flag `present` as `preset`).
    const ours = ['txs', 'seed', 'workers', 'strategy', 'compare', ...SCENARIO_KEYS, ...URL_KNOBS];
    const guess = ours.find((k) => k.toLowerCase() === key.toLowerCase());
    if (guess) fail(short(key), `unknown parameter (did you mean "${guess}"?)`);
  }
  const get = (key: string): string | undefined => {
    const value = params.get(key);
    if (value !== undefined && key !== 'code' && value.length > MAX_PARAM) fail(key, `too long (${value.length} characters)`);
    return value;
  };

  let scenario: ScenarioSetup;
  if (params.has('preset')) scenario = presetFrom(get('preset')!, get);
  else if (params.has('block')) scenario = blockFrom(get('block')!);
  else if (params.has('example')) scenario = exampleFrom(get('example')!);
  else if (params.has('code')) scenario = { kind: 'custom', code: codeFrom(get('code')!) };
  else if (base.scenario.kind === 'preset' && ['txs', 'seed', ...URL_KNOBS].some((k) => params.has(k))) {
    scenario = presetFrom(base.scenario.id, get);
  } else scenario = base.scenario;

  const names = strategyNames();
  const strategy = get('strategy') ?? base.strategy;
  checkStrategy('strategy', strategy, names);
  const workersText = get('workers');
  const workers = workersText === undefined ? base.workers : wholeNumber('workers', workersText, 1, MAX_WORKERS);
  const setup: Setup = { scenario, strategy, workers };
  const compareText = get('compare');
  if (compareText !== undefined && compareText !== '') {
    const list = compareText.split(',').map((s) => s.trim());
    if (list.length < 2) fail('compare', `expected two or more strategies separated by commas, got ${show(compareText)}`);
    if (new Set(list).size !== list.length) fail('compare', `lists a strategy twice: ${show(compareText)}`);
    for (const name of list) checkStrategy('compare', name, names);
    setup.compare = list;
  } else if (compareText === undefined && base.compare) setup.compare = base.compare.slice();
  return setup;
}

/** Query and hash parameters together (the hash wins), from a full URL or a bare `?…#…`. */
function readParams(text: string): Map<string, string> {
  const hashAt = text.indexOf('#');
  const beforeHash = hashAt < 0 ? text : text.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  const params = new Map<string, string>();
  const add = (part: string) => {
    for (const [k, value] of new URLSearchParams(part)) {
      if (params.has(k)) fail(short(k), 'given twice in the link');
      params.set(k, value);
    }
  };
  if (queryAt >= 0) add(beforeHash.slice(queryAt + 1));
  if (hashAt >= 0) add(text.slice(hashAt + 1));
  return params;
}

function presetFrom(id: string, get: (key: string) => string | undefined): ScenarioSetup {
  if (!PRESET_IDS.includes(id)) {
    const guess = suggest(id, PRESET_IDS);
    fail('preset', `unknown ${show(id)} (${guess ? `did you mean "${guess}"? ` : ''}known: ${PRESET_IDS.join(', ')})`);
  }
  const txs = wholeNumber('txs', get('txs') ?? String(DEFAULT_TXS), 10, 100_000);
  const seedText = get('seed') ?? String(DEFAULT_SEED);
  try {
    parseSeed(seedText);
  } catch (e) {
    fail('seed', knobMessage(e));
  }
  const knobs: Record<string, KnobValue> = Object.create(null);
  for (const k of URL_KNOBS) {
    const raw = get(k);
    if (raw !== undefined) knobs[k] = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(raw) ? Number(raw) : raw;
  }
  checkKnobs(id, txs, knobs);
  return { kind: 'preset', id, txs, seed: Number(seedText), knobs: { ...knobs } };
}

/** Validates knobs with the generator's own schema; throws a field error naming the first bad knob. */
export function checkKnobs(presetId: string, txs: number, knobs: Record<string, KnobValue>): void {
  try {
    parseKnobs(presetKnobs(presetId, { ...knobsForGenerator(knobs), txs }));
  } catch (e) {
    if (e instanceof KnobError && e.issues[0]) {
      const i = e.issues[0];
      fail(i.keys.length ? i.keys.join('.') : 'knobs', i.message);
    }
    throw e;
  }
}

/** URL knob values → generator input: a mix travels as `erc20:0.7,swap:0.3`. */
export function knobsForGenerator(knobs: Record<string, KnobValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(knobs)) {
    if (k === 'mix' && typeof value === 'string') {
      const mix: Record<string, string> = {};
      for (const part of value.split(',')) {
        const [kind, weight] = part.split(':');
        if (kind) mix[kind.trim()] = (weight ?? '').trim();
      }
      out.mix = mix;
    } else out[k] = value;
  }
  return out;
}

function blockFrom(text: string): ScenarioSetup {
  const known = BLOCKS.map((b) => b.number);
  const n = Number(text);
  if (!/^\d+$/.test(text) || !known.includes(n)) fail('block', `not a bundled block: ${show(text)} (bundled: ${known.join(', ')})`);
  return { kind: 'block', number: n };
}

function exampleFrom(id: string): ScenarioSetup {
  const known = EXAMPLES.map((e) => e.id);
  if (!known.includes(id)) fail('example', `unknown ${show(id)} (known: ${known.join(', ')})`);
  return { kind: 'example', id };
}

/** The editor's share string: a format tag (`1.`) and base64url, compressed already (`editor/share.ts`). */
const SHARE_STRING = /^\d{1,3}\.[A-Za-z0-9_-]*$/;

/** `code` as the editor's share string: carried as it is, or (an older link) packed once more. Its size is bounded
 * here; its inflating, by the editor (which stops at its own limit). */
function codeFrom(packed: string): string {
  if (packed.length > MAX_PACKED) fail('code', `too long (${packed.length} characters, at most ${MAX_PACKED})`);
  const tag = /^\d{1,3}\./.exec(packed);
  if (tag) {
    const bad = packed.slice(tag[0].length).search(/[^A-Za-z0-9_-]/);
    if (bad >= 0) fail('code', `not base64url: character ${show(packed[tag[0].length + bad]!)} at position ${tag[0].length + bad + 1}`);
    return packed;
  }
  try {
    return unpackText(packed);
  } catch (e) {
    if (e instanceof PackError) fail('code', e.message);
    throw e;
  }
}

function checkStrategy(field: string, name: string, names: readonly string[]): void {
  if (names.includes(name)) return;
  const guess = suggest(name, names);
  fail(field, `unknown strategy ${show(name)} (${guess ? `did you mean "${guess}"? ` : ''}known: ${names.join(', ')})`);
}

function wholeNumber(field: string, text: string, lo: number, hi: number): number {
  const n = /^\d{1,9}$/.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < lo || n > hi) fail(field, `expected a whole number from ${lo} to ${hi}, got ${show(text)}`);
  return n;
}

function knobMessage(e: unknown): string {
  return e instanceof KnobError && e.issues[0] ? e.issues[0].message : String(e);
}

/** A parameter name as it may appear in a message: hostile names are cut short. */
function short(key: string): string {
  if (/^[\w-]{1,40}$/.test(key)) return key;
  return key.length > 40 ? `${JSON.stringify(key.slice(0, 36))}…` : JSON.stringify(key);
}

/** A stored setup (any JSON) → a valid setup, or undefined. Strategy names must still exist. */
export function parseStoredSetup(input: unknown): Setup | undefined {
  const parsed = v.safeParse(SetupSchema, input);
  if (!parsed.success) return undefined;
  const names = strategyNames();
  const setup = parsed.output as Setup;
  if (!names.includes(setup.strategy) || setup.compare?.some((c) => !names.includes(c))) return undefined;
  if (setup.scenario.kind === 'preset') {
    try {
      checkKnobs(setup.scenario.id, setup.scenario.txs, setup.scenario.knobs);
    } catch {
      return undefined;
    }
  }
  return setup;
}

/** Two setups describe the same scenario (same generated or loaded transactions). */
export function sameScenario(a: ScenarioSetup, b: ScenarioSetup): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(s: ScenarioSetup): unknown {
  if (s.kind !== 'preset') return s;
  return { ...s, knobs: Object.fromEntries(Object.entries(s.knobs).sort(([a], [b]) => (a < b ? -1 : 1))) };
}
