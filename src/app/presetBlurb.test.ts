import { describe, expect, it } from 'vitest';
import { PRESETS } from '../workloads/presets/presets.ts';
import { presetBlurb } from './presetBlurb.ts';

const preset = (id: string) => PRESETS.find((p) => p.id === id)!;

describe('a preset’s description against its knobs', () => {
  it('is the preset’s own text when the knobs are the preset’s', () => {
    expect(presetBlurb(preset('dex-rush'), {})).toEqual({ text: preset('dex-rush').description, changed: [] });
    expect(presetBlurb(preset('independent-payments'), { mix: 'eth:1' }).text).toBe(preset('independent-payments').description);
  });

  it('describes the mix actually generated when a link changes it (lesson 1’s counters are not "no conflicts")', () => {
    const b = presetBlurb(preset('independent-payments'), { mix: 'counter:0.5,user-counter:0.5' });
    expect(b.text).not.toMatch(/No conflicts/);
    expect(b.text).toMatch(/counter \(50 %\) increments the one shared counter; every increment reads and writes the same slot/);
    expect(b.text).toMatch(/user-counter \(50 %\) increments the sender’s own slot/);
  });

  it('names a knob changed away from the preset’s own value', () => {
    expect(presetBlurb(preset('dex-rush'), { hotSpot: 0.2, pools: 4 }).changed).toEqual(['hotSpot 0.2 (preset: 0.9)']);
  });
});
