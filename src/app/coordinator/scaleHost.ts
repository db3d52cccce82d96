/**
 * The Scale lab's side of the engine (`EngineApi.scaleSweep` / `shardSweep` / `simulate`), in the coordinator
 * worker: builds the simulator's workload from a recorded run's trace (or a synthetic block), runs the strategies on
 * 1–128 virtual workers — or the sharded ones on 1–64 shards at several network latencies — (`src/sim/simulate.ts`)
 * and returns their figures. Simulations are synchronous: a sweep yields between them so a newer sweep of its kind,
 * a sweep of another block, a cancel or a real run (which must not share this thread with it) stops it. The two
 * kinds do not stop each other (a ticked strategy re-runs the workers sweep only), and they share their rows.
 */
import { analyseConflicts, type ConflictAnalysis } from '../../engine/analysis/conflicts.ts';
import { coinbaseKey } from '../../engine/evm/keys.ts';
import { RunCancelled } from '../../engine/runtime/errors.ts';
import type { Scenario } from '../../engine/scenario/types.ts';
import { type SimWorkload, workloadFromTrace } from '../../sim/model.ts';
import { type CostProfile, JS_PROFILE, NATIVE_PROFILE } from '../../sim/profile.ts';
import { type SimRun, simulate } from '../../sim/simulate.ts';
import { isSharded, profileFor, rowOf } from '../../sim/sweep.ts';
import { p2pTransfers } from '../../sim/synthetic.ts';
import { type ScenarioSource, sourceKey } from '../scenarios.ts';
import type { ScaleParams, ScaleRow, ScaleSweep, ScaleSweepParams, ShardSweep, ShardSweepParams, SimulatedRun } from './scaleProtocol.ts';

export const MAX_SIM_WORKERS = 128;
export const MAX_SIM_TXS = 20_000;
const MAX_COMMUNITIES = 1_000_000;

interface Prepared {
  key: string;
  workload: SimWorkload;
  analysis: ConflictAnalysis | undefined;
  /** The synthetic block's scenario (a recorded one is the page's). */
  synthetic: boolean;
  /** Communities and cross share of a synthetic block that has them. */
  design?: { communities: number; crossShare: number };
  /** Rows already simulated for this workload, by profile, strategy and workers (both kinds of sweep fill it). */
  rows: Map<string, ScaleRow>;
  sequential: Map<string, SimRun>;
}

type SweepKind = 'workers' | 'shards';

/** A sweep's block, profile and simulated sequential run, and the figures every sweep reports. */
interface Begun {
  prep: Prepared;
  profile: CostProfile;
  seq: SimRun;
  base: Omit<ShardSweep, 'messageUs' | 'design' | 'rows' | 'total'>;
}

export class ScaleHost {
  private prepared: Prepared | undefined;
  private readonly generation: Record<SweepKind, number> = { workers: 0, shards: 0 };

  constructor(
    private readonly load: (source: ScenarioSource) => Promise<Scenario>,
    /** A real run is in flight: simulations must not share the coordinator's thread with it. */
    private readonly busy: () => boolean,
  ) {}

  /** Stops the sweeps in progress (they reject with `RunCancelled`). */
  stop(): void {
    this.generation.workers++;
    this.generation.shards++;
  }

  async sweep(params: ScaleParams, sweep: ScaleSweepParams, onProgress?: (partial: ScaleSweep) => void | Promise<void>): Promise<ScaleSweep> {
    const gen = ++this.generation.workers;
    const workers = counts('workers', sweep.workers);
    const strategies = sweep.strategies.filter((s) => s !== 'sequential');
    const latency = latencyOf('latency', params.networkLatencyUs ?? 0);
    const { prep, profile, seq, base } = await this.begin(params, 'workers', gen);
    const a = prep.analysis ?? analyseConflicts(seq.trace);
    prep.analysis = a;
    const n = prep.workload.txs.length;
    const execUs = prep.workload.txs.reduce((s, t) => s + (profile.exec.kind === 'recorded' ? t.costUs * profile.exec.scale : Math.max(profile.exec.minUs, t.gas * profile.exec.perGasUs)), 0) / Math.max(1, n);
    const out: ScaleSweep = {
      ...base,
      ceiling: {
        speedupBound: a.speedupBound,
        txPerSec: seq.txPerSec * a.speedupBound,
        gasPerSec: seq.gasPerSec * a.speedupBound,
        edges: a.edges.length,
        independent: a.independent,
        criticalPathTxs: a.criticalPath.length,
        hotKeys: a.hotKeys.slice(0, 3),
      },
      costs: { coordinatorUsPerTx: profile.sendPerTaskUs + profile.receivePerResultUs, messageUs: profile.messageUs, execUsPerTx: execUs, networkLatencyUs: latency },
      rows: [],
      total: workers.length * strategies.length,
    };
    await onProgress?.({ ...out, rows: [] });
    for (const w of workers) {
      for (const strategy of strategies) out.rows.push(await this.row('workers', gen, prep, profile, seq, strategy, w, latency));
      await onProgress?.({ ...out, rows: out.rows.slice() });
    }
    this.check('workers', gen, prep);
    return out;
  }

  /** The sharding question: every sharded strategy on every shard count at every network latency, filled in shard
   * count by shard count. */
  async shardSweep(params: ScaleParams, sweep: ShardSweepParams, onProgress?: (partial: ShardSweep) => void | Promise<void>): Promise<ShardSweep> {
    const gen = ++this.generation.shards;
    const shards = counts('shards', sweep.shards);
    const latencies = [...new Set(sweep.latencies.map((l) => latencyOf('latencies', l)))].sort((a, b) => a - b);
    const other = sweep.strategies.find((s) => !isSharded(s));
    if (other !== undefined) throw new Error(`strategies: the sharding sweep takes sharded strategies (shards, shards-graph), got ${JSON.stringify(other)}`);
    const strategies = [...new Set(sweep.strategies)];
    const { prep, profile, seq, base } = await this.begin(params, 'shards', gen);
    const out: ShardSweep = { ...base, messageUs: profile.messageUs, ...(prep.design ? { design: prep.design } : {}), rows: [], total: shards.length * latencies.length * strategies.length };
    await onProgress?.({ ...out, rows: [] });
    for (const s of shards) {
      for (const latency of latencies) {
        for (const strategy of strategies) out.rows.push(await this.row('shards', gen, prep, profile, seq, strategy, s, latency));
      }
      await onProgress?.({ ...out, rows: out.rows.slice() });
    }
    this.check('shards', gen, prep);
    return out;
  }

  /** One point again, with its trace. It does not stop a sweep in progress (it runs between two of its simulations). */
  async simulate(params: ScaleParams, strategy: string, workers: number): Promise<SimulatedRun> {
    const w = checkCount('workers', workers);
    const prep = await this.prepare(params);
    if (this.busy()) throw new RunCancelled('a real run started: the simulation stopped');
    const profile = profileOf(params);
    const seq = this.sequentialRun(prep, profile);
    const latency = latencyOf('latency', params.networkLatencyUs ?? 0);
    const run = simulate(strategy, prep.workload, { workers: w, profile: profileFor(strategy, profile, latency) });
    return { row: rowOf(strategy, w, run, seq, latency), trace: run.trace, ...(prep.synthetic ? { scenario: prep.workload.scenario } : {}) };
  }

  private async begin(params: ScaleParams, kind: SweepKind, gen: number): Promise<Begun> {
    const prep = await this.prepare(params);
    this.check(kind, gen, prep);
    const profile = profileOf(params);
    const seq = this.sequentialRun(prep, profile);
    const base = {
      simulated: true as const,
      source: prep.workload.source,
      profile: profile.name,
      cores: profile.cores,
      txCount: prep.workload.txs.length,
      gas: seq.gas,
      sequential: { wallMs: seq.wallMs, txPerSec: seq.txPerSec, gasPerSec: seq.gasPerSec },
    };
    return { prep, profile, seq, base };
  }

  /** A row from the cache, or simulated — after letting a newer request (another sweep, a cancel, a real run) in. */
  private async row(kind: SweepKind, gen: number, prep: Prepared, profile: CostProfile, seq: SimRun, strategy: string, workers: number, latency: number): Promise<ScaleRow> {
    const p = profileFor(strategy, profile, latency);
    const key = `${profileKey(p)}|${strategy}|${workers}`;
    let row = prep.rows.get(key);
    if (!row) {
      await yieldToEvents();
      this.check(kind, gen, prep);
      // A sweep keeps no trace (a clicked point is simulated again with one, `simulate`): the figures are the same.
      row = rowOf(strategy, workers, simulate(strategy, prep.workload, { workers, profile: p, trace: false }), seq, latency);
      prep.rows.set(key, row);
    }
    return row;
  }

  private check(kind: SweepKind, gen: number, prep: Prepared): void {
    if (gen !== this.generation[kind] || prep !== this.prepared) throw new RunCancelled('simulation superseded');
    if (this.busy()) throw new RunCancelled('a real run started: the simulation stopped');
  }

  private async prepare(params: ScaleParams): Promise<Prepared> {
    const b = params.block;
    let key: string;
    if (b.kind === 'p2p') {
      if (!Number.isInteger(b.txs) || b.txs < 1 || b.txs > MAX_SIM_TXS) throw new Error(`txs: expected a whole number from 1 to ${MAX_SIM_TXS}, got ${b.txs}`);
      if (!Number.isInteger(b.accounts) || b.accounts < 2) throw new Error(`accounts: expected a whole number of at least 2, got ${b.accounts}`);
      const c = b.communities ?? 1;
      if (!Number.isInteger(c) || c < 1 || c > MAX_COMMUNITIES) throw new Error(`communities: expected a whole number from 1 to ${MAX_COMMUNITIES}, got ${c}`);
      const x = b.crossShare ?? 1;
      if (!(Number.isFinite(x) && x >= 0 && x <= 1)) throw new Error(`crossShare: expected a share from 0 to 1, got ${x}`);
      if (params.profile === 'js') throw new Error('profile: js needs a recorded run (a synthetic block has no measured costs); use native');
      key = `p2p:${b.txs}:${b.accounts}:${b.seed ?? 7}:${c}:${x}`;
    } else {
      const t = b.trace;
      key = `recorded:${sourceKey(b.source)}:${t.strategy}:${t.workers}:${t.txCount}:${t.events.length}:${t.events.at(-1)?.t ?? 0}`;
    }
    if (this.prepared?.key === key) return this.prepared;
    const fresh = { key, analysis: undefined, rows: new Map<string, ScaleRow>(), sequential: new Map<string, SimRun>() };
    let prep: Prepared;
    if (b.kind === 'p2p') {
      const grouped = (b.communities ?? 1) > 1 ? { communities: b.communities!, crossShare: b.crossShare ?? 1 } : undefined;
      prep = { ...fresh, workload: p2pTransfers(b.txs, b.accounts, { seed: b.seed, ...grouped }), synthetic: true, ...(grouped ? { design: grouped } : {}) };
    } else {
      const scenario = await this.load(b.source);
      const workload = workloadFromTrace(scenario, b.trace, `recorded ${b.trace.strategy} × ${b.trace.workers} run of ${b.label}`);
      prep = { ...fresh, workload, analysis: analyseConflicts(b.trace, coinbaseKey(scenario)), synthetic: false };
    }
    this.prepared = prep;
    return prep;
  }

  private sequentialRun(prep: Prepared, profile: CostProfile): SimRun {
    const pkey = profileKey(profile);
    let seq = prep.sequential.get(pkey);
    if (!seq) {
      seq = simulate('sequential', prep.workload, { workers: 1, profile });
      prep.sequential.set(pkey, seq);
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

function latencyOf(field: string, l: number): number {
  if (!(Number.isFinite(l) && l >= 0 && l <= 1_000_000)) throw new Error(`${field}: expected µs from 0 to 1000000, got ${l}`);
  return l;
}

function checkCount(field: 'workers' | 'shards', w: number): number {
  if (!Number.isInteger(w) || w < 1 || w > MAX_SIM_WORKERS) throw new Error(`${field}: expected a whole number from 1 to ${MAX_SIM_WORKERS}, got ${w}`);
  return w;
}

/** Worker or shard counts, each once, in order. */
function counts(field: 'workers' | 'shards', list: number[]): number[] {
  return [...new Set(list.map((w) => checkCount(field, w)))].sort((a, b) => a - b);
}

function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
