/** Node only: the blockchain-test files under the paths a user names (files as given, folders searched for `.json`). */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseJsonText } from '../scenario/jsonText.ts';

/** A path that is neither a file nor a folder: the message names it. */
export class MissingPath extends Error {
  override readonly name = 'MissingPath';
}

/** Every `.json` file under `paths`, in a stable order (each folder's entries sorted by name). */
export async function findFixtureFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    const s = await stat(path).catch(() => undefined);
    if (s === undefined) throw new MissingPath(`no such file or folder: ${path}`);
    if (s.isDirectory()) await walk(path, out);
    else out.push(path);
  }
  return out;
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) await walk(path, out);
    else if (e.isFile() && e.name.endsWith('.json')) out.push(path);
  }
}

/** The parsed JSON of one file; a syntax error is a `ScenarioError` naming the file. */
export async function readJsonFile(path: string, sourceName = path): Promise<unknown> {
  return parseJsonText(await readFile(path, 'utf8'), sourceName);
}
