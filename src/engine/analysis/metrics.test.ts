import { afterAll, describe, expect, it } from 'vitest';
import type { Result } from '../result.ts';
import { runScenario } from '../run.ts';
import { testPool } from '../testing/harness.ts';
import type { TraceEvent } from '../trace/events.ts';
import { ammSwaps } from '../../workloads/bench.ts';
import { analyseConflicts } from './conflicts.ts';
import { metricsAt, runMetrics } from './metrics.ts';

type Ev = TraceEvent;
const start = (t: number, worker: number, tx: number, incarnation = 0): Ev => ({ t, worker, tx, incarnation, kind: 'exec-start' });
const end = (t: number, worker: number, tx: number, gas: number, incarnation = 0): Ev => ({
  t, worker, tx, incarnation, kind: 'exec-end', reads: [], writes: [], gas, status: 'success',
});
const stop = (t: number, worker: number, tx: number, incarnation = 0): Ev => ({ t, worker, tx, incarnation, kind: 'exec-abort', key: 'ax', blockingTx: 0 });
const fail = (t: number, tx: number, incarnation = 0): Ev => ({ t, worker: -1, tx, incarnation, kind: 'validate-fail', key: 'ax', writerTx: 0 });
const commit = (t: number, tx: number, gas: number, incarnation = 0): Ev => ({ t, worker: -1, tx, incarnation, kind: 'commit', gas });

/** Two workers, three transactions: tx 1 fails validation once, tx 2 is stopped early once; wall 10 ms. */
const EVENTS: Ev[] = [
  { t: 0, worker: 0, tx: -1, incarnation: 0, kind: 'recover', from: 0, to: 3, endT: 1000 },
  start(1000, 0, 0), end(3000, 0, 0, 100),
  start(1000, 1, 1), end(4000, 1, 1, 200),
  start(3000, 0, 2), stop(4000, 0, 2),
  commit(4500, 0, 100),
  fail(5000, 1),
  start(5000, 1, 1, 1), end(7000, 1, 1, 210, 1),
  start(5000, 0, 2, 1), end(6000, 0, 2, 50, 1),
  commit(7500, 1, 210, 1), commit(8000, 2, 50, 1),
];
const TRACE = { events: EVENTS, workers: 2 };

function result(wallMs: number, extra?: Record<string, number>): Result {
  return {
    strategy: 'block-stm', workers: 2, txCount: 3, gasUsed: '0x168', stateRoot: '0x', receiptsRoot: '0x', logsBloom: '0x', receipts: [], senders: [],
    stats: { wallMs, rootMs: 1, recoverMs: 1, executions: 5, hintExecutions: 0, reexecutions: 2, validations: 4, aborts: 2, abortsByKey: {}, workerBusyMs: [6, 5], workerRestarts: 0, extra },
  };
}

describe('runMetrics', () => {
  it('counts every execution but the committed one as wasted, with its gas and time', () => {
    const m = runMetrics(result(10), TRACE);
    expect(m.wastedExecutions).toBe(2);
    expect(m.wastedGas).toBe(200); // tx 1's first run; tx 2's stopped run has no gas
    expect(m.wastedMs).toBe(4); // 3 ms + 1 ms
    expect(m.committedGas).toBe(360);
    expect(m.committed).toBe(3);
  });

  it('measures utilisation from execution and recovery events', () => {
    const m = runMetrics(result(10), TRACE);
    expect(m.workerBusyMs).toEqual([1 + 2 + 1 + 1, 3 + 2]);
    expect(m.utilisation).toEqual([0.5, 0.5]);
    expect(m.meanUtilisation).toBe(0.5);
  });

  it('gives speedup against the reference and efficiency against min(bound, workers)', () => {
    const m = runMetrics(result(10), TRACE, { sequentialWallMs: 15, analysis: { speedupBound: 1.2 } });
    expect(m.speedup).toBe(1.5);
    expect(m.speedupBound).toBe(1.2);
    expect(m.efficiency).toBeCloseTo(1.5 / 1.2);
    expect(runMetrics(result(10), TRACE, { sequentialWallMs: 15, analysis: { speedupBound: 40 } }).efficiency).toBe(0.75);
    expect(runMetrics(result(10), TRACE).speedup).toBeUndefined();
  });

  it('reports throughput and passes the strategy\'s own figures through', () => {
    const m = runMetrics(result(10, { crossShardRatio: 0.25 }), TRACE);
    expect(m.txPerSec).toBe(300);
    expect(m.gasPerSec).toBe(36_000);
    expect(m.extra).toEqual({ crossShardRatio: 0.25 });
    expect(m.executions).toBe(5); // the strategy's own counts
    expect(m.aborts).toBe(2);
  });
});

describe('metricsAt', () => {
  it('counts only what happened by the given time, in-flight work included in busy time', () => {
    const m = metricsAt(TRACE, 4000);
    expect(m.executions).toBe(3);
    expect(m.aborts).toBe(1);
    expect(m.committed).toBe(0);
    expect(m.wastedExecutions).toBe(1); // tx 2's stopped run; tx 1's first run is not known to be wasted yet
    expect(m.workerBusyMs).toEqual([1 + 2 + 1, 3]);
    expect(m.utilisation).toEqual([1, 0.75]);
  });

  it('marks an execution wasted once a later one of the same transaction starts', () => {
    expect(metricsAt(TRACE, 4999).wastedGas).toBe(0);
    expect(metricsAt(TRACE, 5000).wastedGas).toBe(200);
    expect(metricsAt(TRACE, 5000).aborts).toBe(2);
  });

  it('at the end agrees with runMetrics', () => {
    const live = metricsAt(TRACE, 10_000);
    const final = runMetrics(result(10), TRACE);
    expect(live.committedGas).toBe(final.committedGas);
    expect(live.wastedGas).toBe(final.wastedGas);
    expect(live.utilisation).toEqual(final.utilisation);
    expect(live.executions).toBe(5);
    expect(live.reexecutions).toBe(2);
    expect(live.txPerSec).toBe(300);
  });

  it('works on a partial trace with an execution still running', () => {
    const m = metricsAt({ events: [start(0, 0, 0)], workers: 1 }, 2000);
    expect(m.workerBusyMs).toEqual([2]);
    expect(m.executions).toBe(0);
  });
});

describe('metrics of real runs', () => {
  const pool = testPool(2);
  afterAll(() => pool.dispose());

  it('committed gas plus wasted gas is all the gas executed, and matches the block', async () => {
    const scenario = ammSwaps(60);
    const seq = await runScenario(scenario, { strategy: 'sequential', workers: 1, senders: 'trust' }, pool);
    const analysis = analyseConflicts(seq.trace);
    const seqM = runMetrics(seq.result, seq.trace, { sequentialWallMs: seq.result.stats.wallMs, analysis });
    expect(seqM.wastedGas).toBe(0);
    expect(seqM.efficiency).toBeCloseTo(1);
    for (const strategy of ['block-stm', 'occ-rounds']) {
      const run = await runScenario(scenario, { strategy, workers: 2, senders: 'trust' }, pool);
      const m = runMetrics(run.result, run.trace, { sequentialWallMs: seq.result.stats.wallMs, analysis });
      const executedGas = run.trace.events.reduce((sum, e) => sum + (e.kind === 'exec-end' ? e.gas : 0), 0);
      expect(m.committedGas, strategy).toBe(Number(BigInt(seq.result.gasUsed)));
      expect(executedGas - m.wastedGas, strategy).toBe(m.committedGas);
      expect(m.wastedExecutions, strategy).toBe(run.result.stats.executions - scenario.transactions.length);
      for (const u of m.utilisation) expect(u).toBeGreaterThan(0);
    }
  });
});
