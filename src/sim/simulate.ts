/**
 * The simulator: the *same* strategy policies as real runs, driven by the runtime's own dispatcher, but on virtual
 * workers with a virtual clock. Each worker reads what its replica of the multi-version memory would hold, fed what the
 * replica log would send it (`replicas.ts`), and "executes" a transaction by reading its recorded read set there and
 * writing its recorded write set — every
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
import type { Transport } from '../engine/runtime/transport.ts';
import type { RunStats } from '../engine/result.ts';
import { baseStateOf } from '../engine/state/baseState.ts';
import { effectiveWorkers, STRATEGY_NAMES } from '../engine/strategies/catalog.ts';
import type { RunHistory } from '../engine/strategies/history.ts';
import { getStrategy } from '../engine/strategies/registry.ts';
import { sameValueChain, targetsOf } from '../engine/strategies/blockStm/affinity.ts';
import { COORDINATOR, type Trace, type TraceEvent } from '../engine/trace/events.ts';
import { TraceRecorder } from '../engine/trace/recorder.ts';
import type { TaskOutcome, TaskResult } from '../engine/workers/protocol.ts';
import type { SimTx, SimWorkload } from './model.ts';
import { Blocked, KeyIds, SimReplicas } from './replicas.ts';
import type { CostProfile } from './profile.ts';

export interface SimOptions {
  workers: number;
  profile: CostProfile;
  /** Simulate sender recovery (signatures): the recorded run's mode. Default: no. */
  recoverSenders?: boolean;
  history?: RunHistory;
  onEvents?: (batch: TraceEvent[]) => void;
  /**
   * Keep the trace in the result (default true). A sweep needs only the figures: without the trace a 100,000-transaction
   * run holds no ~500,000 events (`trace.events` is then empty; `onEvents` still gets every event, and so do a policy's
   * watchers). The figures are the same either way.
   */
  trace?: boolean;
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
  if (o.trace === false) recorder.streamOnly();
  recorder.push({ t: 0, worker: COORDINATOR, tx: -1, incarnation: 0, kind: 'run-start', strategy: def.name, workers: W, txCount: n });
  // The workers' replicas, and the log the policy publishes to: it hands every update to them.
  const keys = keyedTxs(workload);
  const base = baseStateOf(scenario);
  // The sharded strategies' updates are addressed: a worker is not sent back its own results (the log's rule).
  const replicas = new SimReplicas(base, keys.ids, n, def.name.startsWith('shards'), keys.writeIds, keys.writeKeys);
  const log = replicas.log(W);
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
  const senders = keys.senders;
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
  const prevSameSender = keys.prevSameSender;
  const ran = new Uint8Array(n);
  // No post-state, no receipts: a simulated run reports times and counts (its values are stand-ins).
  // Executions replay recorded key sets: lazy senders only where the recorded run marked which reads were conditions.
  const options: ExecuteOptions = { scenario, workers: W, senderMode: 'trust', recorder, transport, log, history: o.history, outputs: false, lazySenders: keys.lazy };
  const core = openRun(def, options, senders, ledger);
  const workerFree = new Float64Array(W).fill(clock);
  const heap = new MinHeap<Completion>((a, b) => a.time - b.time || a.seq - b.seq);
  let seq = 0;

  core.dispatcher.send = (w, batch) => {
    const sendUs = p.sendUs + p.sendPerTaskUs * batch.tasks.length;
    clock += sendUs;
    core.host.ledger.coordinatorMs += sendUs / 1000;
    const start = Math.max(clock + p.messageUs, workerFree[w]);
    // CPU sharing: every other worker that still has work queued at this moment runs alongside this batch.
    // (With a core per worker nobody slows down: the O(workers) count per batch is skipped.)
    let busy = 1;
    if (p.cores !== Infinity) for (let x = 0; x < W; x++) if (x !== w && (workerFree[x] > clock || core.dispatcher.inflight[x] > 0)) busy++;
    const slow = Math.max(1, busy / p.cores);
    let t = start + p.workerPerBatchUs * slow;
    const results: TaskResult[] = [];
    for (const { tx, incarnation, hint, exact } of batch.tasks) {
      const outcome = execute(txs[tx], keys, replicas, w, tx, prevSameSender[tx], batch.lazySenders === true && exact !== true);
      const t0 = t;
      // Sequential's reference batches run the path the costs were recorded on; the others, by kind.
      const kind = batch.reference ? 1 : hint ? p.kindScale.hint : ran[tx] ? p.kindScale.reexec : p.kindScale.first;
      if (!hint) ran[tx] = 1;
      t += (outcome.kind === 'blocked' ? 0.5 * kind * costOf(txs[tx]) : outcome.kind === 'invalid' ? p.invalidUs : kind * costOf(txs[tx])) * slow;
      const t1 = t;
      t += p.workerPerTaskUs * slow;
      if (outcome.kind === 'done' && !batch.isolated) replicas.own(w, tx, incarnation, outcome.writes);
      results.push({ tx, incarnation, worker: w, t0: Math.round(t0), t1: Math.round(t1), outcome });
    }
    workerFree[w] = t;
    heap.push({ time: t + p.messageUs, seq: seq++, w, batch, results });
  };

  for (let done = core.dispatcher.pump(); !done; ) {
    const c = heap.pop();
    if (!c) throw new Error(`${def.name}: the simulation ran out of work at transaction ${core.host.commitIdx}`);
    clock = Math.max(clock, c.time);
    core.dispatcher.complete(c.w, c.batch, c.results);
    const receive = p.receiveUs + p.receivePerResultUs * c.results.length;
    clock += receive;
    core.host.ledger.coordinatorMs += receive / 1000;
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

/** A workload's keys numbered once (a sweep simulates the same workload dozens of times). */
interface KeyedTxs {
  ids: KeyIds;
  readIds: Int32Array[];
  writeIds: Int32Array[];
  writeKeys: StateKey[][];
  senderKeys: StateKey[];
  senderIds: Int32Array;
  /** Each transaction's sender's previous transaction (-1: none). */
  prevSameSender: Int32Array;
  /** The senders, one list per workload: the policies' sender chains are computed once for it (`sameValueChain`). */
  senders: Hex[];
  /** Each transaction's gas as the results carry it. */
  gasUsed: bigint[];
  /** Each transaction's lazy-sender read keys' numbers (`SimTx.lazy`), and whether any transaction has them. */
  lazyReadIds: (Int32Array | undefined)[];
  lazy: boolean;
}

const keyed = new WeakMap<SimWorkload, KeyedTxs>();

function keyedTxs(workload: SimWorkload): KeyedTxs {
  let k = keyed.get(workload);
  if (k) return k;
  const { scenario, txs, numbered } = workload;
  const senders = scenario.transactions.map((t) => t.from ?? ('0x' as Hex));
  // The chains Block-STM's affinity asks for, from the generator's numbers when it has them.
  const prevSameSender = sameValueChain(senders, numbered && (() => numbered.prevSameSender));
  if (numbered) sameValueChain(targetsOf(scenario), () => numbered.prevSameTarget);
  let ids: KeyIds;
  let readIds: Int32Array[];
  let writeIds: Int32Array[];
  let senderIds: Int32Array;
  if (numbered) {
    ({ readIds, writeIds, senderIds } = numbered);
    ids = new KeyIds(numbered.keys);
  } else {
    ids = new KeyIds();
    readIds = txs.map((t) => ids.idsOf(t.reads));
    senderIds = ids.idsOf(scenario.transactions.map((t) => accountKey((t.from ?? '0x').slice(2).toLowerCase())));
    // Read and write sets are often one array (a transfer reads and writes the same two accounts): numbered once.
    writeIds = txs.map((t, i) => (t.writes === t.reads ? readIds[i] : ids.idsOf(t.writes)));
  }
  k = {
    ids,
    readIds,
    writeIds,
    writeKeys: txs.map((t) => t.writes),
    // The one string of each key, as the transactions have it: maps compare it by pointer.
    senderKeys: Array.from(senderIds, (id) => ids.keys[id]),
    senderIds,
    prevSameSender,
    senders,
    gasUsed: txs.map((t) => BigInt(t.gas)),
    lazyReadIds: txs.map((t) => (t.lazy ? ids.idsOf(t.lazy.reads) : undefined)),
    lazy: txs.some((t) => t.lazy !== undefined),
  };
  keyed.set(workload, k);
  return k;
}

/**
 * Reads the recorded read set, writes the recorded write set: each value 1000·(tx+1) + the sum of what was read. A
 * transaction whose sender's previous transaction (`prev`) has not written the sender's account where this worker
 * can see it is refused at the nonce check, as the EVM would ('invalid', reading only the sender's account).
 */
function execute(t: SimTx, keys: KeyedTxs, replicas: SimReplicas, w: number, tx: number, prev: number, lazySender: boolean): TaskOutcome {
  // A lazy sender is no read of the sender's nonce: no nonce check here (the run's commit checks it).
  const lazy = lazySender ? t.lazy : undefined;
  if (prev >= 0 && lazy === undefined) {
    const sender = keys.senderIds[tx];
    if (replicas.writerBelow(w, sender, tx) < prev) {
      const senderKey = keys.senderKeys[tx];
      const v = replicas.read(w, sender, tx);
      if (v instanceof Blocked) return { kind: 'blocked', key: senderKey, blockingTx: v.blockingTx };
      return { kind: 'invalid', reads: [[senderKey, v]], message: 'nonce too high (simulated)' };
    }
  }
  const ids = lazy ? keys.lazyReadIds[tx]! : keys.readIds[tx];
  const readKeys = lazy ? lazy.reads : t.reads;
  // Exact size (an array grown by push keeps room for 16 more): this runs for every execution.
  const reads = new Array<[StateKey, StateValue]>(ids.length);
  let sum = 0n;
  for (let i = 0; i < ids.length; i++) {
    const v = replicas.read(w, ids[i], tx);
    if (v instanceof Blocked) return { kind: 'blocked', key: readKeys[i], blockingTx: v.blockingTx };
    reads[i] = [readKeys[i], v];
    sum += num(v);
  }
  const value = 1000n * BigInt(tx + 1) + sum;
  return { kind: 'done', reads, writes: (lazy ? lazy.writes : t.writes).map((k) => [k, value]), deltas: NONE, codes: NONE, status: 1, gasUsed: keys.gasUsed[tx], logs: NONE };
}

/** The empty deltas, codes and logs of every simulated execution: one array, frozen (nobody adds to a result's). */
const NONE = Object.freeze([]) as never[];

