/**
 * Where the CLI's workloads come from, in one place for `compare`, `compare:all`, `scale` and `bench`: the generated
 * presets, the benchmark's generated blocks, mainnet bundles (../shared/data/mainnet, or the page's public/blocks
 * without it), and scenario or bundle files. Bad input becomes a `UsageError` naming the flag or the file.
 */
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScenarioError, loadScenarioFromJson, type Scenario } from '../engine/scenario/index.ts';
import { parseJsonText } from '../engine/scenario/jsonText.ts';
import { decodeBlockRlp } from '../engine/evm/blockRlp.ts';
import { loadScenarioFile } from '../engine/scenario/loadFile.node.ts';
import { ammSwaps, erc20Transfers, ethTransfers } from '../workloads/bench.ts';
import { KnobError } from '../workloads/generators/index.ts';
import { generatePreset } from '../workloads/presets/index.ts';
import { UsageError } from './args.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHARED_MAINNET_DIR = resolve(ROOT, '../shared/data/mainnet');
const PAGE_BLOCKS_DIR = resolve(ROOT, 'public/blocks');

/** The shared bundles; the page's copies when the shared data is not checked out next to the project. */
export function defaultMainnetDir(): string {
  return existsSync(SHARED_MAINNET_DIR) || !existsSync(PAGE_BLOCKS_DIR) ? SHARED_MAINNET_DIR : PAGE_BLOCKS_DIR;
}

/** How the usage texts name the default bundle directory. */
export const MAINNET_DIR_TEXT = '../shared/data/mainnet';

/** The block numbers with a bundle (`<number>.json`) in `dir`, in ascending order. */
export async function bundleNumbers(dir: string): Promise<string[]> {
  let files: string[];
  try {
    files = await readdir(dir);
  } catch (error) {
    throw new UsageError(`cannot read the mainnet bundles in ${dir}: ${(error as Error).message}`);
  }
  return files
    .filter((f) => /^\d+\.json$/.test(f))
    .map((f) => f.slice(0, -'.json'.length))
    .sort((a, b) => Number(a) - Number(b));
}

/** `wanted` (block numbers, in ascending order) or every bundle in `dir`; a block without a bundle is a usage error. */
export async function chooseBundles(dir: string, wanted: readonly string[] | undefined): Promise<string[]> {
  const have = await bundleNumbers(dir);
  if (wanted === undefined) return have;
  for (const b of wanted) {
    if (!/^\d+$/.test(b)) throw new UsageError(`--blocks must be block numbers, got "${b}"`);
    if (!have.includes(b)) throw new UsageError(`--blocks: no bundle for block ${b} in ${dir} (there: ${have.join(', ') || 'none'})`);
  }
  return [...new Set(wanted)].sort((a, b) => Number(a) - Number(b));
}

export interface Bundle {
  block: string;
  scenario: Scenario;
  /** The bundle's JSON as read, for the stock `runBlock` reference. */
  raw: unknown;
}

/** One bundle; senders recovered from the signatures unless `trustFrom` (the bundle's own "from" fields). */
export async function loadBundle(dir: string, block: string, trustFrom: boolean): Promise<Bundle> {
  const sourceName = `${block}.json`;
  try {
    const raw = parseJsonText(await readFile(join(dir, sourceName), 'utf8'), sourceName);
    return { block, scenario: { ...loadScenarioFromJson(raw, { sourceName, trustFrom }), name: `block ${block}` }, raw };
  } catch (error) {
    if (error instanceof ScenarioError) throw new UsageError(error.message);
    if ((error as NodeJS.ErrnoException).code !== undefined) throw new UsageError(`${sourceName}: cannot read ${join(dir, sourceName)}: ${(error as Error).message}`);
    throw error;
  }
}

/** The benchmark's generated blocks: the same kinds at any size, so a small one warms up what a large one times. */
export const GENERATED = [
  { group: 'eth', label: 'ETH transfers', make: ethTransfers },
  { group: 'erc20', label: 'ERC20 transfers', make: erc20Transfers },
  { group: 'amm', label: 'AMM swaps, 1 pool', make: ammSwaps },
] as const;

/** A preset, with the generator's complaints named by flag (`--txs: ...`). */
export function presetScenario(id: string, overrides: Record<string, unknown>, seed: number | string = 1): Scenario {
  try {
    return generatePreset(id, overrides, seed);
  } catch (error) {
    if (error instanceof KnobError) {
      throw new UsageError(error.issues.map(({ keys, message }) => `--${String(keys[0] ?? error.prefix)}: ${message}`).join('; '));
    }
    throw error;
  }
}

/** The scenario of `compare` and `scale`: a file (scenario or bundle) or a preset, never both. */
export async function scenarioInput(positionals: string[], values: { preset?: string; txs?: string; seed?: string; test?: string }, trustFrom: boolean, command = 'compare'): Promise<Scenario> {
  if (values.preset !== undefined) {
    if (values.test !== undefined) throw new UsageError('--test chooses a test of a blockchain-test file, not of a --preset');
    if (positionals.length > 0) throw new UsageError(`${command} takes a file or --preset, not both (got ${positionals.join(' ')} and --preset ${values.preset})`);
    const overrides = values.txs === undefined ? {} : { txs: numberOrText(values.txs) };
    return presetScenario(values.preset, overrides, values.seed === undefined ? 1 : numberOrText(values.seed));
  }
  if (values.txs !== undefined || values.seed !== undefined) throw new UsageError('--txs and --seed go with --preset (a file already fixes its transactions)');
  if (positionals.length === 0) throw new UsageError('needs a scenario or bundle file, or --preset ID (see: npm run cli -- help)');
  if (positionals.length > 1) throw new UsageError(`${command} takes one file, got ${positionals.length}: ${positionals.join(' ')}`);
  try {
    return await loadScenarioFile(positionals[0], { trustFrom, test: values.test, decodeRlp: decodeBlockRlp });
  } catch (error) {
    if (error instanceof ScenarioError) throw new UsageError(error.message);
    throw error;
  }
}

/** Numbers as numbers, so the generator's messages read `got -1`; anything else stays text for it to judge. */
const numberOrText = (text: string): number | string => (/^\s*-?\d+(\.\d*)?\s*$/.test(text) ? Number(text) : text);
