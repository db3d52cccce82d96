/**
 * Calibrating the simulator's JS profile against this machine, in this process, and checking it: real runs of each
 * strategy at each worker count next to simulated ones, as speedups against sequential.
 *
 * Everything comes from one series of real runs (warm, alternating order, median of `runs`), so the figures the
 * simulator is fed and the figures it is checked against were measured in the same minutes of the same process:
 * - the workload: each transaction's accesses and execution time, from the median sequential run's trace;
 * - the message latency (half a worker ping), the machine's parallel ceiling (two uncoordinated workers against one:
 *   the profile's `cores`; measured once a round among the real runs, the median taken), and the cost of a refused
 *   execution (nonce checks, from the real runs' traces);
 * - the coordinator's cost per result: its own busy time in the median sequential run (`RunStats.coordinatorMs`);
 * - the worker's cost per task beyond the execution (replica updates, cloning results, garbage): the rest of that
 *   run's wall time once the same run simulated without it is taken out (its executions, its first and last messages,
 *   what of the coordinator's time the worker waits for). Put on the coordinator instead, it would overlap with the
 *   executions in every parallel run, and a strategy on one worker would look faster than sequential by that much
 *   (mainnet blocks: +17–28 % before).
 */
import { runScenario } from '../../engine/run.ts';
import type { Scenario } from '../../engine/scenario/types.ts';
import type { Trace } from '../../engine/trace/events.ts';
import type { WorkerPool } from '../../engine/workers/pool.ts';
import { workloadFromTrace, type SimWorkload } from '../../sim/model.ts';
import { type CostProfile, JS_PROFILE } from '../../sim/profile.ts';
import { simulate } from '../../sim/simulate.ts';
import { parallelCeiling } from '../bench/ceiling.ts';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

export interface Recorded {
  workload: SimWorkload;
  /** The real sequential wall time (median), ms. */
  sequentialMs: number;
}

/** A warm, recorded sequential run of `scenario`: the simulator's workload (without `--calibrate`). */
export async function record(pool: WorkerPool, scenario: Scenario, label: string, runs = 3): Promise<Recorded> {
  await runScenario(scenario, { strategy: 'sequential', workers: 1, senders: 'trust' }, pool); // warm-up
  const outs: Awaited<ReturnType<typeof runScenario>>[] = [];
  for (let k = 0; k < runs; k++) outs.push(await runScenario(scenario, { strategy: 'sequential', workers: 1, senders: 'trust' }, pool));
  const mid = outs.find((o) => o.result.stats.wallMs === median(outs.map((x) => x.result.stats.wallMs)))!;
  return { workload: workloadFromTrace(scenario, mid.trace, `recorded sequential run of ${label} on this machine`), sequentialMs: mid.result.stats.wallMs };
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
  /** The real speedup of each round (that round's sequential run against this configuration's): its spread. */
  realSpeedups: number[];
  /** The simulated speedup with the profile's `cores` at the lowest and at the highest ceiling of the rounds: how much
   * of the error the ceiling's own swing could explain. The verdict stays `error` (at the median ceiling). */
  simSpeedupRange: [number, number];
}

export interface Calibration {
  profile: CostProfile;
  /** What was measured, for the report. */
  notes: Record<string, number>;
  workload: SimWorkload;
  rows: CalibrationRow[];
  /** The machine's parallel ceiling measured in each round (the profile's `cores` is their median). */
  ceilings: number[];
}

/**
 * Per execution kind, the time real runs on one worker spent against the recorded time of the same transactions
 * (one worker: no other worker shares the core). Refused executions apart.
 */
function kindScales(traces: readonly Trace[], workload: SimWorkload): CostProfile['kindScale'] {
  const spent = { hint: 0, first: 0, reexec: 0 };
  const recorded = { hint: 0, first: 0, reexec: 0 };
  for (const trace of traces) {
    if (trace.workers !== 1) continue;
    const start = new Map<string, number>();
    for (const e of trace.events) {
      if (e.kind === 'exec-start') start.set(`${e.tx}:${e.incarnation}:${e.worker}`, e.t);
      else if (e.kind === 'exec-end' && e.status !== 'error') {
        const t0 = start.get(`${e.tx}:${e.incarnation}:${e.worker}`);
        if (t0 === undefined) continue;
        const kind = e.exec ?? 'first';
        spent[kind] += e.t - t0;
        recorded[kind] += workload.txs[e.tx].costUs;
      }
    }
  }
  const scale = (k: keyof typeof spent) => (recorded[k] > 0 ? spent[k] / recorded[k] : 1);
  return { hint: scale('hint'), first: scale('first'), reexec: scale('reexec') };
}

/** The durations, µs, of the refused executions (`status: 'error'`) in `traces`. */
function refusedUs(traces: readonly Trace[]): number[] {
  const out: number[] = [];
  for (const trace of traces) {
    const start = new Map<string, number>();
    for (const e of trace.events) {
      if (e.kind === 'exec-start') start.set(`${e.tx}:${e.incarnation}:${e.worker}`, e.t);
      else if (e.kind === 'exec-end' && e.status === 'error') {
        const t0 = start.get(`${e.tx}:${e.incarnation}:${e.worker}`);
        if (t0 !== undefined) out.push(e.t - t0);
      }
    }
  }
  return out;
}

/**
 * Real runs of `strategies` × `workerCounts` (and sequential), then the profile measured from them, then the same
 * configurations simulated: one row each.
 */
export async function calibrate(pool: WorkerPool, label: string, scenario: Scenario, strategies: string[], workerCounts: number[], runs = 3): Promise<Calibration> {
  const configs = [{ s: 'sequential', w: 1 }, ...strategies.flatMap((s) => (s === 'sequential' ? [] : workerCounts.map((w) => ({ s, w }))))];
  const run = (c: { s: string; w: number }) => runScenario(scenario, { strategy: c.s, workers: c.w, senders: 'trust' }, pool);
  for (const c of configs) await run(c); // warm-up: no timed run is a configuration's first
  const times = new Map<string, number[]>();
  const seqRuns: { wallMs: number; coordinatorMs: number; trace: Trace }[] = [];
  const traces: Trace[] = [];
  // The machine's ceiling, once a round among the real runs it is to explain: measured once after them (two samples
  // of 600 transfers) it swung 1.07–1.72× between series of the same half hour, and the simulator follows it.
  const ceilings: number[] = [];
  pool.ensure(2);
  for (let k = 0; k < runs; k++) {
    ceilings.push((await parallelCeiling(pool, 600, 1)).ratio);
    for (const c of k % 2 === 0 ? configs : [...configs].reverse()) {
      const { result, trace } = await run(c);
      const key = `${c.s}×${c.w}`;
      times.set(key, [...(times.get(key) ?? []), result.stats.wallMs]);
      if (c.s === 'sequential') seqRuns.push({ wallMs: result.stats.wallMs, coordinatorMs: result.stats.coordinatorMs ?? 0, trace });
      else traces.push(trace); // every round: one round's kind scales swing by a third on a busy machine
    }
  }
  const realSeq = median(times.get('sequential×1')!);
  const mid = seqRuns.find((r) => r.wallMs === realSeq)!;
  const workload = workloadFromTrace(scenario, mid.trace, `recorded sequential run of ${label} on this machine`);

  const rtts: number[] = [];
  for (let k = 0; k < 60; k++) {
    const t0 = performance.now();
    await pool.call(0, (api) => api.ping());
    rtts.push((performance.now() - t0) * 1000);
  }
  const messageUs = median(rtts.slice(10)) / 2;
  const ceiling = median(ceilings);
  const [ceilingMin, ceilingMax] = [Math.min(...ceilings), Math.max(...ceilings)];
  const { txs } = workload;
  const execUs = txs.reduce((a, t) => a + t.costUs, 0);
  const batches = Math.ceil(txs.length / 64);
  const perBatchCoordinator = JS_PROFILE.sendUs + JS_PROFILE.receiveUs;
  const receivePerResultUs = Math.max(1, (mid.coordinatorMs * 1000 - batches * perBatchCoordinator) / txs.length - JS_PROFILE.sendPerTaskUs);
  // The worker's own cost per task: what the real sequential run took beyond the same run simulated without it. Its
  // worker is the bottleneck (the coordinator takes in one batch while it runs the next), so the simulated time grows
  // by exactly that cost per task.
  const without: CostProfile = { ...JS_PROFILE, messageUs, receivePerResultUs, workerPerTaskUs: 0 };
  const simWithout = simulate('sequential', workload, { workers: 1, profile: without, trace: false }).wallMs;
  const workerPerTaskUs = Math.max(0, ((realSeq - simWithout) * 1000) / txs.length);
  const refused = refusedUs(traces);
  const invalidUs = refused.length > 0 ? median(refused) : JS_PROFILE.invalidUs;
  const kindScale = kindScales(traces, workload);
  const profile: CostProfile = { ...JS_PROFILE, messageUs, receivePerResultUs, workerPerTaskUs, invalidUs, kindScale, cores: Math.max(1, ceiling) };
  const at = (cores: number): CostProfile => ({ ...profile, cores: Math.max(1, cores) });
  const simSeq = simulate('sequential', workload, { workers: 1, profile }).wallMs;
  // One worker never shares a core, so the simulated sequential run is the same whatever `cores` is.
  const speedupWith = (p: CostProfile, s: string, w: number) => simSeq / simulate(s, workload, { workers: w, profile: p, trace: false }).wallMs;
  const seqTimes = times.get('sequential×1')!;
  const rows = configs.slice(1).map(({ s, w }): CalibrationRow => {
    const own = times.get(`${s}×${w}`)!;
    const realMs = median(own);
    const simMs = simulate(s, workload, { workers: w, profile }).wallMs;
    const realSpeedup = realSeq / realMs;
    const simSpeedup = simSeq / simMs;
    const realSpeedups = own.map((ms, k) => seqTimes[k] / ms);
    const simSpeedupRange: [number, number] = [speedupWith(at(ceilingMin), s, w), speedupWith(at(ceilingMax), s, w)];
    return { workload: label, strategy: s, workers: w, realMs, realSpeedup, simMs, simSpeedup, error: simSpeedup / realSpeedup - 1, realSpeedups, simSpeedupRange };
  });
  return {
    profile,
    workload,
    rows,
    ceilings,
    notes: {
      pingRttUs: 2 * messageUs, ceiling, ceilingMin, ceilingMax, receivePerResultUs, workerPerTaskUs, invalidUs, hintScale: kindScale.hint, firstScale: kindScale.first, reexecScale: kindScale.reexec,
      sequentialMs: realSeq, simSequentialMs: simSeq, execMs: execUs / 1000,
    },
  };
}
