/**
 * Stage colours. Every colour is a CSS custom property with a default here, so themes (dark, light, high-contrast
 * presentation) restyle the stage by setting variables; canvas layers read them with `getComputedStyle`.
 */
import type { BarLook } from '../playback/model.ts';

export const DEFAULTS = {
  '--ok': '#2e9e5b',
  '--reexec': '#d99a1e',
  '--abort': '#d64545',
  '--running': '#4f7fe8',
  '--executed': '#9bb6ee',
  '--wait': '#9aa3ad',
  '--recover': '#9b7fd1',
  '--discarded': '#c7cdd4',
  '--critical': '#d64545',
  '--bg': '#ffffff',
  '--fg': '#1b1f24',
  '--muted': '#5d6673',
  '--line': '#dde1e6',
  '--lane': '#f3f5f7',
} as const;

export type ColourName = keyof typeof DEFAULTS;
export type Palette = Record<ColourName, string>;

/** `var(--ok, #2e9e5b)`: for SVG and HTML, where CSS resolves the variable. */
export const cssVar = (name: ColourName): string => `var(${name}, ${DEFAULTS[name]})`;

const cache = new WeakMap<Element, { at: number; epoch: number; palette: Palette }>();
let paletteEpoch = 0;

/**
 * The colours as they are on `el` (themes set the variables on an ancestor), re-read at most every 250 ms: reading
 * computed styles every frame can force a style recalculation, and a theme switch a quarter-second late is fine.
 */
export function readPalette(el: Element): Palette {
  const now = performance.now();
  const hit = cache.get(el);
  if (hit && hit.epoch === paletteEpoch && now - hit.at < 250) return hit.palette;
  const palette = readPaletteNow(el);
  cache.set(el, { at: now, epoch: paletteEpoch, palette });
  return palette;
}

function readPaletteNow(el: Element): Palette {
  const style = getComputedStyle(el);
  const out = { ...DEFAULTS } as Palette;
  for (const name of Object.keys(DEFAULTS) as ColourName[]) {
    const v = style.getPropertyValue(name).trim();
    if (v) out[name] = v;
  }
  return out;
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

/**
 * A counter that goes up whenever the theme may have changed (`data-theme` / `class` on <html>, or the system colour
 * scheme): canvas layers read it in their draw effect so a paused stage repaints in the new colours.
 */
export function themeWatcher(onChange: () => void): () => void {
  const changed = (): void => {
    forgetPalettes();
    onChange();
  };
  const mo = new MutationObserver(changed);
  mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class', 'style'] });
  const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
  mq?.addEventListener('change', changed);
  return () => {
    mo.disconnect();
    mq?.removeEventListener('change', changed);
  };
}

/** Forget cached colours (after a theme change). */
export function forgetPalettes(): void {
  paletteEpoch++;
}

/**
 * One colour per strategy, for charts that draw several side by side (the Scale lab): Okabe–Ito's colour-blind-safe
 * set, in the catalog's order. Readable on the light and the dark theme.
 */
export const STRATEGY_COLOURS: Readonly<Record<string, string>> = {
  sequential: '#7f8790',
  'block-stm': '#0072b2',
  'block-stm-deltas': '#56b4e9',
  'occ-rounds': '#e69f00',
  dag: '#009e73',
  'access-locks': '#cc79a7',
  predictive: '#d55e00',
  shards: '#b8a200',
  'shards-graph': '#8e6bd1',
};

export const strategyColour = (name: string): string => STRATEGY_COLOURS[name] ?? '#7f8790';
