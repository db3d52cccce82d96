/** Workload loading shared by bench, compare and compare:all: bundle choice and the messages for bad input. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from './args.ts';
import { bundleNumbers, chooseBundles, loadBundle, presetScenario } from './workloads.ts';

async function dirWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'parallax-workloads-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('bundles', () => {
  it('lists numbered bundles in block order and ignores other files', async () => {
    const dir = await dirWith({ '200.json': '{}', '30.json': '{}', 'README.md': '', 'x.json': '{}' });
    expect(await bundleNumbers(dir)).toEqual(['30', '200']);
    expect(await chooseBundles(dir, undefined)).toEqual(['30', '200']);
    expect(await chooseBundles(dir, ['200', '30', '200'])).toEqual(['30', '200']);
  });

  it('names the flag, the block and the directory when something is missing', async () => {
    const dir = await dirWith({ '1.json': '{}' });
    await expect(chooseBundles(dir, ['2'])).rejects.toThrow(/--blocks: no bundle for block 2 in .*\(there: 1\)/);
    await expect(chooseBundles(dir, ['abc'])).rejects.toThrow(UsageError);
    await expect(bundleNumbers(join(dir, 'nope'))).rejects.toThrow(/cannot read the mainnet bundles in/);
  });

  it('reports a broken bundle by its file name', async () => {
    const dir = await dirWith({ '5.json': '{ "block": ', '6.json': '{}' });
    await expect(loadBundle(dir, '5', false)).rejects.toThrow(/5\.json.*not valid JSON/);
    await expect(loadBundle(dir, '6', false)).rejects.toThrow(UsageError);
  });
});

describe('presetScenario', () => {
  it('makes the preset, and names the flag of a bad knob', () => {
    expect(presetScenario('dex-rush', { txs: 20 }).transactions).toHaveLength(20);
    expect(() => presetScenario('dex-rush', { txs: -1 })).toThrow(/--txs/);
  });
});
