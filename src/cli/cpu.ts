/**
 * Where a run's CPU went, thread by thread (Linux): the coordinator (this process's main thread), the pool's workers,
 * and every other thread of the process — V8's helpers (parallel scavenges, concurrent marking, optimising
 * compilation) and libuv's. The kernel counts, per thread, the time it ran and the time it was ready to run but
 * waited for a CPU (`/proc/<pid>/task/<tid>/schedstat`, nanoseconds). On a 2-core machine a coordinated strategy
 * asks for more than two threads' worth of CPU; these figures say how much more, and how long the workers queued for
 * a core (docs/benchmarks.md, "Where the CPU goes on two cores"). Elsewhere (no `/proc`): no figures, nothing fails.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { WorkerPool } from '../engine/workers/pool.ts';

/** One thread's counters: ns on a CPU, ns waiting for one. */
export interface ThreadClock {
  cpuNs: number;
  waitNs: number;
}

/** Every thread of this process by its id, or undefined where the kernel does not say. */
export function readThreadClocks(): Map<number, ThreadClock> | undefined {
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return undefined;
  }
  const out = new Map<number, ThreadClock>();
  for (const tid of tids) {
    try {
      const [cpu, wait] = readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ');
      out.set(Number(tid), { cpuNs: Number(cpu), waitNs: Number(wait) });
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out.size > 0 ? out : undefined;
}

/** A window's CPU, in ms, by kind of thread. */
export interface CpuSplit {
  wallMs: number;
  /** The main thread: scheduling, validation, commit, messages. */
  coordinatorMs: number;
  /** The pool's workers, summed. */
  workersMs: number;
  /** The workers' time ready to run but waiting for a CPU, summed. */
  workersWaitMs: number;
  /** Every other thread of the process. */
  helpersMs: number;
  /** Cores × wall: the CPU time the machine had in the window. */
  availableMs: number;
}

/** The CPU spent between two readings (threads that appeared in between count from zero). */
export function splitCpu(
  before: ReadonlyMap<number, ThreadClock>,
  after: ReadonlyMap<number, ThreadClock>,
  threads: { main: number; workers: readonly number[] },
  wallMs: number,
  cores: number,
): CpuSplit {
  const split: CpuSplit = { wallMs, coordinatorMs: 0, workersMs: 0, workersWaitMs: 0, helpersMs: 0, availableMs: wallMs * cores };
  const workers = new Set(threads.workers);
  for (const [tid, a] of after) {
    const b = before.get(tid) ?? { cpuNs: 0, waitNs: 0 };
    const cpuMs = (a.cpuNs - b.cpuNs) / 1e6;
    if (tid === threads.main) split.coordinatorMs += cpuMs;
    else if (workers.has(tid)) {
      split.workersMs += cpuMs;
      split.workersWaitMs += (a.waitNs - b.waitNs) / 1e6;
    } else split.helpersMs += cpuMs;
  }
  return split;
}

/** The mean of several windows' splits (undefined for none). */
export function meanSplit(splits: readonly CpuSplit[]): CpuSplit | undefined {
  if (splits.length === 0) return undefined;
  const mean = (f: (s: CpuSplit) => number): number => splits.reduce((a, s) => a + f(s), 0) / splits.length;
  return {
    wallMs: mean((s) => s.wallMs),
    coordinatorMs: mean((s) => s.coordinatorMs),
    workersMs: mean((s) => s.workersMs),
    workersWaitMs: mean((s) => s.workersWaitMs),
    helpersMs: mean((s) => s.helpersMs),
    availableMs: mean((s) => s.availableMs),
  };
}

/**
 * Reads the threads' clocks where each run's wall time starts and ends (`RunOptions.onWall`) and keeps the last
 * window's split. `forPool` asks the pool's workers for their thread ids; without them (not Linux) it measures
 * nothing. A worker started after that (one replacing a crashed worker) is counted among the other threads.
 */
export class RunCpu {
  private before: Map<number, ThreadClock> | undefined;
  private t0 = 0;
  /** The last finished window, taken by `take`. */
  private last: CpuSplit | undefined;

  private constructor(private readonly workers: readonly number[], private readonly cores: number) {}

  static async forPool(pool: WorkerPool, cores = availableParallelism()): Promise<RunCpu | undefined> {
    if (readThreadClocks() === undefined) return undefined;
    const ids = await Promise.all(Array.from({ length: pool.size }, (_, w) => pool.call(w, (api) => api.osThread())));
    const workers = ids.filter((id): id is number => id !== null);
    return workers.length === pool.size ? new RunCpu(workers, cores) : undefined;
  }

  /** For `RunOptions.onWall`. */
  readonly onWall = (edge: 'start' | 'end'): void => {
    const now = performance.now();
    if (edge === 'start') {
      this.last = undefined;
      this.before = readThreadClocks();
      this.t0 = performance.now();
      return;
    }
    const after = readThreadClocks();
    if (this.before && after) this.last = splitCpu(this.before, after, { main: process.pid, workers: this.workers }, now - this.t0, this.cores);
    this.before = undefined;
  };

  /** The last run's split, once. */
  take(): CpuSplit | undefined {
    const s = this.last;
    this.last = undefined;
    return s;
  }
}

/** One run's split in words: `coordinator 13.8 ms · workers 42.2 ms, waiting 25.5 ms for a CPU · other threads 22.8 ms
 * · 94 % of 2 cores × wall`. */
export function cpuLine(s: CpuSplit): string {
  const f = (x: number): string => x.toFixed(1);
  const used = (s.coordinatorMs + s.workersMs + s.helpersMs) / s.availableMs;
  const cores = Math.round(s.availableMs / Math.max(1e-9, s.wallMs));
  return `coordinator ${f(s.coordinatorMs)} ms · workers ${f(s.workersMs)} ms, waiting ${f(s.workersWaitMs)} ms for a CPU · other threads ${f(s.helpersMs)} ms · ${Math.round(100 * used)} % of ${cores} cores × wall`;
}
