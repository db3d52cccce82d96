/**
 * The transport over a real `WorkerPool`. Before any call on a worker it makes sure that worker — whatever its
 * generation — is initialised for this run: a replacement (after a crash in a call, or a death between two calls)
 * gets the scenario, the senders and, through the replica log, the committed state and every update since before its
 * first task. A call interrupted by a crash is re-run on the replacement. Every message carries the run's id, and the
 * worker refuses others, so nothing of a finished run reaches the next one.
 */
import type { Hex, Scenario } from '../scenario/types.ts';
import type { TraceRecorder } from '../trace/recorder.ts';
import { WorkerCrashed, type WorkerPool } from '../workers/pool.ts';
import type { RecoverResult, TaskResult, WorkerApi } from '../workers/protocol.ts';
import type { Remote } from 'comlink';
import { EngineFailure, RunCancelled } from './errors.ts';
import type { Batch } from './policy.ts';
import type { ReplicaLog } from './replicaLog.ts';
import type { Transport } from './transport.ts';

export interface FaultPlan {
  /** Crash this worker… (omitted: the first worker sent more than `afterTasks` tasks, so that the crash comes however
   * the timing spreads the tasks — a named worker may never get that many) */
  worker?: number;
  /** …after it has executed this many of the run's tasks (once per run: the batch sent again to its replacement is not
   * armed). */
  afterTasks: number;
}

export interface PoolTransportOptions {
  pool: WorkerPool;
  workers: number;
  scenario: Scenario;
  runId: number;
  recorder: TraceRecorder;
  log: ReplicaLog;
  fault?: FaultPlan;
}

/** Scenario identities, so a worker that already holds a scenario is not sent (and does not rebuild) it again. */
const scenarioIds = new WeakMap<Scenario, number>();
let nextScenarioId = 1;
function idOf(s: Scenario): number {
  let id = scenarioIds.get(s);
  if (id === undefined) scenarioIds.set(s, (id = nextScenarioId++));
  return id;
}
/** Per pool: the scenario each worker slot holds, as `generation:scenarioId`. */
const heldScenario = new WeakMap<WorkerPool, Map<number, string>>();

export class PoolTransport implements Transport {
  readonly workers: number;
  private readonly pool: WorkerPool;
  private readonly o: PoolTransportOptions;
  /** Per worker: the generation initialised for this run (-1: none yet), and the initialisation under way. */
  private readonly readyGen: number[];
  private readonly starting: ({ generation: number; done: Promise<void> } | undefined)[];
  private readonly started: boolean[];
  private senders?: Hex[];
  private faultArmed = false;
  /** Per worker: tasks sent this run (for the fault plan). */
  private readonly sentTasks: number[];
  private closed = false;
  private readonly unsubscribe: () => void;

  constructor(o: PoolTransportOptions) {
    this.o = o;
    this.pool = o.pool;
    this.workers = o.workers;
    this.readyGen = new Array<number>(o.workers).fill(-1);
    this.starting = new Array(o.workers).fill(undefined);
    this.started = new Array<boolean>(o.workers).fill(false);
    this.sentTasks = new Array<number>(o.workers).fill(0);
    // Every crash of one of this run's workers is drawn on that worker's lane, whether a call was in flight or not.
    this.unsubscribe = o.pool.onCrash((w, reason) => {
      if (w >= this.workers || this.closed) return;
      o.recorder.push({ t: o.recorder.now(), worker: w, tx: -1, incarnation: 0, kind: 'worker-crash', message: reason });
    });
  }

  async start(): Promise<void> {
    await Promise.all(Array.from({ length: this.workers }, (_, w) => this.call(w, () => Promise.resolve())));
  }

  recover(w: number, indices: number[]): Promise<RecoverResult> {
    return this.call(w, (api) => api.recover(this.o.runId, indices));
  }

  async setSenders(senders: Hex[]): Promise<void> {
    this.senders = senders;
    await Promise.all(Array.from({ length: this.workers }, (_, w) => this.call(w, (api) => api.setSenders(this.o.runId, senders))));
  }

  execute(w: number, batch: Batch): Promise<TaskResult[]> {
    const { runId, log } = this.o;
    let crashAfterTasks = this.crashInBatch(w, batch.tasks.length);
    return this.call(w, (api, generation) => {
      const crash = crashAfterTasks;
      crashAfterTasks = undefined; // the batch sent again to the replacement is not armed
      return api.execBatch({
        runId,
        ...log.feed(w, generation, batch.tasks),
        tasks: batch.tasks,
        ...(batch.isolated ? { isolated: true } : {}),
        ...(batch.lazyCredits ? { lazyCredits: true } : {}),
        ...(batch.lazySenders ? { lazySenders: true } : {}),
        ...(batch.reference ? { reference: true } : {}),
        ...(crash !== undefined ? { crashAfterTasks: crash } : {}),
      });
    });
  }

  /** The fault plan arms the batch that takes its worker (or, naming none, any worker) past `afterTasks` tasks: how
   * many of the batch's tasks that worker runs before it crashes. A worker runs its batches in the order they are
   * sent, so counting them here is counting what it runs. */
  private crashInBatch(w: number, tasks: number): number | undefined {
    const fault = this.o.fault;
    if (!fault || this.faultArmed || (fault.worker !== undefined && fault.worker !== w)) return undefined;
    const before = this.sentTasks[w];
    this.sentTasks[w] = before + tasks;
    if (this.sentTasks[w] <= fault.afterTasks) return undefined;
    this.faultArmed = true;
    return fault.afterTasks - before;
  }

  generation(w: number): number {
    return this.pool.generation(w);
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
  }

  end(): void {
    for (let w = 0; w < this.workers; w++) {
      const generation = this.readyGen[w];
      if (generation < 0 || generation !== this.pool.generation(w)) continue; // a replacement holds nothing of the run
      this.pool.call(w, (api) => api.endRun(this.o.runId), generation).catch(() => {}); // a crash now costs nothing
    }
  }

  /** Runs `fn` on worker `w` once it is initialised for this run; again on its replacement if it crashes. */
  private async call<T>(w: number, fn: (api: Remote<WorkerApi>, generation: number) => Promise<T>): Promise<T> {
    for (;;) {
      if (this.closed) throw new RunCancelled('the run is over');
      try {
        await this.ready(w);
        if (this.closed) throw new RunCancelled('the run is over');
        const generation = this.pool.generation(w);
        if (generation !== this.readyGen[w]) continue; // replaced meanwhile
        return await this.pool.call(w, (api) => fn(api, generation), generation);
      } catch (e) {
        if (!(e instanceof WorkerCrashed)) throw e;
        if (e.fatal) throw new EngineFailure(`cannot run: ${e.reason}`);
        // The pool has replaced the worker; the next round initialises the replacement first. The calls it held fail
        // in the order they were sent and wait on the same initialisation, so they are sent again in that order: a
        // policy's queued batch (sequential's second) still runs after the one before it.
      }
    }
  }

  /** Initialises worker `w`'s current generation for this run, once. */
  private ready(w: number): Promise<void> {
    const generation = this.pool.generation(w);
    if (this.readyGen[w] === generation) return Promise.resolve();
    const s = this.starting[w];
    if (s && s.generation === generation) return s.done;
    const done = this.initialise(w, generation);
    this.starting[w] = { generation, done };
    return done;
  }

  private async initialise(w: number, generation: number): Promise<void> {
    const { pool, o } = this;
    const scenarioId = idOf(o.scenario);
    let held = heldScenario.get(pool);
    if (!held) heldScenario.set(pool, (held = new Map()));
    const slot = `${generation}:${scenarioId}`;
    const setup = { runId: o.runId, scenarioId, workerIndex: w, runStartAbs: o.recorder.startAbs };
    let ok = held.get(w) === slot && (await pool.call(w, (api) => api.init({ ...setup, scenario: undefined }), generation));
    if (!ok) ok = await pool.call(w, (api) => api.init({ ...setup, scenario: o.scenario }), generation);
    held.set(w, slot);
    if (this.senders) await pool.call(w, (api) => api.setSenders(o.runId, this.senders!), generation);
    o.log.reset(w); // a fresh replica: it is sent the committed state and every update since
    this.readyGen[w] = generation;
    if (this.started[w]) o.recorder.push({ t: o.recorder.now(), worker: w, tx: -1, incarnation: 0, kind: 'worker-replaced' });
    this.started[w] = true;
  }
}
