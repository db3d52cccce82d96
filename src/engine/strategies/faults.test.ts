/** Crashed and terminated workers are replaced, their work redone, and the result is unchanged. */
import { afterAll, describe, expect, it } from 'vitest';
import { ammSwaps, erc20Transfers } from '../../workloads/bench.ts';
import { runScenario } from '../run.ts';
import type { TraceEvent } from '../trace/events.ts';
import { expectSameResult, run, testPool } from '../testing/harness.ts';

const pool = testPool(3);
afterAll(() => pool.dispose());

function commitsPerTx(events: TraceEvent[], n: number): number[] {
  const c = new Array<number>(n).fill(0);
  for (const e of events) if (e.kind === 'commit') c[e.tx]++;
  return c;
}

describe('worker faults', () => {
  const scenario = ammSwaps(120);
  const transfers = erc20Transfers(150);

  it('a block-stm worker that crashes mid-block is replaced; no transaction is lost or committed twice', async () => {
    // Each worker gets two batches of several tasks up front, so a crash after five is always mid-block.
    const cases = [
      { s: transfers, worker: 0 },
      { s: transfers, worker: 1 },
      { s: scenario, worker: 0 },
    ];
    for (const { s, worker } of cases) {
      const reference = await run(pool, s, { strategy: 'sequential', workers: 1, senders: 'trust' });
      const { result, trace } = await runScenario(s, { strategy: 'block-stm', workers: 2, senders: 'trust', fault: { worker, afterTasks: 5 } }, pool);
      expect(result.stats.workerRestarts).toBe(1);
      expect(trace.events.some((e) => e.kind === 'worker-crash')).toBe(true);
      expect(trace.events.some((e) => e.kind === 'worker-replaced')).toBe(true);
      expect(commitsPerTx(trace.events, s.transactions.length)).toEqual(new Array(s.transactions.length).fill(1));
      expectSameResult(result, reference, `crash of worker ${worker}`);
    }
  });

  it('an occ-rounds worker that crashes mid-round is replaced and the result is unchanged', async () => {
    const reference = await run(pool, transfers, { strategy: 'sequential', workers: 1, senders: 'trust' });
    const { result, trace } = await runScenario(transfers, { strategy: 'occ-rounds', workers: 2, senders: 'trust', fault: { worker: 1, afterTasks: 5 } }, pool);
    expect(result.stats.workerRestarts).toBe(1);
    expect(commitsPerTx(trace.events, transfers.transactions.length)).toEqual(new Array(transfers.transactions.length).fill(1));
    expectSameResult(result, reference, 'occ-rounds crash');
  });

  it('a dag worker that crashes (hint pass or execution) is replaced and the result is unchanged', async () => {
    const reference = await run(pool, scenario, { strategy: 'sequential', workers: 1, senders: 'trust' });
    for (const afterTasks of [5, 140]) {
      const { result, trace } = await runScenario(scenario, { strategy: 'dag', workers: 2, senders: 'trust', fault: { worker: 0, afterTasks } }, pool);
      expect(result.stats.workerRestarts).toBe(1);
      expect(commitsPerTx(trace.events, scenario.transactions.length)).toEqual(new Array(scenario.transactions.length).fill(1));
      expectSameResult(result, reference, `dag crash after ${afterTasks}`);
    }
  });

  // access-locks: a crash in its hint pass (5) or while it runs what the locks admit (140); predictive: either worker.
  it.each([
    ['access-locks', 0, [5, 140]],
    ['predictive', 0, [5]],
    ['predictive', 1, [5]],
    // shards: each swap runs on the pool's shard (1 by hash, 0 by graph), so 140 tasks is mid-execution there.
    ['shards', 1, [5, 140]],
    ['shards-graph', 0, [5, 140]],
  ] as const)('a %s worker (%i) that crashes mid-block is replaced and the result is unchanged', async (strategy, worker, crashes) => {
    const reference = await run(pool, scenario, { strategy: 'sequential', workers: 1, senders: 'trust' });
    for (const afterTasks of crashes) {
      const { result, trace } = await runScenario(scenario, { strategy, workers: 2, senders: 'trust', fault: { worker, afterTasks } }, pool);
      expect(result.stats.workerRestarts).toBe(1);
      expect(commitsPerTx(trace.events, scenario.transactions.length)).toEqual(new Array(scenario.transactions.length).fill(1));
      expectSameResult(result, reference, `${strategy} crash after ${afterTasks}`);
    }
  });

  it('a sequential worker that crashes is replaced and the block finishes with the same result', async () => {
    const reference = await run(pool, transfers, { strategy: 'block-stm', workers: 2, senders: 'trust' });
    const { result, trace } = await runScenario(transfers, { strategy: 'sequential', workers: 1, senders: 'trust', fault: { worker: 0, afterTasks: 70 } }, pool);
    expect(result.stats.workerRestarts).toBe(1);
    expect(commitsPerTx(trace.events, transfers.transactions.length)).toEqual(new Array(transfers.transactions.length).fill(1));
    expectSameResult(result, reference, 'sequential crash');
  });

  it('a worker terminated from outside while it executes is replaced and its tasks re-run', async () => {
    const reference = await run(pool, transfers, { strategy: 'sequential', workers: 1, senders: 'trust' });
    let killed = false;
    const { result, trace } = await runScenario(
      transfers,
      {
        strategy: 'block-stm',
        workers: 3,
        senders: 'trust',
        onEvents: (batch) => {
          if (!killed && batch.some((e) => e.kind === 'exec-end' && e.worker === 2)) {
            killed = true;
            pool.kill(2);
          }
        },
      },
      pool,
    );
    expect(killed).toBe(true);
    expect(result.stats.workerRestarts).toBe(1);
    expect(commitsPerTx(trace.events, transfers.transactions.length)).toEqual(new Array(transfers.transactions.length).fill(1));
    expectSameResult(result, reference, 'terminated worker');
  });
});
