/** Node-only: reads every `.sol` file next to this module. */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONTRACTS_DIR = dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS_PATH = join(CONTRACTS_DIR, 'artifacts.json');
/** The same contracts' ABIs alone, for the page (`toAbis`). */
export const ABIS_PATH = join(CONTRACTS_DIR, 'abis.json');
/** Their docs (storage layouts, the state each function touches, code hashes), for the page (`toDocs`). */
export const DOCS_PATH = join(CONTRACTS_DIR, 'docs.json');

export function readSources(dir: string = CONTRACTS_DIR): Record<string, string> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sol')).sort();
  return Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}
