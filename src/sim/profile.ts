/**
 * Cost profiles: what time the simulator charges for each thing a run does. Every figure is µs on the profile's
 * reference machine.
 *
 * - `js`: this engine — ethereumjs in Web Workers / worker_threads, a coordinator thread, messages between them.
 *   Execution costs come from the recorded run; coordination costs are *measured* (`calibrate.ts`) and the defaults
 *   below are such a measurement on the project's 2-vCPU machines (docs/scale.md gives the run).
 * - `native`: a native EVM on threads of one process, scaled from published figures: Block-STM's sequential baseline
 *   executes ~10,000 Aptos peer-to-peer transactions a second on one thread (170k tps at 32 threads = 17×; Gelashvili
 *   et al., PPoPP 2023), i.e. ~100 µs for a transfer; other transactions cost in proportion to their gas. Threads
 *   share memory, so a message is an atomic hand-off (~1 µs) rather than a structured clone.
 *
 * `cores` is how many workers can run at once at full speed: beyond it they share the CPU (the 2-vCPU machines give
 * about 1.3–1.6 effective cores, ARCHITECTURE.md). Shards on separate machines add `network` latency and bandwidth per
 * cross-shard message.
 */

export interface CostProfile {
  name: 'js' | 'native';
  /** Per-transaction execution cost: from the workload (`recorded`), or `perGasUs` × gas. */
  exec: { kind: 'recorded'; scale: number } | { kind: 'gas'; perGasUs: number; minUs: number };
  /**
   * An execution of each kind against the recorded one (sequential's single-version path): a hint pass run, a first
   * run on a replica of the multi-version memory (read and write sets recorded), a re-execution. Measured from the
   * real runs' traces (`calibrate.ts`); 1 where unknown.
   */
  kindScale: { hint: number; first: number; reexec: number };
  /** One-way latency of a batch message, coordinator ↔ worker. */
  messageUs: number;
  /** Coordinator time to send a batch, plus per task in it. */
  sendUs: number;
  sendPerTaskUs: number;
  /** Coordinator time to take in a batch's results, plus per result (recording, validation, commit). */
  receiveUs: number;
  receivePerResultUs: number;
  /** Worker time per batch beyond its executions (applying replica updates, serialising results). */
  workerPerBatchUs: number;
  /** Worker and transport time per task beyond its execution: taking in replica updates, cloning the result both
   * ways, collecting its garbage. Measured as what a sequential run spends beyond its executions, its messages and
   * the coordinator's own time (`calibrate.ts`); it does not overlap with that worker's executions. */
  workerPerTaskUs: number;
  /** An execution refused at its nonce check (its sender's earlier transaction not visible yet: the hint pass's
   * first round, a speculative run): the EVM stops before running any code. */
  invalidUs: number;
  /** Sender recovery, per signature, on one worker. */
  recoverUs: number;
  /** Workers that run at full speed at once (Infinity: one core each). */
  cores: number;
  /** Between shards on separate machines: latency of a cross-shard message, and bytes per µs. */
  network: { latencyUs: number; bytesPerUs: number };
}

/**
 * This engine on the project's machines: what the page's Scale lab charges before any calibration. Measured
 * 2026-12-03, 21:54–21:58, on the 2-vCPU VM with nothing else running, by `npm run test:calibration -- --sample erc20`
 * and `--sample mainnet` (their printed notes; six series): the medians, rounded. Busy-machine series the same
 * evening (load average 1.8–8.5) gave lower pings and coordinator times (35 µs, 2 µs) and the same worker cost.
 * `sendUs`, `sendPerTaskUs`, `receiveUs` and `workerPerBatchUs` are not measured apart (calibration derives the
 * others with them); the execution kinds measured 0.74–1.29× and stay 1; `cores` stays the value the bench's
 * ceiling gives on a quiet machine (these series' medians: 1.28–1.68×).
 */
export const JS_PROFILE: CostProfile = {
  name: 'js',
  exec: { kind: 'recorded', scale: 1 },
  kindScale: { hint: 1, first: 1, reexec: 1 },
  /** Half the worker ping's round trip: median 140 µs, 36–416 over the series. */
  messageUs: 70,
  sendUs: 20,
  sendPerTaskUs: 2,
  receiveUs: 30,
  /** The coordinator's own busy time per result: median 5 µs, 1–7. */
  receivePerResultUs: 5,
  workerPerBatchUs: 40,
  /** Median 89 µs, 59–117 (the airdrop 59–112, block 12,300,570 67–117). */
  workerPerTaskUs: 89,
  /** Refused executions in the real runs' traces: 103–150 µs. */
  invalidUs: 150,
  /** WASM libsecp256k1 (`node --import tsx scripts/bench-recovery.ts --rounds 5 --limit 600`: 374 µs CPU, 391 µs wall
   * a signature, 21:17; docs/benchmarks.md), and 390–630 µs a transaction in a sequential run of block 12,300,570
   * (`npm run cli -- run … -s sequential`, hashing included, load 6–7). */
  recoverUs: 400,
  cores: 1.45,
  network: { latencyUs: 0, bytesPerUs: Infinity },
};

/** A native EVM, one thread per worker, on a machine with a core per worker (see the header for the source). */
export const NATIVE_PROFILE: CostProfile = {
  name: 'native',
  exec: { kind: 'gas', perGasUs: 100 / 21_000, minUs: 20 },
  kindScale: { hint: 1, first: 1, reexec: 1 },
  messageUs: 1,
  sendUs: 0.5,
  sendPerTaskUs: 0.1,
  receiveUs: 0.5,
  receivePerResultUs: 1,
  workerPerBatchUs: 0.5,
  workerPerTaskUs: 0,
  invalidUs: 5,
  recoverUs: 50,
  cores: Infinity,
  network: { latencyUs: 0, bytesPerUs: Infinity },
};

export const PROFILES = { js: JS_PROFILE, native: NATIVE_PROFILE } as const;

/** Datacentre defaults for shards on separate machines: 250 µs one way, 10 Gbit/s. */
export const DATACENTRE_NETWORK = { latencyUs: 250, bytesPerUs: 1_250 };
