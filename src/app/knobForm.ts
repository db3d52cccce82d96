/**
 * The preset form: which knobs a preset shows (its own, plus the skew and seed everyone has), and turning the
 * fields' text into a scenario setup — or into one message per bad field, worded by the generator's own validation.
 */
import { KNOB_DOCS, type Knobs } from '../workloads/generators/knobs.ts';
import { getPreset } from '../workloads/presets/presets.ts';
import { type KnobValue, type ScenarioSetup, checkKnobs, knobsForGenerator } from './setup.ts';

export type PresetSetup = Extract<ScenarioSetup, { kind: 'preset' }>;

export interface KnobField {
  name: string;
  /** One line on what the knob does (the generator's own docs). */
  help: string;
  /** The preset's value, shown as the placeholder when the field is empty. */
  presetValue: string;
}

/** The knobs worth a field for this preset: the numbers it sets itself, and skew and hotSpot for everyone. */
export function knobFields(presetId: string): KnobField[] {
  const preset = getPreset(presetId);
  const names = new Set<string>(Object.keys(preset.knobs).filter((k) => k !== 'mix'));
  for (const k of ['hotSpot', 'skew']) names.add(k);
  return [...names].map((name) => {
    const own = (preset.knobs as Record<string, unknown>)[name];
    return {
      name,
      help: KNOB_DOCS[name as keyof Knobs] ?? '',
      presetValue: own === undefined ? defaultText(name) : String(own),
    };
  });
}

function defaultText(name: string): string {
  // The generator's defaults, as a user would type them.
  const d: Record<string, string> = { hotSpot: '0', skew: '0' };
  return d[name] ?? '';
}

export interface FormInput {
  presetId: string;
  txs: string;
  seed: string;
  /** Knob fields as typed; empty means "the preset's value". */
  knobs: Record<string, string>;
}

export type FormResult = { ok: true; scenario: PresetSetup } | { ok: false; errors: Record<string, string> };

/** Validates every field; errors are keyed by field (`txs`, `seed`, a knob's name, or `knobs` for a combination). */
export function readForm(input: FormInput): FormResult {
  const errors: Record<string, string> = {};
  const txs = wholeNumber(input.txs, 10, 100_000);
  if (typeof txs === 'string') errors.txs = txs;
  const seed = wholeNumber(input.seed, 0, 0xffffffff);
  if (typeof seed === 'string') errors.seed = seed;
  const knobs: Record<string, KnobValue> = {};
  for (const [name, raw] of Object.entries(input.knobs)) {
    const text = raw.trim();
    if (text === '') continue;
    knobs[name] = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text) ? Number(text) : text;
  }
  // Each knob alone first, so every bad field gets its own message; then the combination.
  for (const [name, value] of Object.entries(knobs)) {
    const message = knobProblem(input.presetId, { [name]: value });
    if (message) errors[name] = message.replace(/^[^:]*: /, '');
  }
  if (Object.keys(errors).length === 0) {
    const message = knobProblem(input.presetId, knobs, txs as number);
    if (message) {
      const field = message.slice(0, message.indexOf(':'));
      errors[field in knobs ? field : 'knobs'] = field in knobs ? message.slice(field.length + 2) : message;
    }
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, scenario: { kind: 'preset', id: input.presetId, txs: txs as number, seed: seed as number, knobs } };
}

/** The preset setup as form text (what the fields show). */
export function formFrom(s: PresetSetup): FormInput {
  return {
    presetId: s.id,
    txs: String(s.txs),
    seed: String(s.seed),
    knobs: Object.fromEntries(Object.entries(s.knobs).map(([k, val]) => [k, String(val)])),
  };
}

function knobProblem(presetId: string, knobs: Record<string, KnobValue>, txs = 100): string | undefined {
  try {
    checkKnobs(presetId, txs, knobs);
    knobsForGenerator(knobs);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

function wholeNumber(text: string, lo: number, hi: number): number | string {
  const t = text.trim();
  const n = /^\d{1,10}$/.test(t) ? Number(t) : NaN;
  return Number.isInteger(n) && n >= lo && n <= hi ? n : `expected a whole number from ${lo} to ${hi}, got ${JSON.stringify(text)}`;
}
