/** Presets by id, and generating one with some knobs overridden. */
import type { Scenario } from '../../engine/scenario/types.ts';
import { generate, type Knobs } from '../generators/index.ts';
import { getPreset, presetKnobs } from './presets.ts';

export { PRESETS, PRESET_IDS, getPreset, presetKnobs, type Preset } from './presets.ts';

/** Generates a preset's scenario; the scenario is named after the preset. Throws `KnobError`. */
export function generatePreset(id: string, overrides: Partial<Record<keyof Knobs, unknown>>, seed: unknown): Scenario {
  const preset = getPreset(id);
  return generate(presetKnobs(id, overrides), seed, { name: preset.id, description: `${preset.name}: ${preset.description}` });
}
