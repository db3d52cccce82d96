/** `predictive`: the hot-key model, prediction events, and learning across runs through the history. */
import { afterAll, describe, expect, it } from 'vitest';
import { generatePreset } from '../../workloads/presets/index.ts';
import { runScenario } from '../run.ts';
import { expectSameResult, run, testPool } from '../testing/harness.ts';
import { RunHistory } from './history.ts';
import { HotKeyModel, txClass, txClasses } from './predictive/hotKeys.ts';

const pool = testPool(2);
afterAll(() => pool.dispose());

describe('HotKeyModel', () => {
  it('predicts the keys most members of a class write, not the keys each member writes for itself', () => {
    const m = new HotKeyModel();
    for (let i = 0; i < 10; i++) m.learn('pool:swap', ['reserves', `balance${i}`]);
    expect(m.predict('pool:swap')).toEqual(['reserves']);
    expect(m.predict('token:transfer')).toEqual([]);
  });

  it('predicts a key the class keeps aborting on, even when few of its members write it', () => {
    const m = new HotKeyModel();
    for (let i = 0; i < 10; i++) m.learn('game:buy', [`item${i}`]);
    m.learnConflict(['game:buy'], 'shopGold');
    expect(m.predict('game:buy')).toEqual([]);
    m.learnConflict(['game:buy'], 'shopGold');
    expect(m.predict('game:buy')).toEqual(['shopGold']);
  });

  it('forgets by halves: what one run taught fades when later runs do not repeat it', () => {
    const m = new HotKeyModel();
    for (let i = 0; i < 4; i++) m.learn('c', ['k']);
    m.age();
    expect(m.predict('c')).toEqual(['k']);
    m.age();
    m.age();
    expect(m.predict('c')).toEqual([]);
  });

  it('classes a transaction by recipient and selector', () => {
    expect(txClass({ to: '0xAbC0000000000000000000000000000000000001', input: '0xa9059cbb0000' })).toBe('0xabc0000000000000000000000000000000000001:a9059cbb');
    expect(txClass({ to: '0x0000000000000000000000000000000000000001', input: '0x' })).toBe('0x0000000000000000000000000000000000000001:eth');
    expect(txClass({ to: null, input: '0x6080' })).toBe('create');
    const vote = { to: '0x0000000000000000000000000000000000000002' as const, input: `0x12345678${'0'.repeat(63)}1${'0'.repeat(63)}1` as const };
    expect(txClasses(vote)).toEqual([txClass(vote), `${txClass(vote)}:${vote.input.slice(10)}`]);
  });
});

describe('predictive', () => {
  it('learns across runs: with the history, the second run predicts at least as many real conflicts', async () => {
    const scenario = generatePreset('dex-rush', { txs: 300 }, 5);
    const reference = await run(pool, scenario, { strategy: 'sequential', workers: 1, senders: 'trust' });
    const history = new RunHistory();
    const runs = [];
    for (let k = 0; k < 2; k++) {
      const { result, trace } = await runScenario(scenario, { strategy: 'predictive', workers: 2, senders: 'trust', history }, pool);
      expectSameResult(result, reference, `run ${k}`);
      const predicts = trace.events.filter((e) => e.kind === 'predict');
      expect(new Set(predicts.map((e) => e.tx)).size).toBe(scenario.transactions.length);
      runs.push(result.stats.extra!);
    }
    expect(runs[0].classesKnownAtStart).toBe(0);
    expect(runs[1].classesKnownAtStart).toBeGreaterThan(0);
    expect(runs[1].predictionHits).toBeGreaterThanOrEqual(runs[0].predictionHits);
    expect(runs[1].predictionHits).toBeGreaterThan(0);
  });
});
