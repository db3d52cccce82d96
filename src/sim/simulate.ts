/**
 * The simulator: the *same* strategy policies as real runs, driven by the runtime's own dispatcher, but on virtual
 * workers with a virtual clock. Each worker keeps a real replica of the multi-version memory fed by the real replica
 * log, and "executes" a transaction by reading its recorded read set there and writing its recorded write set — every
 * written value a function of the values read, so a stale read commits a different value and validation catches it
 * exactly as it would on a real worker. Time comes from the cost profile: execution from the recorded run (or gas),
 * messages and coordinator work from measurements, CPU sharing beyond the profile's cores.
 *
 * The output is a trace in the format every view reads, marked `simulated`, and the run's figures.
 */
import { accountKey, type StateKey, type StateValue } from '../engine/evm/keys.ts';
import type { Hex } from '../engine/scenario/types.ts';
import { Ledger } from '../engine/runtime/ledger.ts';
import type { Batch, StrategyDef } from '../engine/runtime/policy.ts';
import { type ExecuteOptions, closeRun, openRun } from '../engine/runtime/execute.ts';
import { MinHeap } from '../engine/runtime/heap.ts';
import { ReplicaLog } from '../engine/runtime/replicaLog.ts';
import type { Transport } from '../engine/runtime/transport.ts';
import type { RunStats } from '../engine/result.ts';
import { baseStateOf } from '../engine/state/baseState.ts';
import { EstimateRead } from '../engine/evm/stateView.ts';
import { effectiveWorkers, STRATEGY_NAMES } from '../engine/strategies/catalog.ts';
import type { RunHistory } from '../engine/strategies/history.ts';
import { getStrategy } from '../engine/strategies/registry.ts';
import { COORDINATOR, type Trace, type TraceEvent } from '../engine/trace/events.ts';
import { TraceRecorder } from '../engine/trace/recorder.ts';
import type { TaskOutcome, TaskResult } from '../engine/workers/protocol.ts';
import type { SimTx, SimWorkload } from './model.ts';
import { PerWorkerReplicas, type Replicas, SharedReplicas } from './replicas.ts';
import type { CostProfile } from './profile.ts';

export interface SimOptions {
  workers: number;
  profile: CostProfile;
  /** Simulate sender recovery (signatures): the recorded run's mode. Default: no. */
  recoverSenders?: boolean;
  history?: RunHistory;
  onEvents?: (batch: TraceEvent[]) => void;
}

export interface SimRun {
  strategy: string;
  workers: number;
  txCount: number;
  simulated: true;
  profile: CostProfile['name'];
  /** Virtual wall time, recovery included. */
  wallMs: number;
  recoverMs: number;
  gas: number;
  txPerSec: number;
  gasPerSec: number;
  stats: Omit<RunStats, 'wallMs' | 'rootMs' | 'workerRestarts'>;
  trace: Trace;
}

interface Completion {
  time: number;
  seq: number;
  w: number;
  batch: Batch;
  results: TaskResult[];
}

export function simulate(strategy: string | StrategyDef, workload: SimWorkload, o: SimOptions): SimRun {
  const def = typeof strategy === 'string' ? getStrategy(strategy) : strategy;
  const W = STRATEGY_NAMES.includes(def.name) ? effectiveWorkers(def.name, o.workers) : Math.max(1, Math.floor(o.workers));
  const { scenario, txs } = workload;
  const p = o.profile;
  const n = txs.length;
  if (scenario.transactions.length !== n) throw new Error(`the workload has ${n} transactions, its scenario ${scenario.transactions.length}`);
  let clock = 0;
  const recorder = new TraceRecorder(0, o.onEvents, () => Math.round(clock));
  recorder.push({ t: 0, worker: COORDINATOR, tx: -1, incarnation: 0, kind: 'run-start', strategy: def.name, workers: W, txCount: n });
  // One more log slot than workers: the shared replicas' observer.
  const log = new ReplicaLog(W + 1);
  const transport: Transport = {
    workers: W,
    start: async () => {},
    recover: () => Promise.reject(new Error('simulated')),
    setSenders: async () => {},
    execute: () => Promise.reject(new Error('simulated')),
    generation: () => 0,
    close: () => {},
  };
  const ledger = new Ledger(n, W);
  const costOf = (t: SimTx): number => (p.exec.kind === 'recorded' ? t.costUs * p.exec.scale : Math.max(p.exec.minUs, t.gas * p.exec.perGasUs));

  // Sender recovery: its own parallel phase, contiguous chunks, CPU shared beyond the profile's cores.
  const senders = scenario.transactions.map((t) => t.from ?? ('0x' as Hex));
  let recoverMs = 0;
  if (o.recoverSenders && n > 0) {
    recorder.coordinator(-1, 0, { kind: 'phase-start', phase: 'recover-senders' });
    const per = Math.ceil(n / W);
    const slow = Math.max(1, Math.min(W, n) / p.cores);
    for (let w = 0; w * per < n; w++) {
      const from = w * per;
      const to = Math.min(n, from + per);
      const us = (to - from) * p.recoverUs * slow;
      ledger.busy(w, us / 1000);
      recorder.push({ t: Math.round(p.messageUs), worker: w, tx: -1, incarnation: 0, kind: 'recover', from, to, endT: Math.round(p.messageUs + us) });
      clock = Math.max(clock, 2 * p.messageUs + us);
    }
    recorder.coordinator(-1, 0, { kind: 'phase-end', phase: 'recover-senders' });
    recoverMs = clock / 1000;
  }

  // The nonce: a transaction runs only once its sender's previous one is visible to it (else it is refused, cheaply).
  const prevSameSender = previousSame(senders);
  const ran = new Uint8Array(n);
  const senderKeys = senders.map((s) => accountKey(s.slice(2).toLowerCase()));
  const options: ExecuteOptions = { scenario, workers: W, senderMode: 'trust', recorder, transport, log, history: o.history };
  const core = openRun(def, options, senders, ledger);
  const base = baseStateOf(scenario);
  // Sharded strategies address replica entries to some workers only: those need a replica per worker.
  const replicas: Replicas = def.name.startsWith('shards') ? new PerWorkerReplicas(base, W, log) : new SharedReplicas(base, W, log, W);
  const workerFree = new Float64Array(W).fill(clock);
  const heap = new MinHeap<Completion>((a, b) => a.time - b.time || a.seq - b.seq);
  let seq = 0;

  core.dispatcher.send = (w, batch) => {
    clock += p.sendUs + p.sendPerTaskUs * batch.tasks.length;
    const start = Math.max(clock + p.messageUs, workerFree[w]);
    // CPU sharing: every other worker that still has work queued at this moment runs alongside this batch.
    let busy = 1;
    for (let x = 0; x < W; x++) if (x !== w && (workerFree[x] > clock || core.dispatcher.inflight[x] > 0)) busy++;
    const slow = Math.max(1, busy / p.cores);
    replicas.sync(w);
    const reader = { read: (key: StateKey, tx: number) => replicas.read(w, key, tx), writerBelow: (key: StateKey, tx: number) => replicas.writerBelow(w, key, tx) };
    let t = start + p.workerPerBatchUs * slow;
    const results: TaskResult[] = [];
    for (const { tx, incarnation, hint } of batch.tasks) {
      const outcome = execute(txs[tx], reader, tx, prevSameSender[tx], senderKeys[tx]);
      const t0 = t;
      // Sequential's reference batches run the path the costs were recorded on; the others, by kind.
      const kind = batch.reference ? 1 : hint ? p.kindScale.hint : ran[tx] ? p.kindScale.reexec : p.kindScale.first;
      if (!hint) ran[tx] = 1;
      t += (outcome.kind === 'blocked' ? 0.5 * kind * costOf(txs[tx]) : outcome.kind === 'invalid' ? p.invalidUs : kind * costOf(txs[tx])) * slow;
      if (outcome.kind === 'done' && !batch.isolated) replicas.own(w, tx, incarnation, outcome.writes);
      results.push({ tx, incarnation, worker: w, t0: Math.round(t0), t1: Math.round(t), outcome });
    }
    workerFree[w] = t;
    heap.push({ time: t + p.messageUs, seq: seq++, w, batch, results });
  };

  for (let done = core.dispatcher.pump(); !done; ) {
    const c = heap.pop();
    if (!c) throw new Error(`${def.name}: the simulation ran out of work at transaction ${core.host.commitIdx}`);
    clock = Math.max(clock, c.time);
    core.dispatcher.complete(c.w, c.batch, c.results);
    clock += p.receiveUs + p.receivePerResultUs * c.results.length;
    done = core.dispatcher.pump();
    recorder.flush();
  }
  const out = closeRun(core, senders, recoverMs);
  recorder.push({ t: Math.round(clock), worker: COORDINATOR, tx: -1, incarnation: 0, kind: 'run-end' });
  recorder.flush();
  const wallMs = clock / 1000;
  const gas = txs.reduce((a, t) => a + t.gas, 0);
  return {
    strategy: def.name,
    workers: W,
    txCount: n,
    simulated: true,
    profile: p.name,
    wallMs,
    recoverMs,
    gas,
    txPerSec: wallMs > 0 ? (n * 1000) / wallMs : 0,
    gasPerSec: wallMs > 0 ? (gas * 1000) / wallMs : 0,
    stats: out.stats,
    trace: { strategy: def.name, workers: W, txCount: n, events: recorder.events, simulated: { profile: p.name, source: workload.source } },
  };
}

/** A number standing for a state value, so written values depend on what was read. */
function num(v: StateValue): bigint {
  if (typeof v === 'bigint') return v;
  if (v === null) return 0n;
  if (typeof v === 'number') return BigInt(v);
  if (typeof v === 'string') return BigInt(v.length);
  return v.balance + v.nonce;
}

/**
 * Reads the recorded read set, writes the recorded write set: each value 1000·(tx+1) + the sum of what was read. A
 * transaction whose sender's previous transaction (`prev`) has not written the sender's account where this worker
 * can see it is refused at the nonce check, as the EVM would ('invalid', reading only the sender's account).
 */
function execute(t: SimTx, replica: { read(key: StateKey, tx: number): StateValue; writerBelow(key: StateKey, tx: number): number }, tx: number, prev: number, senderKey: StateKey): TaskOutcome {
  const reads: [StateKey, StateValue][] = [];
  if (prev >= 0) {
    try {
      if (replica.writerBelow(senderKey, tx) < prev) return { kind: 'invalid', reads: [[senderKey, replica.read(senderKey, tx)]], message: 'nonce too high (simulated)' };
    } catch (e) {
      if (e instanceof EstimateRead) return { kind: 'blocked', key: e.key, blockingTx: e.blockingTx };
      throw e;
    }
  }
  let sum = 0n;
  try {
    for (const k of t.reads) {
      const v = replica.read(k, tx);
      reads.push([k, v]);
      sum += num(v);
    }
  } catch (e) {
    if (e instanceof EstimateRead) return { kind: 'blocked', key: e.key, blockingTx: e.blockingTx };
    throw e;
  }
  const value = 1000n * BigInt(tx + 1) + sum;
  return { kind: 'done', reads, writes: t.writes.map((k) => [k, value]), deltas: [], codes: [], status: 1, gasUsed: BigInt(t.gas), logs: [] };
}

/** For each index, the previous index with the same value (-1: none). */
function previousSame(values: readonly string[]): Int32Array {
  const out = new Int32Array(values.length).fill(-1);
  const last = new Map<string, number>();
  values.forEach((v, i) => {
    const p = last.get(v);
    if (p !== undefined) out[i] = p;
    last.set(v, i);
  });
  return out;
}
