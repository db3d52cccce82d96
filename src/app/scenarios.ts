/**
 * The scenarios the page ships with: three generated workloads with known conflict shapes, two real mainnet blocks
 * (fetched from `public/blocks/`, relative to the page so the site works from any sub-path) and the example file.
 * Each is built or fetched on first use and kept.
 */
import counterDemo from '../../examples/counter-demo.json' with { type: 'json' };
import { PEVM_CREDIT, loadScenarioFromJson } from '../engine/scenario/index.ts';
import type { Scenario } from '../engine/scenario/types.ts';
import { ammSwaps, erc20Transfers, ethTransfers } from '../workloads/bench.ts';

export interface ScenarioChoice {
  id: string;
  label: string;
  /** One sentence on what it is and what conflicts to expect. */
  blurb: string;
  /** Where the data comes from, when it is not ours. */
  credit?: string;
  load(fetchJson?: (url: string) => Promise<unknown>): Promise<Scenario>;
}

const generated = (make: () => Scenario) => async () => make();

/** Where the page fetches a bundled block from: relative to the page's base, so it works from any sub-path. */
export function blockUrl(number: number): string {
  return `${import.meta.env.BASE_URL}blocks/${number}.json`;
}

async function fetchJsonOverHttp(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not fetch ${url}: HTTP ${res.status} ${res.statusText}`);
  try {
    return await res.json();
  } catch (e) {
    throw new Error(`${url} is not valid JSON: ${(e as Error).message}`);
  }
}

function mainnetBlock(number: number, label: string, blurb: string): ScenarioChoice {
  return {
    id: `block-${number}`,
    label,
    blurb,
    credit: PEVM_CREDIT,
    async load(fetchJson = fetchJsonOverHttp) {
      const url = blockUrl(number);
      return loadScenarioFromJson(await fetchJson(url), { sourceName: `blocks/${number}.json` });
    },
  };
}

export const SCENARIOS: readonly ScenarioChoice[] = [
  {
    id: 'dex-rush',
    label: 'DEX rush: 200 swaps on one pool',
    blurb: 'Every swap reads and writes the same pool reserves: the worst case for optimistic execution.',
    load: generated(() => ammSwaps(200)),
  },
  {
    id: 'erc20',
    label: 'ERC20 transfers (200 txs)',
    blurb: 'Two hundred transfers on one token between distinct accounts: separate balance slots, no real conflict.',
    load: generated(() => erc20Transfers(200)),
  },
  {
    id: 'eth',
    label: 'Independent ETH payments (200)',
    blurb: 'Two hundred plain payments from distinct senders to fresh recipients: embarrassingly parallel.',
    load: generated(() => ethTransfers(200)),
  },
  mainnetBlock(19426587, 'Mainnet block 19,426,587 (first Dencun block, 37 txs)', 'A real Cancun block; senders are recovered from the signatures.'),
  mainnetBlock(15537394, 'Mainnet block 15,537,394 (first proof-of-stake block, 80 txs)', 'A real Paris block; senders are recovered from the signatures.'),
  {
    id: 'counter-demo',
    label: 'Three transfers (examples/counter-demo.json)',
    blurb: 'Alice pays Bob, Bob pays Carol, Dave pays Erin: the first two conflict on Bob’s balance.',
    load: async () => loadScenarioFromJson(counterDemo, { sourceName: 'examples/counter-demo.json' }),
  },
];

/** The first page shows a scenario with visible conflicts. */
export const DEFAULT_SCENARIO_ID = 'dex-rush';

export function findScenario(id: string): ScenarioChoice {
  const choice = SCENARIOS.find((s) => s.id === id);
  if (!choice) throw new Error(`unknown scenario "${id}"`);
  return choice;
}

/** Loads each scenario once per page. A failed load is not kept, so the user can try again. */
export class ScenarioCache {
  private readonly loaded = new Map<string, Promise<Scenario>>();

  get(choice: ScenarioChoice): Promise<Scenario> {
    let p = this.loaded.get(choice.id);
    if (!p) {
      p = choice.load();
      this.loaded.set(choice.id, p);
      p.catch(() => this.loaded.delete(choice.id));
    }
    return p;
  }
}
