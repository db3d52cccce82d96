/** Steps every strategy shares: starting workers on a scenario, the sender-recovery phase, in-order commit. */
import { type StateKey, type StateValue, describeKey, valuesEqual } from '../evm/keys.ts';
import type { MultiVersionMemory } from '../state/multiVersionMemory.ts';
import type { Receipt } from '../result.ts';
import type { Hex, Scenario } from '../scenario/types.ts';
import { needsRecovery } from '../evm/transactions.ts';
import type { CommittedState } from '../state/committedState.ts';
import type { ExecTask, MemoryUpdate, TaskOutcome, TaskResult } from '../workers/protocol.ts';
import { WorkerCrashed, type WorkerPool } from '../workers/pool.ts';
import type { TraceEvent } from '../trace/events.ts';
import { RunError, type RunContext } from './types.ts';

const armedFaults = new WeakSet<RunContext>();

/** Initialises worker `i` for this run (again, after a crash). */
export async function initWorker(ctx: RunContext, i: number): Promise<void> {
  // The injected fault arms the first start of that worker in this run only, not its replacement.
  let crash: number | undefined;
  if (ctx.fault && ctx.fault.worker === i && !armedFaults.has(ctx)) {
    armedFaults.add(ctx);
    crash = ctx.fault.afterTasks;
  }
  const scenarioId = idOf(ctx.scenario);
  const held = heldScenario.get(ctx.pool) ?? new Map<number, string>();
  heldScenario.set(ctx.pool, held);
  const slot = `${ctx.pool.generation(i)}:${scenarioId}`;
  const scenario = held.get(i) === slot ? undefined : ctx.scenario;
  await ctx.pool.call(i, (api) =>
    api.init({ scenarioId, scenario, workerIndex: i, runStartAbs: ctx.recorder.startAbs, crashAfterTasks: crash }),
  );
  held.set(i, slot);
}

/** Scenario identities, so a worker that already holds a scenario is not sent (and does not rebuild) it again. */
const scenarioIds = new WeakMap<Scenario, number>();
let nextScenarioId = 1;
function idOf(s: Scenario): number {
  let id = scenarioIds.get(s);
  if (id === undefined) scenarioIds.set(s, (id = nextScenarioId++));
  return id;
}
/** Per pool: which (generation, scenario) each worker slot holds. */
const heldScenario = new WeakMap<WorkerPool, Map<number, string>>();

/** Runs `fn` on worker `i`, replacing and re-initialising the worker as often as it crashes. */
export async function withRetry<T>(ctx: RunContext, i: number, fn: () => Promise<T>, restartedWorkers: Set<number>): Promise<T> {
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof WorkerCrashed)) throw e;
      if (e.fatal) throw new RunError(`cannot run: ${e.reason}`);
      ctx.recorder.push({ t: ctx.recorder.now(), worker: i, tx: -1, incarnation: 0, kind: 'worker-crash', message: e.reason });
      await initWorker(ctx, i);
      restartedWorkers.add(i);
      ctx.recorder.push({ t: ctx.recorder.now(), worker: i, tx: -1, incarnation: 0, kind: 'worker-replaced' });
    }
  }
}

/**
 * Sender recovery, its own parallel phase: contiguous chunks over `workers` workers.
 * Returns every transaction's sender (recovered, or the scenario's `from`).
 */
export async function recoverSenders(ctx: RunContext, workers: number, busy: number[]): Promise<Hex[]> {
  const { scenario, recorder } = ctx;
  const senders = scenario.transactions.map((tx) => tx.from ?? ('0x' as Hex));
  const todo = scenario.transactions.flatMap((tx, i) => (needsRecovery(tx, ctx.senderMode) ? [i] : []));
  if (todo.length === 0) return senders;
  recorder.coordinator(-1, 0, { kind: 'phase-start', phase: 'recover-senders' });
  const chunk = Math.max(8, Math.ceil(todo.length / (workers * 4)));
  let next = 0;
  const restarted = new Set<number>();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (next < todo.length) {
        const indices = todo.slice(next, next + chunk);
        next += chunk;
        const r = await withRetry(ctx, w, () => ctx.pool.call(w, (api) => api.recover(indices)), restarted);
        busy[w] += (r.t1 - r.t0) / 1000;
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

/** Commits one finished transaction in block order: applies its writes and builds its receipt. */
export function commitTx(
  state: CommittedState,
  receipts: Receipt[],
  r: TaskResult,
  cumulative: bigint,
): bigint {
  const o: TaskOutcome = r.outcome;
  if (o.kind === 'invalid') throw new RunError(`transactions[${r.tx}] is not valid: ${o.message}`);
  if (o.kind !== 'done') throw new Error(`transaction ${r.tx} committed without a finished execution`);
  state.apply(o);
  const total = cumulative + o.gasUsed;
  const receipt: Receipt = { status: o.status, gasUsed: hex(o.gasUsed), cumulativeGasUsed: hex(total), logs: o.logs };
  if (o.contractAddress) receipt.contractAddress = o.contractAddress;
  if (o.error) receipt.error = o.error;
  receipts.push(receipt);
  return total;
}

export const hex = (v: bigint): Hex => `0x${v.toString(16)}`;

/** Every worker initialised for the run, senders recovered (its own phase) and installed on every worker. */
export async function startWorkers(ctx: RunContext): Promise<{ senders: Hex[]; busy: number[]; recoverMs: number }> {
  const W = ctx.workers;
  const busy = new Array<number>(W).fill(0);
  const restarted = new Set<number>();
  await Promise.all(Array.from({ length: W }, (_, i) => withRetry(ctx, i, () => initWorker(ctx, i), restarted)));
  const recoverStart = ctx.recorder.now();
  const senders = await recoverSenders(ctx, W, busy);
  const recoverMs = (ctx.recorder.now() - recoverStart) / 1000;
  await Promise.all(Array.from({ length: W }, (_, i) => withRetry(ctx, i, () => ctx.pool.call(i, (api) => api.setSenders(senders)), restarted)));
  return { senders, busy, recoverMs };
}

/** The keys a finished execution read and wrote, deltas counted as writes: what `exec-end` and the conflict
 * analysis name. A failed (invalid) execution wrote nothing. */
export function accessKeys(o: Exclude<TaskOutcome, { kind: 'blocked' }>): { reads: StateKey[]; writes: StateKey[] } {
  return {
    reads: o.reads.map(([k]) => k),
    writes: o.kind === 'done' ? [...o.writes.map(([k]) => k), ...o.deltas.map(([k]) => k)] : [],
  };
}

/** The trace events of one execution: its start, and its end (read set, write set, gas, status) unless it stopped
 * early on an ESTIMATE read (then the strategy records the abort itself). */
export function executionEvents(r: TaskResult): TraceEvent[] {
  const o = r.outcome;
  const start: TraceEvent = { t: r.t0, worker: r.worker, tx: r.tx, incarnation: r.incarnation, kind: 'exec-start' };
  if (o.kind === 'blocked') return [start];
  const done = o.kind === 'done';
  return [
    start,
    {
      t: r.t1, worker: r.worker, tx: r.tx, incarnation: r.incarnation, kind: 'exec-end',
      ...accessKeys(o),
      gas: done ? Number(o.gasUsed) : 0,
      status: done ? (o.status === 1 ? 'success' : 'revert') : 'error',
    },
  ];
}

/**
 * Sends execution batches for strategies whose workers replay a committed-writes log: each batch carries the log
 * entries that worker has not seen; a worker that crashes is replaced, re-initialised and sent the whole log again,
 * and the batch is retried (its tasks never ran).
 */
export class LogShipper {
  readonly log: MemoryUpdate[] = [];
  private readonly cursor: number[];

  constructor(private readonly ctx: RunContext, private readonly senders: Hex[]) {
    this.cursor = new Array<number>(ctx.workers).fill(0);
  }

  /** `isolated`: the batch's tasks do not see each other's writes (the worker does not record its own results). */
  async execute(w: number, tasks: ExecTask[], isolated: boolean): Promise<TaskResult[]> {
    const { pool, recorder } = this.ctx;
    for (;;) {
      const updates = this.log.slice(this.cursor[w]);
      this.cursor[w] = this.log.length;
      try {
        return await pool.call(w, (api) => api.execBatch({ updates, tasks, isolated }));
      } catch (e) {
        if (!(e instanceof WorkerCrashed)) throw e;
        if (e.fatal) throw new RunError(`cannot run: ${e.reason}`);
        recorder.coordinator(-1, 0, { kind: 'worker-crash', message: e.reason });
        await initWorker(this.ctx, w);
        await pool.call(w, (api) => api.setSenders(this.senders));
        this.cursor[w] = 0;
        recorder.push({ t: recorder.now(), worker: w, tx: -1, incarnation: 0, kind: 'worker-replaced' });
      }
    }
  }
}

/** The first read whose value the memory no longer gives transaction `tx`, if any: the commit-time validation. */
export function firstStaleRead(memory: MultiVersionMemory, reads: [StateKey, StateValue][], tx: number): [StateKey, StateValue] | undefined {
  return reads.find(([key, value]) => !valuesEqual(memory.read(key, tx), value));
}

/** Counts an abort under the human label of the key that caused it. */
export function countAbortByKey(abortsByKey: Record<string, number>, key: StateKey): void {
  const label = describeKey(key);
  abortsByKey[label] = (abortsByKey[label] ?? 0) + 1;
}
