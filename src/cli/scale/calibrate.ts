/**
 * Calibrating the simulator's JS profile against this machine, in this process: the message latency (a worker
 * ping), the machine's parallel ceiling (two uncoordinated workers against one: the profile's `cores`), and the
 * coordinator's cost per result (a real `sequential` run: its wall time minus its executions and its messages). Then
 * the check: real and simulated speedups of each strategy at each worker count, side by side.
 */
import { runScenario } from '../../engine/run.ts';
import type { Scenario } from '../../engine/scenario/types.ts';
import type { WorkerPool } from '../../engine/workers/pool.ts';
import { workloadFromTrace, type SimWorkload } from '../../sim/model.ts';
import { type CostProfile, JS_PROFILE } from '../../sim/profile.ts';
import { simulate } from '../../sim/simulate.ts';
import { parallelCeiling } from '../bench/ceiling.ts';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export interface Recorded {
  workload: SimWorkload;
  /** The real sequential wall time (median), ms. */
  sequentialMs: number;
}

/** A warm, recorded sequential run of `scenario`: the simulator's workload. */
export async function record(pool: WorkerPool, scenario: Scenario, label: string, runs = 3): Promise<Recorded> {
  await runScenario(scenario, { strategy: 'sequential', workers: 1, senders: 'trust' }, pool); // warm-up
  const outs: Awaited<ReturnType<typeof runScenario>>[] = [];
  for (let k = 0; k < runs; k++) outs.push(await runScenario(scenario, { strategy: 'sequential', workers: 1, senders: 'trust' }, pool));
  const mid = outs.find((o) => o.result.stats.wallMs === median(outs.map((x) => x.result.stats.wallMs)))!;
  return { workload: workloadFromTrace(scenario, mid.trace, `recorded sequential run of ${label} on this machine`), sequentialMs: mid.result.stats.wallMs };
}

/** The JS profile with this machine's measured figures. */
export async function measureProfile(pool: WorkerPool, sample: Recorded): Promise<{ profile: CostProfile; notes: Record<string, number> }> {
  pool.ensure(2);
  const rtts: number[] = [];
  for (let k = 0; k < 60; k++) {
    const t0 = performance.now();
    await pool.call(0, (api) => api.ping());
    rtts.push((performance.now() - t0) * 1000);
  }
  const messageUs = median(rtts.slice(10)) / 2;
  const ceiling = await parallelCeiling(pool, 600, 2);
  const { txs } = sample.workload;
  const execUs = txs.reduce((a, t) => a + t.costUs, 0);
  const batches = Math.ceil(txs.length / 64);
  const perBatch = 2 * messageUs + JS_PROFILE.sendUs + JS_PROFILE.receiveUs + JS_PROFILE.workerPerBatchUs;
  const receivePerResultUs = Math.max(1, (sample.sequentialMs * 1000 - execUs - batches * perBatch) / txs.length);
  const profile: CostProfile = { ...JS_PROFILE, messageUs, receivePerResultUs, cores: Math.max(1, ceiling.ratio) };
  return { profile, notes: { pingRttUs: 2 * messageUs, ceiling: ceiling.ratio, receivePerResultUs, sequentialMs: sample.sequentialMs, execMs: execUs / 1000 } };
}

export interface CalibrationRow {
  workload: string;
  strategy: string;
  workers: number;
  realMs: number;
  realSpeedup: number;
  simMs: number;
  simSpeedup: number;
  /** simulated speedup / real speedup − 1 */
  error: number;
}

/** Real runs (warm, median of `runs`, rounds in alternating order) against simulated ones, as speedups. */
export async function check(pool: WorkerPool, label: string, scenario: Scenario, rec: Recorded, profile: CostProfile, strategies: string[], workerCounts: number[], runs = 3): Promise<CalibrationRow[]> {
  const configs = strategies.flatMap((s) => (s === 'sequential' ? [] : workerCounts.map((w) => ({ s, w }))));
  const times = new Map<string, number[]>();
  for (const c of configs) await runScenario(scenario, { strategy: c.s, workers: c.w, senders: 'trust' }, pool); // warm-up
  for (let k = 0; k < runs; k++) {
    const order = k % 2 === 0 ? configs : [...configs].reverse();
    for (const c of [{ s: 'sequential', w: 1 }, ...order]) {
      const { result } = await runScenario(scenario, { strategy: c.s, workers: c.w, senders: 'trust' }, pool);
      const key = `${c.s}×${c.w}`;
      times.set(key, [...(times.get(key) ?? []), result.stats.wallMs]);
    }
  }
  const realSeq = median(times.get('sequential×1')!);
  const simSeq = simulate('sequential', rec.workload, { workers: 1, profile }).wallMs;
  return configs.map(({ s, w }) => {
    const realMs = median(times.get(`${s}×${w}`)!);
    const simMs = simulate(s, rec.workload, { workers: w, profile }).wallMs;
    const realSpeedup = realSeq / realMs;
    const simSpeedup = simSeq / simMs;
    return { workload: label, strategy: s, workers: w, realMs, realSpeedup, simMs, simSpeedup, error: simSpeedup / realSpeedup - 1 };
  });
}
