/**
 * The Scale lab's side of the engine (`EngineApi.scaleSweep` / `simulate`), in the coordinator worker: builds the
 * simulator's workload from a recorded run's trace (or a synthetic block), runs the strategies on 1–128 virtual
 * workers (`src/sim/simulate.ts`) and returns their figures. Simulations are synchronous: the sweep yields between
 * them so a newer sweep, a cancel or a real run (which must not share this thread with it) stops it.
 */
import { analyseConflicts, type ConflictAnalysis } from '../../engine/analysis/conflicts.ts';
import { coinbaseKey } from '../../engine/evm/keys.ts';
import { RunCancelled } from '../../engine/runtime/errors.ts';
import type { Scenario } from '../../engine/scenario/types.ts';
import { type SimWorkload, workloadFromTrace } from '../../sim/model.ts';
import { type CostProfile, JS_PROFILE, NATIVE_PROFILE } from '../../sim/profile.ts';
import { type SimRun, simulate } from '../../sim/simulate.ts';
import { p2pTransfers } from '../../sim/synthetic.ts';
import { type ScenarioSource, sourceKey } from '../scenarios.ts';
import type { ScaleParams, ScaleRow, ScaleSweep, ScaleSweepParams, SimulatedRun } from './scaleProtocol.ts';

export const MAX_SIM_WORKERS = 128;
export const MAX_SIM_TXS = 20_000;

interface Prepared {
  key: string;
  workload: SimWorkload;
  analysis: ConflictAnalysis | undefined;
  /** The synthetic block's scenario (a recorded one is the page's). */
  synthetic: boolean;
}

export class ScaleHost {
  private prepared: Prepared | undefined;
  /** Rows already simulated for the prepared workload, by profile, strategy and workers. */
  private readonly rows = new Map<string, ScaleRow>();
  private readonly sequential = new Map<string, SimRun>();
  private generation = 0;

  constructor(
    private readonly load: (source: ScenarioSource) => Promise<Scenario>,
    /** A real run is in flight: simulations must not share the coordinator's thread with it. */
    private readonly busy: () => boolean,
  ) {}

  /** Stops the sweep in progress (it rejects with `RunCancelled`). */
  stop(): void {
    this.generation++;
  }

  async sweep(params: ScaleParams, sweep: ScaleSweepParams, onProgress?: (partial: ScaleSweep) => void | Promise<void>): Promise<ScaleSweep> {
    const gen = ++this.generation;
    const workers = [...new Set(sweep.workers.map((w) => checkWorkers(w)))].sort((a, b) => a - b);
    const strategies = sweep.strategies.filter((s) => s !== 'sequential');
    const prep = await this.prepare(params);
    this.check(gen);
    const profile = profileOf(params);
    const pkey = profileKey(profile);
    const seq = this.sequentialRun(prep, profile, pkey);
    const a = prep.analysis ?? analyseConflicts(seq.trace);
    prep.analysis = a;
    const n = prep.workload.txs.length;
    const execUs = prep.workload.txs.reduce((s, t) => s + (profile.exec.kind === 'recorded' ? t.costUs * profile.exec.scale : Math.max(profile.exec.minUs, t.gas * profile.exec.perGasUs)), 0) / Math.max(1, n);
    const out: ScaleSweep = {
      simulated: true,
      source: prep.workload.source,
      profile: profile.name,
      cores: profile.cores,
      txCount: n,
      gas: seq.gas,
      sequential: { wallMs: seq.wallMs, txPerSec: seq.txPerSec, gasPerSec: seq.gasPerSec },
      ceiling: {
        speedupBound: a.speedupBound,
        txPerSec: seq.txPerSec * a.speedupBound,
        gasPerSec: seq.gasPerSec * a.speedupBound,
        edges: a.edges.length,
        independent: a.independent,
        criticalPathTxs: a.criticalPath.length,
        hotKeys: a.hotKeys.slice(0, 3),
      },
      costs: { coordinatorUsPerTx: profile.sendPerTaskUs + profile.receivePerResultUs, messageUs: profile.messageUs, execUsPerTx: execUs, networkLatencyUs: latencyOf(params) },
      rows: [],
      total: workers.length * strategies.length,
    };
    await onProgress?.({ ...out, rows: [] });
    for (const w of workers) {
      for (const strategy of strategies) {
        const p = profileFor(strategy, profile, params);
        const key = `${profileKey(p)}|${strategy}|${w}`;
        let row = this.rows.get(key);
        if (!row) {
          // Let a newer request (another sweep, a cancel, a real run) in before the next simulation.
          await yieldToEvents();
          this.check(gen);
          row = rowOf(strategy, w, simulate(strategy, prep.workload, { workers: w, profile: p }), seq);
          this.rows.set(key, row);
        }
        out.rows.push(row);
      }
      await onProgress?.({ ...out, rows: out.rows.slice() });
    }
    this.check(gen);
    return out;
  }

  /** One point again, with its trace. It does not stop a sweep in progress (it runs between two of its simulations). */
  async simulate(params: ScaleParams, strategy: string, workers: number): Promise<SimulatedRun> {
    const w = checkWorkers(workers);
    const prep = await this.prepare(params);
    if (this.busy()) throw new RunCancelled('a real run started: the simulation stopped');
    const profile = profileOf(params);
    const seq = this.sequentialRun(prep, profile, profileKey(profile));
    const run = simulate(strategy, prep.workload, { workers: w, profile: profileFor(strategy, profile, params) });
    return { row: rowOf(strategy, w, run, seq), trace: run.trace, ...(prep.synthetic ? { scenario: prep.workload.scenario } : {}) };
  }

  private check(gen: number): void {
    if (gen !== this.generation) throw new RunCancelled('simulation superseded');
    if (this.busy()) throw new RunCancelled('a real run started: the simulation stopped');
  }

  private async prepare(params: ScaleParams): Promise<Prepared> {
    const b = params.block;
    let key: string;
    if (b.kind === 'p2p') {
      if (!Number.isInteger(b.txs) || b.txs < 1 || b.txs > MAX_SIM_TXS) throw new Error(`txs: expected a whole number from 1 to ${MAX_SIM_TXS}, got ${b.txs}`);
      if (!Number.isInteger(b.accounts) || b.accounts < 2) throw new Error(`accounts: expected a whole number of at least 2, got ${b.accounts}`);
      if (params.profile === 'js') throw new Error('profile: js needs a recorded run (a synthetic block has no measured costs); use native');
      key = `p2p:${b.txs}:${b.accounts}:${b.seed ?? 7}`;
    } else {
      const t = b.trace;
      key = `recorded:${sourceKey(b.source)}:${t.strategy}:${t.workers}:${t.txCount}:${t.events.length}:${t.events.at(-1)?.t ?? 0}`;
    }
    if (this.prepared?.key === key) return this.prepared;
    let prep: Prepared;
    if (b.kind === 'p2p') {
      prep = { key, workload: p2pTransfers(b.txs, b.accounts, { seed: b.seed }), analysis: undefined, synthetic: true };
    } else {
      const scenario = await this.load(b.source);
      const workload = workloadFromTrace(scenario, b.trace, `recorded ${b.trace.strategy} × ${b.trace.workers} run of ${b.label}`);
      prep = { key, workload, analysis: analyseConflicts(b.trace, coinbaseKey(scenario)), synthetic: false };
    }
    this.prepared = prep;
    this.rows.clear();
    this.sequential.clear();
    return prep;
  }

  private sequentialRun(prep: Prepared, profile: CostProfile, pkey: string): SimRun {
    let seq = this.sequential.get(pkey);
    if (!seq) {
      seq = simulate('sequential', prep.workload, { workers: 1, profile });
      this.sequential.set(pkey, seq);
    }
    return seq;
  }
}

function profileOf(params: ScaleParams): CostProfile {
  if (params.profile === 'native') return NATIVE_PROFILE;
  if (params.profile !== 'js') throw new Error(`profile: expected js or native, got ${JSON.stringify(params.profile)}`);
  const cores = params.cores ?? JS_PROFILE.cores;
  if (!(Number.isFinite(cores) && cores >= 1 && cores <= 1024)) throw new Error(`cores: expected a number from 1 to 1024, got ${cores}`);
  return { ...JS_PROFILE, cores };
}

const profileKey = (p: CostProfile) => `${p.name}:${p.cores}:${p.messageUs}`;

function latencyOf(params: ScaleParams): number {
  const l = params.networkLatencyUs ?? 0;
  if (!(Number.isFinite(l) && l >= 0 && l <= 1_000_000)) throw new Error(`latency: expected µs from 0 to 1000000, got ${l}`);
  return l;
}

/** Sharded strategies with shards on separate machines: every message pays the network latency one way (as the
 * CLI's `scale --network-latency`). */
function profileFor(strategy: string, profile: CostProfile, params: ScaleParams): CostProfile {
  const latency = latencyOf(params);
  return strategy.startsWith('shards') && latency > 0 ? { ...profile, messageUs: profile.messageUs + latency } : profile;
}

function checkWorkers(w: number): number {
  if (!Number.isInteger(w) || w < 1 || w > MAX_SIM_WORKERS) throw new Error(`workers: expected a whole number from 1 to ${MAX_SIM_WORKERS}, got ${w}`);
  return w;
}

function rowOf(strategy: string, requested: number, r: SimRun, seq: SimRun): ScaleRow {
  return {
    strategy,
    requested,
    workers: r.workers,
    wallMs: r.wallMs,
    speedup: r.wallMs > 0 ? seq.wallMs / r.wallMs : 0,
    txPerSec: r.txPerSec,
    gasPerSec: r.gasPerSec,
    executions: r.stats.executions,
    aborts: r.stats.aborts,
    ...(r.stats.extra ? { extra: r.stats.extra } : {}),
  };
}

function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
