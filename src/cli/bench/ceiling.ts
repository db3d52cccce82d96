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

/** Initialises worker `w` for `s` (pre-state, VM), and returns the timed part: executing every transaction. */
async function prepare(pool: WorkerPool, w: number, s: Scenario): Promise<() => Promise<unknown>> {
  const id = nextId++;
  const runId = nextRunId();
  await pool.call(w, (api) => api.init({ runId, scenarioId: id, scenario: s, workerIndex: w, runStartAbs: performance.timeOrigin + performance.now() }));
  const tasks = s.transactions.map((_, tx) => ({ tx, incarnation: 0 }));
  return () => pool.call(w, (api) => api.execBatch({ runId, updates: [], tasks, reference: true }));
}

async function timed(runs: (() => Promise<unknown>)[]): Promise<number> {
  const t0 = performance.now();
  await Promise.all(runs.map((r) => r()));
  return performance.now() - t0;
}

export async function parallelCeiling(pool: WorkerPool, txs = 2000, runs = 3): Promise<Ceiling> {
  const whole = erc20Transfers(txs, { seed: 11 });
  const a = erc20Transfers(txs / 2, { seed: 12 });
  const b = erc20Transfers(txs / 2, { seed: 13 });
  await timed([await prepare(pool, 0, whole)]); // warm-up
  const one: number[] = [];
  const two: number[] = [];
  // Only execution is timed, on both sides: each worker is initialised for its scenario first (building a pre-state
  // and a VM is no part of running a block; timed on the two-worker side only, it made the ceiling look lower).
  for (let k = 0; k < runs; k++) {
    one.push(await timed([await prepare(pool, 0, whole)]));
    two.push(await timed(await Promise.all([prepare(pool, 0, a), prepare(pool, 1, b)])));
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const oneWorkerMs = median(one);
  const twoWorkersMs = median(two);
  return { txs, oneWorkerMs, twoWorkersMs, ratio: oneWorkerMs / twoWorkersMs };
}
