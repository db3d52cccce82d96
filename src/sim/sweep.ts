/**
 * The figures of a sweep, one way for the CLI (`scale`) and the page (the Scale lab): one row per simulated run,
 * speedup against the simulated sequential run of the same block and profile, and the profile of a strategy whose
 * shards sit on separate machines.
 */
import type { CostProfile } from './profile.ts';
import type { SimRun } from './simulate.ts';

/** One simulated run's figures (no trace: a sweep has dozens). */
export interface ScaleRow {
  strategy: string;
  /** Workers asked for, and used (a strategy may use fewer). */
  requested: number;
  workers: number;
  /** Shards of a sharded strategy (one per worker); 1 for the others. */
  shards: number;
  simulated: true;
  profile: CostProfile['name'];
  /** One-way network latency between shards added to each message, µs (0: one machine). */
  networkLatencyUs: number;
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

export const isSharded = (strategy: string): boolean => strategy.startsWith('shards');

/**
 * The profile `strategy` runs with: a sharded strategy with its shards on separate machines pays `latencyUs` one
 * way on every message (its workers are the shards); the others stay on one machine.
 */
export function profileFor(strategy: string, profile: CostProfile, latencyUs: number): CostProfile {
  return isSharded(strategy) && latencyUs > 0 ? { ...profile, messageUs: profile.messageUs + latencyUs } : profile;
}

export function rowOf(strategy: string, requested: number, run: SimRun, sequential: SimRun, latencyUs = 0): ScaleRow {
  const sharded = isSharded(strategy);
  return {
    strategy,
    requested,
    workers: run.workers,
    shards: sharded ? run.workers : 1,
    simulated: true,
    profile: run.profile,
    networkLatencyUs: sharded ? latencyUs : 0,
    wallMs: run.wallMs,
    speedup: run.wallMs > 0 ? sequential.wallMs / run.wallMs : 0,
    txPerSec: run.txPerSec,
    gasPerSec: run.gasPerSec,
    executions: run.stats.executions,
    aborts: run.stats.aborts,
    ...(run.stats.extra ? { extra: run.stats.extra } : {}),
  };
}
