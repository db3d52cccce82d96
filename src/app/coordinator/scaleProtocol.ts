/**
 * What the page asks of the engine for the Scale lab (`EngineApi.scaleSweep` / `EngineApi.simulate`): simulated runs
 * of the strategies on many virtual workers (`src/sim/`), computed in the coordinator worker. Everything here is
 * structured-cloneable and every figure is *simulated*.
 */
import type { Scenario } from '../../engine/scenario/types.ts';
import type { Trace } from '../../engine/trace/events.ts';
import type { ScenarioSource } from '../scenarios.ts';

/** The block a simulation replays: a recorded real run of a scenario (its trace gives each transaction's accesses
 * and cost), or a synthetic block of peer-to-peer transfers (`src/sim/synthetic.ts`). */
export type ScaleBlock =
  | { kind: 'recorded'; source: ScenarioSource; trace: Pick<Trace, 'events' | 'txCount' | 'strategy' | 'workers'>; label: string }
  | { kind: 'p2p'; txs: number; accounts: number; seed?: number };

export interface ScaleParams {
  block: ScaleBlock;
  /** `js`: this engine's measured costs (execution as recorded); `native`: a native EVM (`src/sim/profile.ts`).
   * A synthetic block has no recorded costs: it takes `native`. */
  profile: 'js' | 'native';
  /** Cores of the simulated machine for the `js` profile (default: the measured 1.45); `native` has one per worker. */
  cores?: number;
  /** Shards on separate machines: µs one way added to every message of `shards` / `shards-graph` (default 0: one
   * machine; 250 is a datacentre). */
  networkLatencyUs?: number;
}

/** One simulated run's figures (no trace: a sweep has dozens). */
export interface ScaleRow {
  strategy: string;
  /** Workers asked for, and used (a strategy may use fewer). */
  requested: number;
  workers: number;
  /** Virtual wall time. */
  wallMs: number;
  /** Against the simulated sequential run of the same block and profile. */
  speedup: number;
  txPerSec: number;
  gasPerSec: number;
  executions: number;
  aborts: number;
  /** Strategy-specific figures (`RunStats.extra`: `crossShardRatio`, …). */
  extra?: Record<string, number>;
}

export interface ScaleSweep {
  simulated: true;
  /** Where the figures came from, in words. */
  source: string;
  profile: 'js' | 'native';
  /** Cores of the simulated machine (Infinity: one per worker). */
  cores: number;
  txCount: number;
  gas: number;
  /** The simulated sequential run (speedups are against it). */
  sequential: { wallMs: number; txPerSec: number; gasPerSec: number };
  /** The block's dependency graph (`analyseConflicts`): no schedule beats `speedupBound` × sequential. */
  ceiling: { speedupBound: number; txPerSec: number; gasPerSec: number; edges: number; independent: number; criticalPathTxs: number; hotKeys: { key: string; edges: number }[] };
  /** The profile's serial costs, for the explanation: coordinator µs per transaction, one-way message µs. */
  costs: { coordinatorUsPerTx: number; messageUs: number; execUsPerTx: number; networkLatencyUs: number };
  /** Filled as the sweep goes (the partial sweeps sent to `onProgress` have fewer). */
  rows: ScaleRow[];
  /** Rows the finished sweep will have. */
  total: number;
}

export interface ScaleSweepParams {
  strategies: string[];
  /** Worker counts, e.g. 1, 2, 4, …, 128. */
  workers: number[];
}

/** One point of a sweep again, with its trace: opens on the stage like any run. */
export interface SimulatedRun {
  row: ScaleRow;
  trace: Trace;
  /** The synthetic block's scenario (a recorded block's is the page's own). */
  scenario?: Scenario;
}
