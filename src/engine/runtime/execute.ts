/**
 * The runtime: runs one policy to the end of the block on a transport. It owns everything a strategy should not —
 * start-up and sender recovery, the dispatch loop, crash-proof transport, cancellation, stall detection, the
 * ledger of counters and the in-order committer — so a strategy is only its scheduling decisions (`policy.ts`).
 */
import { coinbaseKey, type StateKey, valuesEqual } from '../evm/keys.ts';
import { isConditionRead } from '../evm/lazyAccount.ts';
import { needsRecovery } from '../evm/transactions.ts';
import type { Receipt, RunStats } from '../result.ts';
import { receiptsCarryStateRoots } from '../scenario/hardforks.ts';
import type { Hex, Scenario, SenderMode } from '../scenario/types.ts';
import { baseStateOf } from '../state/baseState.ts';
import { CommittedState } from '../state/committedState.ts';
import type { MultiVersionMemory } from '../state/multiVersionMemory.ts';
import type { RunHistory } from '../strategies/history.ts';
import type { TraceEvent } from '../trace/events.ts';
import type { EventBody, TraceRecorder } from '../trace/recorder.ts';
import { traceValue } from '../trace/values.ts';
import type { MemoryUpdate, TaskResult } from '../workers/protocol.ts';
import { Committer } from './committer.ts';
import { EngineFailure, RunCancelled, RunError } from './errors.ts';
import { Ledger } from './ledger.ts';
import type { Batch, Policy, PolicyHost, StaleRead, StrategyDef } from './policy.ts';
import type { ReplicaLog } from './replicaLog.ts';
import type { Transport } from './transport.ts';

export interface ExecuteOptions {
  scenario: Scenario;
  workers: number;
  senderMode: SenderMode;
  recorder: TraceRecorder;
  transport: Transport;
  log: ReplicaLog;
  history?: RunHistory;
  signal?: AbortSignal;
  /** Build the post-state and the receipts (default true). The simulator does not: it reports times and counts. */
  outputs?: boolean;
  /** Whether the transport's executions honour `Batch.lazySenders` (default true; see `PolicyHost.lazySenders`). */
  lazySenders?: boolean;
}

export interface ExecuteOutput {
  receipts: Receipt[];
  senders: Hex[];
  state: CommittedState;
  /** Before Byzantium: each transaction's committed writes, in order (for the state root in each receipt). */
  txWrites?: Committer['writes'];
  stats: Omit<RunStats, 'wallMs' | 'rootMs' | 'workerRestarts'>;
}

export async function execute(def: StrategyDef, o: ExecuteOptions): Promise<ExecuteOutput> {
  const { scenario, recorder, transport } = o;
  const n = scenario.transactions.length;
  const W = o.workers;
  const ledger = new Ledger(n, W);
  let cancelled: RunCancelled | undefined;
  const onAbort = (): void => {
    cancelled = new RunCancelled();
    transport.close();
  };
  if (o.signal?.aborted) throw new RunCancelled();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  const guard = <T>(p: Promise<T>): Promise<T> =>
    p.catch((e) => {
      throw cancelled ?? e;
    });
  try {
    await guard(transport.start());
    const recoverStart = recorder.now();
    const senders = await guard(recoverSenders(o, ledger));
    const recoverMs = (recorder.now() - recoverStart) / 1000;
    await guard(transport.setSenders(senders));
    if (cancelled) throw cancelled;

    const core = openRun(def, o, senders, ledger);
    await loop(core, o, () => cancelled);
    transport.end?.();
    if (n <= KEEP_RUNS_UP_TO) lastRuns.set(def.name, core);
    return closeRun(core, senders, recoverMs);
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    transport.close();
  }
}

/**
 * Per strategy, the objects of its last finished run on a block of up to `KEEP_RUNS_UP_TO` transactions (its trace
 * apart: `TraceRecorder.release`). V8's optimised code for the coordinator's hot methods refers weakly to objects of
 * the run it was compiled in (their hidden classes): once those have all died, a full collection deoptimises it, and
 * the next run starts in the interpreter. A full collection between runs is common — the bench forces one before
 * each run, a browser's memory reducer runs one when the page goes idle — and it made block-stm's coordinator on 2
 * workers ~3× busier on 13,287,210 (20 → 62 ms; 1.12× of sequential → 0.77×). A finished run kept alive keeps them.
 * It costs 0.3–0.5 MB for that block of 1,414 transactions (block-stm, sequential) to 9 MB (shards, which keep their
 * whole replica log); a larger block's run is long enough to re-optimise in, and keeps the smaller run kept before.
 */
const lastRuns = new Map<string, RunCore>();
const KEEP_RUNS_UP_TO = 2_048;

/** One run's state between start-up and the end of the block: the policy, what it talks to, and the loop. */
export interface RunCore {
  host: Host;
  policy: Policy;
  dispatcher: Dispatcher;
}

/** The execute phase begins: the committer, the host and the policy for this run. */
export function openRun(def: StrategyDef, o: ExecuteOptions, senders: Hex[], ledger = new Ledger(o.scenario.transactions.length, o.workers)): RunCore {
  const committer = new Committer(new CommittedState(baseStateOf(o.scenario)), o.recorder, o.outputs !== false);
  committer.keepWrites = o.outputs !== false && receiptsCarryStateRoots(o.scenario.chain.hardfork);
  const host = new Host(o, senders, ledger, committer);
  o.recorder.coordinator(-1, 0, { kind: 'phase-start', phase: 'execute' });
  const policy = def.policy(host);
  if (!policy.lateRecords) o.log.follow(committer); // replicas fold below the commit point (runtime/replicaLog.ts)
  return { host, policy, dispatcher: new Dispatcher(def.name, policy, host, o.workers) };
}

/** Every transaction has committed: the execute phase ends. */
export function closeRun({ host, policy }: RunCore, senders: Hex[], recoverMs: number): ExecuteOutput {
  policy.finish?.();
  host.recorder.coordinator(-1, 0, { kind: 'phase-end', phase: 'execute' });
  host.recorder.flush();
  const { committer } = host;
  return { receipts: committer.receipts, senders, state: committer.state, ...(committer.keepWrites ? { txWrites: committer.writes } : {}), stats: host.ledger.stats(recoverMs, policy.extras?.()) };
}

/**
 * The runtime's loop, synchronous: commit what the policy says is final, then ask it for work for every worker with
 * room. The real runtime drives it from transport promises (`loop`); the simulator from its virtual clock.
 */
export class Dispatcher {
  readonly inflight: number[];
  private readonly maxInflight: number;
  /** Called for each batch handed out; the caller delivers its results to `complete`. */
  send: (w: number, batch: Batch) => void = () => {
    throw new Error('Dispatcher.send is not connected');
  };

  constructor(private readonly name: string, private readonly policy: Policy, private readonly host: Host, private readonly workers: number) {
    this.inflight = new Array<number>(workers).fill(0);
    this.maxInflight = policy.maxInflight ?? 1;
  }

  /** Commits and dispatches; true once every transaction has committed. Throws `EngineFailure` on a stall. */
  pump(): boolean {
    const { policy, host } = this;
    const n = host.n;
    for (let r = policy.head(host.commitIdx); r; r = host.commitIdx < n ? policy.head(host.commitIdx) : null) {
      host.committer.commit(r);
      policy.committed?.(r);
    }
    if (host.commitIdx === n) return true;
    for (let w = 0; w < this.workers; w++) {
      while (this.inflight[w] < this.maxInflight) {
        const batch = policy.next(w, this.inflight[w]);
        if (!batch || batch.tasks.length === 0) break;
        this.inflight[w]++;
        this.send(w, batch);
      }
    }
    if (this.inflight.every((k) => k === 0)) throw new EngineFailure(`${this.name} stalled at transaction ${host.commitIdx}: nothing in flight and nothing to run`);
    return false;
  }

  /** A batch sent to `w` came back with these results. */
  complete(w: number, batch: Batch, results: TaskResult[]): void {
    this.inflight[w]--;
    results.forEach((r, k) => this.host.account(r, batch, k));
    this.policy.onResults(w, results, batch);
  }

  /** A batch sent to `w` failed (the run is failing). */
  lost(w: number): void {
    this.inflight[w]--;
  }
}

/** Dispatch, results, commit over the transport — until every transaction has committed, the run fails, or it is
 * cancelled. */
function loop(core: RunCore, o: ExecuteOptions, cancelled: () => RunCancelled | undefined): Promise<void> {
  const { transport, recorder } = o;
  const { dispatcher, host } = core;
  let onAbort = (): void => {};
  const run = new Promise<void>((resolve, reject) => {
    let over = false;
    const fail = (e: unknown): void => {
      if (over) return;
      over = true;
      transport.close();
      reject(cancelled() ?? e);
    };
    onAbort = () => fail(cancelled());
    o.signal?.addEventListener('abort', onAbort, { once: true });
    const pump = (): void => {
      if (over) return;
      try {
        if (cancelled()) throw cancelled();
        const t0 = performance.now();
        const done = dispatcher.pump();
        host.ledger.coordinatorMs += performance.now() - t0;
        if (done) {
          over = true;
          return resolve();
        }
        recorder.flush();
      } catch (e) {
        fail(e);
      }
    };
    dispatcher.send = (w, batch) => {
      transport.execute(w, batch).then(
        (results) => {
          if (over) return dispatcher.lost(w);
          try {
            const t0 = performance.now();
            dispatcher.complete(w, batch, results);
            host.ledger.coordinatorMs += performance.now() - t0;
          } catch (e) {
            return fail(e);
          }
          recorder.flush();
          pump();
        },
        (e) => {
          dispatcher.lost(w);
          fail(e);
        },
      );
    };
    pump();
  });
  // A signal may outlive many runs (a comparison's, a benchmark's): each run takes its listener off when it ends.
  return run.finally(() => o.signal?.removeEventListener('abort', onAbort));
}

/** Sender recovery, its own parallel phase: contiguous chunks handed to whichever worker is free. */
async function recoverSenders(o: ExecuteOptions, ledger: Ledger): Promise<Hex[]> {
  const { scenario, recorder, transport } = o;
  const senders = scenario.transactions.map((tx) => tx.from ?? ('0x' as Hex));
  const todo = scenario.transactions.flatMap((tx, i) => (needsRecovery(tx, o.senderMode) ? [i] : []));
  if (todo.length === 0) return senders;
  recorder.coordinator(-1, 0, { kind: 'phase-start', phase: 'recover-senders' });
  const chunk = Math.max(8, Math.ceil(todo.length / (o.workers * 4)));
  let next = 0;
  await Promise.all(
    Array.from({ length: o.workers }, async (_, w) => {
      while (next < todo.length) {
        const indices = todo.slice(next, next + chunk);
        next += chunk;
        const r = await transport.recover(w, indices);
        ledger.busy(w, (r.t1 - r.t0) / 1000);
        recorder.push({ t: r.t0, worker: w, tx: -1, incarnation: 0, kind: 'recover', from: indices[0], to: indices[indices.length - 1] + 1, endT: r.t1 });
        r.senders.forEach((s, k) => {
          if (!s.ok) throw new RunError(`transactions[${indices[k]}].signature: ${s.message}`);
          senders[indices[k]] = s.sender;
        });
        recorder.flush();
      }
    }),
  );
  recorder.coordinator(-1, 0, { kind: 'phase-end', phase: 'recover-senders' });
  return senders;
}

/** The runtime's side of `PolicyHost`. */
export class Host implements PolicyHost {
  readonly scenario: Scenario;
  readonly n: number;
  readonly workers: number;
  readonly coinbaseKey: StateKey;
  readonly history?: RunHistory;
  readonly recorder: TraceRecorder;
  readonly lazySenders: boolean;
  /** Which worker (and generation) already holds each result in its replica: it is not sent it back. */
  private readonly holder = new WeakMap<TaskResult, { worker: number; generation: number }>();
  /** The last holder made for each worker, shared while its generation stays (nobody changes one): not one per result. */
  private readonly holders: { worker: number; generation: number }[] = [];

  constructor(
    private readonly o: ExecuteOptions,
    readonly senders: readonly Hex[],
    readonly ledger: Ledger,
    readonly committer: Committer,
  ) {
    this.scenario = o.scenario;
    this.n = o.scenario.transactions.length;
    this.workers = o.workers;
    this.coinbaseKey = coinbaseKey(o.scenario);
    this.history = o.history;
    this.recorder = o.recorder;
    this.lazySenders = o.lazySenders !== false;
  }

  get commitIdx(): number {
    return this.committer.next;
  }

  /** Counts and records one execution that came back, before the policy sees it (`k`: its place in the results,
   * usually its task's place in the batch). */
  account(r: TaskResult, batch: Batch, k: number): void {
    const at = batch.tasks[k];
    const task = at !== undefined && at.tx === r.tx && at.incarnation === r.incarnation ? at : batch.tasks.find((t) => t.tx === r.tx && t.incarnation === r.incarnation);
    const hint = task?.hint === true;
    const exec = this.ledger.execution(r.tx, hint, r.worker, (r.t1 - r.t0) / 1000);
    const { recorder } = this;
    const o = r.outcome;
    // Nobody listening (a simulated sweep without a trace): no events to build, their key lists least of all.
    const recording = recorder.recording;
    if (recording) recorder.push({ t: r.t0, worker: r.worker, tx: r.tx, incarnation: r.incarnation, kind: 'exec-start', exec });
    if (o.kind === 'blocked') {
      if (recording) recorder.push({ t: r.t1, worker: r.worker, tx: r.tx, incarnation: r.incarnation, kind: 'exec-abort', key: o.key, blockingTx: o.blockingTx });
      this.ledger.abort(o.key);
    } else if (recording) {
      const done = o.kind === 'done';
      const end: Extract<TraceEvent, { kind: 'exec-end' }> = {
        t: r.t1, worker: r.worker, tx: r.tx, incarnation: r.incarnation, kind: 'exec-end', exec,
        reads: o.reads.map(([k]) => k),
        writes: done ? [...o.writes.map(([k]) => k), ...o.deltas.map(([k]) => k)] : [],
        gas: done ? Number(o.gasUsed) : 0,
        status: done ? (o.status === 1 ? 'success' : 'revert') : 'error',
      };
      if (done && o.deltas.length > 0) end.deltas = o.deltas.map(([k]) => k);
      for (const [k, v] of o.reads) if (isConditionRead(v)) (end.conditions ??= []).push(k);
      recorder.push(end);
    }
    // A worker records its own finished results in its replica, unless the batch was isolated.
    if (o.kind === 'done' && !batch.isolated) this.holder.set(r, this.holderOf(r));
  }

  private holderOf(r: TaskResult): { worker: number; generation: number } {
    const generation = this.generationOf(r);
    const h = this.holders[r.worker];
    if (h !== undefined && h.generation === generation) return h;
    return (this.holders[r.worker] = { worker: r.worker, generation });
  }

  /** The generation a result came from: a reply is handled before any later death of its worker is noticed. */
  private generationOf(r: TaskResult): number {
    return this.o.transport.generation(r.worker);
  }

  event(tx: number, incarnation: number, body: EventBody): void {
    this.recorder.coordinator(tx, incarnation, body);
  }

  publish(update: MemoryUpdate, to?: readonly number[]): void {
    this.o.log.publish(update, to);
  }

  publishResult(r: TaskResult, to?: readonly number[]): void {
    const o = r.outcome;
    const done = o.kind === 'done';
    const update: MemoryUpdate = {
      kind: 'writes', tx: r.tx, incarnation: r.incarnation,
      writes: done ? o.writes : [], deltas: done ? o.deltas : [], codes: done ? o.codes : [],
    };
    this.o.log.publish(update, to, this.holder.get(r));
  }

  validated(tx: number, incarnation: number): void {
    this.ledger.validations++;
    this.event(tx, incarnation, { kind: 'validate-ok' });
  }

  validationFailed(tx: number, incarnation: number, key: StateKey, writerTx: number, values?: StaleRead): void {
    this.ledger.validations++;
    this.ledger.abort(key);
    const body: Extract<EventBody, { kind: 'validate-fail' }> = { kind: 'validate-fail', key, writerTx };
    if (values?.read !== undefined) body.read = traceValue(values.read);
    if (values?.expected !== undefined) body.expected = traceValue(values.expected);
    this.event(tx, incarnation, body);
  }

  undeclared(r: TaskResult, key: StateKey): void {
    this.ledger.abort(key);
    this.recorder.push({ t: r.t1, worker: r.worker, tx: r.tx, incarnation: r.incarnation, kind: 'undeclared', key });
  }

  validateReads(memory: MultiVersionMemory, r: TaskResult): boolean {
    const o = r.outcome;
    if (o.kind === 'blocked') throw new Error(`transaction ${r.tx}: a stopped execution has no read set to validate`);
    for (const [key, read] of o.reads) {
      const expected = memory.read(key, r.tx);
      if (valuesEqual(expected, read)) continue;
      this.validationFailed(r.tx, r.incarnation, key, memory.writerBelow(key, r.tx), { read, expected });
      return false;
    }
    this.validated(r.tx, r.incarnation);
    return true;
  }
}

