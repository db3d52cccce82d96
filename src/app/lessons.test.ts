import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../engine/run.ts';
import { STRATEGY_CATALOG } from '../engine/strategies/catalog.ts';
import { testPool } from '../engine/testing/harness.ts';
import { generatePreset } from '../workloads/presets/index.ts';
import { BLOCKS } from './catalog.ts';
import { namesFor } from './explain/index.ts';
import { figuresOf, fillAll, placeholders, segments } from './lessonFigures.ts';
import { LESSONS, strategiesOf } from './lessons.ts';
import { checkKnobs, knobsForGenerator, parseStoredSetup, type Setup } from './setup.ts';

/** Every figure name `figuresOf` can produce, for some strategy. */
const FIGURES = [
  'strategy', 'workers', 'txCount', 'executions', 'reexecutions', 'reexecutedPct', 'aborts', 'wallMs', 'abortKeys', 'hotKey',
  'hotKeyAborts', 'hotKeyPct', 'dependencies', 'independent', 'independentPct', 'dependents', 'criticalPathLength',
  'criticalPathPct', 'criticalPathGasPct', 'speedupBound', 'hotDependencyKey', 'hotDependencyEdges', 'crossShardTxs', 'crossShardPct',
  'crossShardMessages', 'undeclared', 'messagesPerCrossTx',
  // RunStats.extra of the strategies the lessons use (passed through unchanged).
  'misroutedTxs', 'undeclaredAccesses', 'lockWaits', 'crossShardRatio',
];
const REGIONS = ['lanes', 'queue', 'shards', 'dag', 'metrics', 'inspector', 'playback'];
const KNOWN = STRATEGY_CATALOG.map((s) => s.name);

function checkSetup(setup: Setup, where: string): void {
  const s = setup.scenario;
  if (s.kind === 'preset') expect(() => checkKnobs(s.id, s.txs, s.knobs), where).not.toThrow();
  if (s.kind === 'block') expect(BLOCKS.map((b) => b.number), where).toContain(s.number);
  expect(setup.workers, where).toBeGreaterThanOrEqual(1);
  // A lesson's setup is one the page would also accept from storage.
  expect(parseStoredSetup(setup), where).toBeDefined();
}

describe('the lessons', () => {
  it('are five or six, with unique ids', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(5);
    expect(LESSONS.length).toBeLessThanOrEqual(6);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
  });

  for (const lesson of LESSONS) {
    it(`"${lesson.title}" loads a real preset or block, asks a question it can answer and quotes only known figures`, () => {
      checkSetup(lesson.setup, lesson.id);
      if (lesson.alsoTry) checkSetup(lesson.alsoTry.setup, `${lesson.id}.alsoTry`);
      const ids = lesson.question.choices.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toContain(lesson.question.answer);
      expect(REGIONS).toContain(lesson.region);
      for (const p of [...lesson.reveal, ...(lesson.alsoTry?.reveal ?? [])]) for (const name of placeholders(p)) expect(FIGURES, `${lesson.id}: {${name}}`).toContain(name);
      expect(lesson.body.length).toBeGreaterThan(0);
    });
  }

  it('run only strategies the catalog has (the page offers no lesson it cannot run)', () => {
    for (const lesson of LESSONS) for (const name of strategiesOf(lesson)) expect(KNOWN, lesson.id).toContain(name);
  });
});

describe('the reveal', () => {
  const pool = testPool(2);
  afterAll(() => pool.dispose());

  it('of the first lesson quotes a real run: every abort on the shared counter, the per-user half independent', async () => {
    const lesson = LESSONS[0]!;
    const s = lesson.setup.scenario;
    if (s.kind !== 'preset') throw new Error('lesson 1 is a preset');
    const scenario = generatePreset(s.id, { ...knobsForGenerator(s.knobs), txs: s.txs }, s.seed);
    const { result, trace } = await runScenario(scenario, { strategy: 'block-stm', workers: 2 }, pool);
    const f = figuresOf(result, trace, scenario.block.coinbase);
    expect(f.txCount).toBe(120);
    expect(f.executions).toBe(result.stats.executions);
    // Half the block is per-user increments: they depend on nothing (the generator's split is random, so roughly).
    expect(Number(f.independent)).toBeGreaterThan(40);
    if (result.stats.aborts > 0) expect(f.abortKeys).toBe(1);
    // Named as the stage names it, from the contract's storage layout.
    const names = namesFor(scenario, { senders: result.senders });
    const named = figuresOf(result, trace, scenario.block.coinbase, (key, txs) => names.name(key, txs).text);
    if (result.stats.aborts > 0) expect(named.hotKey).toBe('Counter.count');
    expect(named.hotDependencyKey).toBe('Counter.count');
    const text = fillAll(lesson.reveal, f);
    // The counts depend on timing; one of each reads in the singular.
    const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    expect(text[0]).toBe(`This run executed ${result.stats.executions} times for 120 transactions: ${count(result.stats.reexecutions, 're-execution')} after ${count(result.stats.aborts, 'abort')}.`);
    expect(text.at(-1)).toContain(`${f.independent} depend on none`);
  }, 60_000);

  it('leaves out a paragraph whose figures the run lacks', () => {
    expect(fillAll(['a {txCount}', 'b {crossShardTxs}'], { txCount: 1200 })).toEqual(['a 1,200']);
  });

  it('splits a paragraph into text and figures for the view', () => {
    expect(segments('ran {n} of {m}.', { n: 3, m: 'all' })).toEqual([{ text: 'ran ' }, { figure: 'n', text: '3' }, { text: ' of ' }, { figure: 'm', text: 'all' }, { text: '.' }]);
    expect(segments('{missing}', {})).toBeNull();
  });

  it('counts cross-shard traffic from the trace, and prefers the strategy’s own counts when it reports them', () => {
    const base = { t: 0, worker: 0, incarnation: 0 };
    const events = [
      { ...base, tx: 0, kind: 'shard-route', shards: [0, 1] },
      { ...base, tx: 1, kind: 'shard-route', shards: [1] },
      { ...base, tx: 0, kind: 'cross-shard-send', toShard: 0, key: 'a00' },
      { ...base, tx: 0, kind: 'cross-shard-send', toShard: 1, key: 'a01' },
    ] as never[];
    const stats = { wallMs: 10, rootMs: 0, recoverMs: 0, executions: 2, reexecutions: 0, validations: 2, aborts: 0, abortsByKey: {}, workerBusyMs: [1, 1], workerRestarts: 0 };
    const result = { strategy: 'shards', workers: 2, txCount: 2, gasUsed: '0x0', stateRoot: '0x', receiptsRoot: '0x', logsBloom: '0x', receipts: [], senders: [], stats } as never;
    const f = figuresOf(result, { events, txCount: 2 });
    expect([f.crossShardTxs, f.crossShardPct, f.crossShardMessages, f.messagesPerCrossTx]).toEqual([1, 50, 2, '2.0']);
    const own = figuresOf({ ...(result as object), stats: { ...stats, extra: { crossShardTxs: 2, crossShardMessages: 6 } } } as never, { events, txCount: 2 });
    expect([own.crossShardTxs, own.crossShardPct, own.messagesPerCrossTx]).toEqual([2, 100, '3.0']);
  });
});
