import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../engine/run.ts';
import { testPool } from '../../engine/testing/harness.ts';
import { STRATEGY_CATALOG } from '../../engine/strategies/catalog.ts';
import { ammSwaps } from '../../workloads/bench.ts';
import { generatePreset } from '../../workloads/presets/index.ts';
import { initialPlayer, seek, step } from './player.ts';
import { metricsAt, phaseCounts, txPhaseAt } from './query.ts';
import { TraceIndex, indexTrace } from './traceIndex.ts';

const pool = testPool(2);
afterAll(() => pool.dispose());

describe('playback model of a real block-stm run on 2 workers', () => {
  it('agrees with the run result at the end, live or whole, and seeking matches stepping', async () => {
    const live = new TraceIndex();
    const growing = { strategy: 'block-stm', workers: 2, txCount: 0, events: [] as import('../../engine/trace/events.ts').TraceEvent[] };
    const { result, trace } = await runScenario(ammSwaps(30), {
      strategy: 'block-stm',
      workers: 2,
      onEvents: (batch) => {
        growing.events.push(...batch);
        live.update(growing);
      },
    }, pool);
    growing.txCount = trace.txCount;
    live.update(growing);

    for (const ix of [indexTrace(trace), live]) {
      const m = metricsAt(ix, ix.end);
      expect(m.committed).toBe(result.txCount);
      expect(m.aborts).toBe(result.stats.aborts);
      expect(m.executions).toBe(result.stats.executions);
      expect(m.reexecutions).toBe(result.stats.reexecutions);
      expect(m.barsPerWorker.reduce((a, b) => a + b, 0)).toBe(result.stats.executions);
      expect(m.gas).toBe(Number(BigInt(result.gasUsed)));
      for (let tx = 0; tx < result.txCount; tx++) expect(txPhaseAt(ix, tx, ix.end)).toBe('committed');
      expect(ix.conflicts.length).toBeGreaterThanOrEqual(result.stats.aborts);
    }

    // Stepping through every event lands on the same states as seeking straight there.
    const ix = indexTrace(trace);
    let s = seek(ix, initialPlayer(), ix.start);
    let steps = 0;
    while (s.t < ix.end && steps < 100_000) {
      s = step(ix, s, 1);
      steps++;
      if (steps % 7 === 0) {
        const sought = seek(ix, initialPlayer(), s.t);
        expect(phaseCounts(ix, sought.t)).toEqual(phaseCounts(ix, s.t));
        expect(metricsAt(ix, sought.t)).toEqual(metricsAt(ix, s.t));
      }
    }
    expect(s.t).toBe(ix.end);
    expect(steps).toBe(new Set(ix.times.values.filter((t) => t > ix.start)).size);
  }, 120_000);

  it('agrees with every strategy’s own counts at the end of its run', async () => {
    const scenario = generatePreset('dex-rush', { txs: 24 }, 1);
    for (const { name } of STRATEGY_CATALOG) {
      const { result, trace } = await runScenario(scenario, { strategy: name, workers: 2 }, pool);
      const ix = indexTrace(trace);
      const m = metricsAt(ix, ix.end);
      const got = { committed: m.committed, executions: m.executions, reexecutions: m.reexecutions, aborts: m.aborts };
      const want = { committed: result.txCount, executions: result.stats.executions, reexecutions: result.stats.reexecutions, aborts: result.stats.aborts };
      expect(got, name).toEqual(want);
      expect(phaseCounts(ix, ix.end).committed, name).toBe(result.txCount);
    }
  }, 180_000);
});
