/** Node only: read a scenario file or block bundle from disk. */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ScenarioError } from './errors.ts';
import { loadScenarioText, type LoadOptions } from './load.ts';
import type { Scenario } from './types.ts';

/** Errors name the file (its base name unless `opts.sourceName` says otherwise). Throws `ScenarioError`. */
export async function loadScenarioFile(path: string, opts: LoadOptions = {}): Promise<Scenario> {
  const sourceName = opts.sourceName ?? basename(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((error as Error).message);
    throw new ScenarioError([{ path: '', message: `cannot read ${path}: ${reason}` }], sourceName);
  }
  return loadScenarioText(text, { ...opts, sourceName });
}
