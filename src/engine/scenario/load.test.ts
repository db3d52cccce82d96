import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from './errors.ts';
import * as api from './index.ts';
import { loadScenarioFromJson, loadScenarioText } from './load.ts';
import { loadScenarioFile } from './loadFile.node.ts';

const EXAMPLE = fileURLToPath(new URL('../../../examples/counter-demo.json', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../../../../shared/data/mainnet/15537394.json', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../../../../shared/data/ethereum-tests/BlockchainTests/GeneralStateTests/stSStoreTest/InitCollisionParis.json', import.meta.url));

describe('loadScenarioFromJson', () => {
  it('reads a scenario file as a scenario', () => {
    const s = loadScenarioFromJson(JSON.parse(readFileSync(EXAMPLE, 'utf8')));
    expect(s.name).toBe('Three transfers');
    expect(s.transactions[0]!.from).toBeDefined();
  });

  it('reads a block bundle as a bundle and passes trustFrom on', () => {
    const json = JSON.parse(readFileSync(BUNDLE, 'utf8'));
    expect(loadScenarioFromJson(json).transactions[0]!.from).toBeUndefined();
    expect(loadScenarioFromJson(json, { trustFrom: true }).transactions[0]!.from).toBe(json.block.transactions[0].from);
  });

  it('reads a blockchain-test file as the first block of its first test, or of the test named', () => {
    const json = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    const [first, second] = Object.keys(json);
    expect(loadScenarioFromJson(json).name).toBe(first);
    expect(loadScenarioFromJson(json, { test: second }).name).toBe(second);
    expect(loadScenarioFromJson(json).expected?.stateRoot).toBe(json[first!].blocks[0].blockHeader.stateRoot);
  });

  it('names the source in scenario errors', () => {
    expect(() => loadScenarioFromJson({ name: 'x' }, { sourceName: 'mine.json' })).toThrow(/^mine\.json: chain: is required$/m);
  });
});

describe('loadScenarioText', () => {
  it('reports bad JSON with the source name', () => {
    expect(() => loadScenarioText('{', { sourceName: 'b.json' })).toThrow('b.json: not valid JSON: Unexpected end of input at line 1 column 2');
  });
});

describe('loadScenarioFile', () => {
  it('loads a scenario file from disk', async () => {
    expect((await loadScenarioFile(EXAMPLE)).chain.hardfork).toBe('cancun');
  });

  it('loads a mainnet bundle from disk', async () => {
    const s = await loadScenarioFile(BUNDLE, { trustFrom: true });
    expect(s.chain.hardfork).toBe('paris');
    expect(s.transactions.every((tx) => tx.from !== undefined)).toBe(true);
  });

  it('turns a missing file into a ScenarioError that names it', async () => {
    const error = await loadScenarioFile('/nonexistent/dir/x.json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as Error).message).toBe('x.json: cannot read /nonexistent/dir/x.json: no such file');
  });
});

describe('the public API', () => {
  it('exports the loaders, the parsers, the serialiser and the error class', () => {
    for (const name of ['parseScenario', 'safeParseScenario', 'parseScenarioText', 'bundleToScenario', 'isBundle', 'loadScenarioFromJson', 'loadScenarioText', 'serializeScenario', 'ScenarioError', 'isFixtureFile', 'fixtureTestNames', 'loadFixtureTest', 'fixtureToScenario']) {
      expect(typeof (api as Record<string, unknown>)[name]).toBe('function');
    }
  });
});
