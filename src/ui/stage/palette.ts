/**
 * The stage's colours by name. The values live in one place, src/ui/theme.css (light, dark, presentation); this module
 * only names them: `cssVar` for CSS and SVG (the browser resolves the variable), `readPalette` for canvas layers, which
 * need the values themselves, and `themeChanged` so a canvas repaints when the theme switches.
 */
import { createSubscriber } from 'svelte/reactivity';
import type { BarLook } from '../playback/model.ts';

/** The colours a canvas layer may read (all set by theme.css). */
export const COLOUR_NAMES = ['--ok', '--reexec', '--abort', '--running', '--executed', '--wait', '--recover', '--discarded', '--critical', '--bg', '--fg', '--muted', '--line', '--lane'] as const;

export type ColourName = (typeof COLOUR_NAMES)[number];
export type Palette = Record<ColourName, string>;

/** `var(--ok)`: for SVG and HTML, where CSS resolves the variable. */
export const cssVar = (name: ColourName): string => `var(${name})`;

const cache = new WeakMap<Element, { at: number; epoch: number; palette: Palette }>();
let paletteEpoch = 0;

/**
 * The colours as they are on `el` (themes set the variables on <html>), re-read at most every 250 ms: reading
 * computed styles every frame can force a style recalculation, and a theme switch forgets the cache at once.
 */
export function readPalette(el: Element): Palette {
  const now = performance.now();
  const hit = cache.get(el);
  if (hit && hit.epoch === paletteEpoch && now - hit.at < 250) return hit.palette;
  const style = getComputedStyle(el);
  const palette = Object.fromEntries(COLOUR_NAMES.map((name) => [name, style.getPropertyValue(name).trim()])) as Palette;
  cache.set(el, { at: now, epoch: paletteEpoch, palette });
  return palette;
}

let themeEpoch = 0;
// One observer for the page, alive while some effect reads `themeChanged()` (Svelte's createSubscriber pattern).
const subscribe = createSubscriber((update) => {
  const changed = (): void => {
    paletteEpoch++;
    themeEpoch++;
    update();
  };
  const mo = new MutationObserver(changed);
  mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class', 'style'] });
  const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
  mq?.addEventListener('change', changed);
  return () => {
    mo.disconnect();
    mq?.removeEventListener('change', changed);
  };
});

/**
 * A counter that goes up whenever the theme may have changed (`data-theme` / `class` on <html>, or the system colour
 * scheme). Read inside an effect or `$derived`, it makes that reader re-run on a switch (and presentation mode, which
 * is a class on <html> too).
 */
export function themeChanged(): number {
  subscribe();
  return themeEpoch;
}

export const LOOK_COLOUR: Record<BarLook, ColourName> = {
  running: '--running',
  executed: '--executed',
  committed: '--ok',
  reexecuted: '--reexec',
  aborted: '--abort',
  discarded: '--discarded',
  recover: '--recover',
};

/** The legend, in plain words. */
export const LEGEND: { colour: ColourName; label: string }[] = [
  { colour: '--running', label: 'executing now' },
  { colour: '--executed', label: 'executed, waiting for validation' },
  { colour: '--ok', label: 'committed on the first try' },
  { colour: '--reexec', label: 'committed after re-execution' },
  { colour: '--abort', label: 'aborted: read a value another transaction then changed' },
  { colour: '--discarded', label: 'result not used (a hint pass, or replaced before validation)' },
  { colour: '--wait', label: 'waiting on another transaction' },
  { colour: '--recover', label: 'recovering senders (signature checks)' },
];

/** A strategy's line colour in the Scale lab's charts (`--strategy-<name>` in theme.css; unknown names share one). */
export const strategyColour = (name: string): string =>
  /^[a-z0-9-]+$/.test(name) ? `var(--strategy-${name}, var(--strategy-other))` : 'var(--strategy-other)';
