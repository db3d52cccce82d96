/** Whether a loaded scenario's pre-state is complete (its state root checkable) is the loaders' to say, not a name's. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatePreset } from '../../workloads/presets/index.ts';
import { loadScenarioFromJson, parseScenarioText, preStateIsComplete, serializeScenario } from './index.ts';

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as unknown;

describe('a complete pre-state', () => {
  it('a block bundle built from a prestate trace is not complete', () => {
    const s = loadScenarioFromJson(read('../../../public/blocks/19426587.json'));
    expect(s.preStateComplete).toBe(false);
    expect(preStateIsComplete(s)).toBe(false);
  });

  it('a conformance fixture is complete', () => {
    const s = loadScenarioFromJson(read('../../../../shared/data/ethereum-tests/BlockchainTests/GeneralStateTests/stSelfBalance/selfBalance.json'));
    expect(s.preStateComplete).toBe(true);
  });

  it('hand-written and generated scenarios are complete unless they say otherwise', () => {
    const example = parseScenarioText(readFileSync(new URL('../../../examples/counter-demo.json', import.meta.url), 'utf8'));
    expect(preStateIsComplete(example)).toBe(true);
    expect(preStateIsComplete(generatePreset('dex-rush', { txs: 10 }, 1))).toBe(true);
  });

  it('survives saving as a scenario file, and a wrong value names the field', () => {
    const bundle = loadScenarioFromJson(read('../../../public/blocks/19426587.json'));
    expect(parseScenarioText(serializeScenario(bundle)).preStateComplete).toBe(false);
    const text = serializeScenario({ ...bundle, preStateComplete: 'no' as unknown as boolean });
    expect(() => parseScenarioText(text)).toThrow(/preStateComplete: expected true or false, got "no"/);
  });
});
