/**
 * A preset's description, true to the block the knobs make. A preset's text describes its own knob values ("No
 * conflicts"); a link or a lesson that changes the mix makes a different block, so the text then describes the mix
 * actually generated, kind by kind (`KIND_SUMMARIES`), and any other knob changed from the preset's own value is
 * named next to the text it may contradict.
 */
import { KIND_SUMMARIES } from '../workloads/generators/kinds/summaries.ts';
import type { KindId } from '../workloads/generators/kinds/ids.ts';
import type { Preset } from '../workloads/presets/presets.ts';
import { type KnobValue, knobsForGenerator } from './setup.ts';

export interface Blurb {
  text: string;
  /** The knobs set away from the preset's own values, in words (`hotSpot 0.2, preset 0.9`); empty when none. */
  changed: string[];
}

const pct = (share: number): string => `${Math.round(share * 100)} %`;

/** A mix as shares that sum to 1, from the link's `counter:1,user-counter:1` or the preset's `{ eth: 1 }`. */
function shares(mix: unknown): [string, number][] {
  const entries = Object.entries((mix ?? {}) as Record<string, unknown>).map(([k, w]) => [k, Number(w)] as [string, number]);
  const total = entries.reduce((a, [, w]) => a + (Number.isFinite(w) && w > 0 ? w : 0), 0);
  return total > 0 ? entries.filter(([, w]) => w > 0).map(([k, w]) => [k, w / total]) : [];
}

const sameMix = (a: [string, number][], b: [string, number][]): boolean =>
  a.length === b.length && a.every(([k, w]) => b.some(([k2, w2]) => k2 === k && Math.abs(w2 - w) < 1e-9));

export function presetBlurb(preset: Preset, knobs: Record<string, KnobValue>): Blurb {
  const given = knobsForGenerator(knobs);
  const changed: string[] = [];
  for (const [k, own] of Object.entries(preset.knobs)) {
    if (k === 'mix' || k === 'txs' || !(k in given)) continue;
    if (String(given[k]) !== String(own)) changed.push(`${k} ${String(given[k])} (preset: ${String(own)})`);
  }
  const mix = 'mix' in given ? shares(given.mix) : [];
  if (mix.length === 0 || sameMix(mix, shares(preset.knobs.mix))) return { text: preset.description, changed };
  const kinds = mix.map(([k, share]) => `${k} (${pct(share)}) ${KIND_SUMMARIES[k as KindId] ?? 'is not a known kind'}`);
  const own = shares(preset.knobs.mix).map(([k, share]) => `${k} ${pct(share)}`).join(', ');
  return { text: `${preset.name} with its mix changed (the preset’s own: ${own}). This block: ${kinds.join('; ')}.`, changed };
}
