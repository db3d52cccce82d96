/**
 * Turning a setup's scenario into a `Scenario`: generating a preset (seeded, so the same knobs give the same block
 * anywhere), fetching a bundled mainnet block from `public/blocks/`, or reading an example file. Runs wherever the
 * engine runs — in the coordinator worker normally — so generation never blocks the page.
 */
import counterDemo from '../../examples/counter-demo.json' with { type: 'json' };
import { loadScenarioFromJson } from '../engine/scenario/index.ts';
import type { Scenario } from '../engine/scenario/types.ts';
import { BLOCKS, EXAMPLES } from './catalog.ts';
import { type ScenarioSetup, knobsForGenerator } from './setup.ts';

/** What the engine is asked to run: a setup's scenario, or one the editor built (already a `Scenario`). */
export type ScenarioSource =
  | Exclude<ScenarioSetup, { kind: 'custom' } | { kind: 'file' }>
  | { kind: 'built'; key: string; label: string; scenario: Scenario };

export interface LoadContext {
  /** Absolute URL of the site's `blocks/` folder (a worker's own URL is not the page's, so it is passed in). */
  blockBase: string;
  fetchJson?: (url: string) => Promise<unknown>;
}

/** Where the page fetches bundled blocks from: next to the page, so the site works from any sub-path. */
export function blockBase(pageUrl: string = globalThis.location?.href ?? 'http://localhost/'): string {
  // Relative to the page (the build's base is './'): `/sub/path/?x` → `/sub/path/blocks/`.
  return new URL('blocks/', pageUrl).href;
}

/** A stable identity for caching: equal keys mean the same transactions. */
export function sourceKey(source: ScenarioSource): string {
  switch (source.kind) {
    case 'preset': {
      const knobs = Object.entries(source.knobs).sort(([a], [b]) => (a < b ? -1 : 1));
      return `preset:${source.id}:${source.txs}:${source.seed}:${JSON.stringify(knobs)}`;
    }
    case 'block':
      return `block:${source.number}`;
    case 'example':
      return `example:${source.id}`;
    case 'built':
      return `built:${source.key}`;
  }
}

/** A short name for people: what the stage and the compare view put in their titles. */
export function sourceLabel(source: ScenarioSource): string {
  switch (source.kind) {
    case 'preset':
      return `${source.id}, ${source.txs} txs, seed ${source.seed}`;
    case 'block':
      return BLOCKS.find((b) => b.number === source.number)?.label ?? `block ${source.number}`;
    case 'example':
      return EXAMPLES.find((e) => e.id === source.id)?.label ?? source.id;
    case 'built':
      return source.label;
  }
}

export async function loadScenario(source: ScenarioSource, ctx: LoadContext): Promise<Scenario> {
  switch (source.kind) {
    case 'preset': {
      // Loaded on first use: the page imports this module for `sourceLabel` and must not carry the generator (and
      // the contracts' bytecode) with it; the coordinator worker loads it once.
      const { generatePreset } = await import('../workloads/presets/index.ts');
      return generatePreset(source.id, { ...knobsForGenerator(source.knobs), txs: source.txs }, source.seed);
    }
    case 'block': {
      const url = new URL(`${source.number}.json`, ctx.blockBase).href;
      return loadScenarioFromJson(await (ctx.fetchJson ?? fetchJsonOverHttp)(url), { sourceName: `blocks/${source.number}.json` });
    }
    case 'example':
      if (source.id === 'counter-demo') return loadScenarioFromJson(counterDemo, { sourceName: 'examples/counter-demo.json' });
      if (source.id === 'prague-set-code') {
        // Loaded on first use, like the presets: 17 kB the first page does not need.
        const { default: json } = await import('../../examples/prague-set-code.json', { with: { type: 'json' } });
        return loadScenarioFromJson(json, { sourceName: 'examples/prague-set-code.json' });
      }
      throw new Error(`example: unknown "${source.id}"`);
    case 'built':
      return source.scenario;
  }
}

async function fetchJsonOverHttp(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not fetch ${url}: HTTP ${res.status} ${res.statusText}`);
  try {
    return await res.json();
  } catch (e) {
    throw new Error(`${url} is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
}

/** Keeps the last few loaded scenarios (a compare run loads one scenario for every strategy). A failed load is forgotten. */
export class ScenarioCache {
  private readonly loaded = new Map<string, Promise<Scenario>>();

  constructor(private readonly keep = 4) {}

  get(key: string, load: () => Promise<Scenario>): Promise<Scenario> {
    let p = this.loaded.get(key);
    if (p) {
      // Most recently used goes last; the oldest is dropped first.
      this.loaded.delete(key);
      this.loaded.set(key, p);
      return p;
    }
    p = load();
    this.loaded.set(key, p);
    p.catch(() => this.loaded.delete(key));
    while (this.loaded.size > this.keep) this.loaded.delete(this.loaded.keys().next().value!);
    return p;
  }
}
