/**
 * One palette: theme.css holds every colour of the page, and nothing under src/ui carries a colour of its own. A hex
 * literal anywhere else (a fallback in `var(--ok, #2e9e5b)`, a default in a canvas module) is how palettes used to
 * drift apart, so these tests read the sources and fail on one.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STRATEGY_CATALOG } from '../engine/strategies/catalog.ts';
import { COLOUR_NAMES } from './stage/palette.ts';

const UI = join(import.meta.dirname, '');
const THEME = 'theme.css';

/** Files that may keep a hex literal, each with the reason. Empty: keep it that way if you can. */
const ALLOWED: Record<string, string> = {};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(svelte|ts|css|js|html)$/.test(e.name) && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

// #abc, #abcd, #aabbcc, #aabbccdd; not Svelte's {#each}/{#if}, not an id inside a word or an `&#x…;` entity.
const HEX = /(?<![\w{&])#(?:[0-9a-f]{8}|[0-9a-f]{6}|[0-9a-f]{3,4})\b/gi;

const css = readFileSync(join(UI, THEME), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
/** The custom properties set inside the blocks whose selector matches `selector`. */
function declared(selector: RegExp): Set<string> {
  const out = new Set<string>();
  for (const m of css.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    if (!selector.test(m[1].trim())) continue;
    for (const d of m[2].matchAll(/(--[\w-]+)\s*:/g)) out.add(d[1]);
  }
  return out;
}

describe('the palette', () => {
  it('has no hex colour outside theme.css under src/ui', () => {
    const found: string[] = [];
    for (const file of sources(UI)) {
      const rel = relative(UI, file);
      if (rel === THEME || rel in ALLOWED) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const m of line.matchAll(HEX)) found.push(`src/ui/${rel}:${i + 1}: ${m[0]}`);
        });
    }
    expect(found, 'name a theme.css variable instead (var(--ok) in CSS and SVG, readPalette for canvas)').toEqual([]);
  });

  it('sets every colour a canvas reads in the light and the dark theme', () => {
    const light = declared(/^:root,\s*:root\[data-theme='light'\]$/);
    const dark = declared(/^:root\[data-theme='dark'\]$/);
    for (const name of COLOUR_NAMES) {
      expect(light.has(name), `${name} in the light theme`).toBe(true);
      expect(dark.has(name), `${name} in the dark theme`).toBe(true);
    }
  });

  it('gives the dark theme every colour the light one has', () => {
    const light = declared(/^:root,\s*:root\[data-theme='light'\]$/);
    const dark = declared(/^:root\[data-theme='dark'\]$/);
    expect([...light].filter((n) => !dark.has(n))).toEqual([]);
    expect([...dark].filter((n) => !light.has(n))).toEqual([]);
  });

  it('has a line colour for every strategy of the catalog', () => {
    const all = declared(/^:root$/);
    for (const { name } of STRATEGY_CATALOG) expect(all.has(`--strategy-${name}`), name).toBe(true);
  });

  it('defines every custom property that src/ui reads', () => {
    const defined = new Set<string>();
    const files = sources(UI);
    // theme.css and app.css, plus properties components set themselves (`style:--row-h`, `--label-px: …`).
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:style:|setProperty\(['"])?(--[\w-]+)\s*[:=]/g)) defined.add(m[1]);
      for (const m of text.matchAll(/style:(--[\w-]+)/g)) defined.add(m[1]);
    }
    const missing: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/var\((--[\w-]+)/g)) if (!defined.has(m[1])) missing.push(`src/ui/${relative(UI, file)}: ${m[1]}`);
    }
    // `--strategy-${name}` is built from a name: the catalog test above covers those.
    expect(missing.filter((m) => !m.endsWith('--strategy-'))).toEqual([]);
  });
});
