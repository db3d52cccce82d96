/** Presets by id, and generating one with some knobs overridden. */
import type { Scenario } from '../../engine/scenario/types.ts';
import { KnobError, generate, type Knobs } from '../generators/index.ts';
import { suggest } from '../../engine/scenario/fields.ts';
import { PRESETS, type Preset } from './presets.ts';

export { PRESETS, type Preset } from './presets.ts';

export const PRESET_IDS: readonly string[] = PRESETS.map((p) => p.id);

/** The preset with this id; throws `KnobError` (on `preset`) naming the known ones. */
export function getPreset(id: string): Preset {
  const preset = PRESETS.find((p) => p.id === id);
  if (preset) return preset;
  const guess = suggest(id, PRESET_IDS);
  const hint = guess ? `did you mean "${guess}"?` : `known: ${PRESET_IDS.join(', ')}`;
  throw new KnobError([{ keys: [], message: `unknown preset ${JSON.stringify(id)} (${hint})` }], 'preset');
}

/** The preset's knobs with `overrides` on top (a `mix` override replaces the whole mix). */
export function presetKnobs(id: string, overrides: Partial<Record<keyof Knobs, unknown>> = {}): Record<string, unknown> {
  return { ...getPreset(id).knobs, ...overrides };
}

/** Generates a preset's scenario; the scenario is named after the preset. Throws `KnobError`. */
export function generatePreset(id: string, overrides: Partial<Record<keyof Knobs, unknown>>, seed: unknown): Scenario {
  const preset = getPreset(id);
  return generate(presetKnobs(id, overrides), seed, { name: preset.id, description: `${preset.name}: ${preset.description}` });
}
