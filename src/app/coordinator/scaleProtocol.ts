/**
 * What the page asks of the engine for the Scale lab (`EngineApi.scaleSweep` / `shardSweep` / `simulate`): simulated
 * runs of the strategies on many virtual workers or shards (`src/sim/`), computed in the coordinator worker.
 * Everything here is structured-cloneable and every figure is *simulated*.
 */
import type { Scenario } from '../../engine/scenario/types.ts';
import type { Trace } from '../../engine/trace/events.ts';
import type { ScaleRow } from '../../sim/sweep.ts';
import type { ScenarioSource } from '../scenarios.ts';

/** The block a simulation replays: a recorded real run of a scenario (its trace gives each transaction's accesses
 * and cost), or a synthetic block of peer-to-peer transfers (`src/sim/synthetic.ts`). */
export type ScaleBlock =
  | { kind: 'recorded'; source: ScenarioSource; trace: Pick<Trace, 'events' | 'txCount' | 'strategy' | 'workers'>; label: string }
  | {
      kind: 'p2p';
      txs: number;
      accounts: number;
      seed?: number;
      /** For the sharding question: the accounts in `communities` groups of neighbours, a transfer leaving its
       * sender's group with probability `crossShare` (`p2pTransfers`; default: no groups). */
      communities?: number;
      crossShare?: number;
    };

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

export type { ScaleRow } from '../../sim/sweep.ts';

/** What every sweep reports besides its rows. */
interface SweepBase {
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
  /** Filled as the sweep goes (the partial sweeps sent to `onProgress` have fewer). */
  rows: ScaleRow[];
  /** Rows the finished sweep will have. */
  total: number;
}

export interface ScaleSweep extends SweepBase {
  /** The block's dependency graph (`analyseConflicts`): no schedule beats `speedupBound` × sequential. */
  ceiling: { speedupBound: number; txPerSec: number; gasPerSec: number; edges: number; independent: number; criticalPathTxs: number; hotKeys: { key: string; edges: number }[] };
  /** The profile's serial costs, for the explanation: coordinator µs per transaction, one-way message µs. */
  costs: { coordinatorUsPerTx: number; messageUs: number; execUsPerTx: number; networkLatencyUs: number };
}

export interface ScaleSweepParams {
  strategies: string[];
  /** Worker counts, e.g. 1, 2, 4, …, 128. */
  workers: number[];
}

/** The sharding question: the sharded strategies on every shard count, with their shards on separate machines
 * `latencies` µs apart (one way; 0: one machine). */
export interface ShardSweepParams {
  strategies: string[];
  /** Shard counts, e.g. 1, 2, 4, …, 64 (a sharded strategy runs one worker per shard). */
  shards: number[];
  latencies: number[];
}

export interface ShardSweep extends SweepBase {
  /** One-way message µs on one machine (the profile's); a network latency adds to it. */
  messageUs: number;
  /** The synthetic block's communities and the share of transfers that leave theirs, when it has them. */
  design?: { communities: number; crossShare: number };
}

/** One point of a sweep again, with its trace: opens on the stage like any run. */
export interface SimulatedRun {
  row: ScaleRow;
  trace: Trace;
  /** The synthetic block's scenario (a recorded block's is the page's own). */
  scenario?: Scenario;
}
