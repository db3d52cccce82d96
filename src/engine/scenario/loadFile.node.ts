/** Node only: read a scenario file or block bundle from disk. */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ScenarioError } from './errors.ts';
import { parseJsonText } from './jsonText.ts';
import { loadScenarioText, type LoadOptions } from './load.ts';
import { rpcDumpToScenario } from './rpcDump.ts';
import type { Scenario } from './types.ts';

/** Errors name the file (its base name unless `opts.sourceName` says otherwise). Throws `ScenarioError`. */
export async function loadScenarioFile(path: string, opts: LoadOptions = {}): Promise<Scenario> {
  const sourceName = opts.sourceName ?? basename(path);
  return loadScenarioText(await readText(path, sourceName), { ...opts, sourceName });
}

/** A node dump: the `eth_getBlockByNumber(n, true)` answer and the `debug_traceBlockByNumber(n, {tracer:
 * "prestateTracer"})` answer (`rpcDump.ts`). Errors name the file at fault. Throws `ScenarioError`. */
export async function loadRpcDumpFiles(blockPath: string, tracePath: string, opts: Pick<LoadOptions, 'trustFrom'> = {}): Promise<Scenario> {
  const blockSource = basename(blockPath);
  const traceSource = basename(tracePath);
  const block = parseJsonText(await readText(blockPath, blockSource), blockSource);
  const trace = parseJsonText(await readText(tracePath, traceSource), traceSource);
  return rpcDumpToScenario(block, trace, { blockSource, traceSource, trustFrom: opts.trustFrom });
}

async function readText(path: string, sourceName: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((error as Error).message);
    throw new ScenarioError([{ path: '', message: `cannot read ${path}: ${reason}` }], sourceName);
  }
}
