/**
 * The machine's parallel ceiling, measured in the same run as the benchmark: two workers executing independent
 * halves of an ERC20 workload with no coordination at all, against one worker executing the whole. No scheduler can
 * beat this ratio on this machine at this moment (shared hosts vary from hour to hour), so it is the yardstick for
 * every speedup in the table.
 */
import { erc20Transfers } from '../../workloads/bench.ts';
import type { WorkerPool } from '../../engine/workers/pool.ts';
import type { Scenario } from '../../engine/scenario/types.ts';
import { nextRunId } from '../../engine/runtime/runId.ts';

export interface Ceiling {
  txs: number;
  oneWorkerMs: number;
  twoWorkersMs: number;
  /** oneWorkerMs / twoWorkersMs: ~2 on two idle cores. */
  ratio: number;
}

let nextId = 1_000_000; // scenario ids of our own, apart from the engine's

async function runAll(pool: WorkerPool, w: number, s: Scenario): Promise<number> {
  const id = nextId++;
  const runId = nextRunId();
  await pool.call(w, (api) => api.init({ runId, scenarioId: id, scenario: s, workerIndex: w, runStartAbs: performance.timeOrigin + performance.now() }));
  const tasks = s.transactions.map((_, tx) => ({ tx, incarnation: 0 }));
  const t0 = performance.now();
  await pool.call(w, (api) => api.execBatch({ runId, updates: [], tasks, reference: true }));
  return performance.now() - t0;
}

export async function parallelCeiling(pool: WorkerPool, txs = 2000, runs = 3): Promise<Ceiling> {
  const whole = erc20Transfers(txs, { seed: 11 });
  const a = erc20Transfers(txs / 2, { seed: 12 });
  const b = erc20Transfers(txs / 2, { seed: 13 });
  await runAll(pool, 0, whole); // warm-up
  const one: number[] = [];
  const two: number[] = [];
  for (let k = 0; k < runs; k++) {
    one.push(await runAll(pool, 0, whole));
    const t0 = performance.now();
    await Promise.all([runAll(pool, 0, a), runAll(pool, 1, b)]);
    two.push(performance.now() - t0);
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const oneWorkerMs = median(one);
  const twoWorkersMs = median(two);
  return { txs, oneWorkerMs, twoWorkersMs, ratio: oneWorkerMs / twoWorkersMs };
}
