/**
 * `runScenario`: one run of one strategy on one scenario — execution, in-order commit, block finalisation, roots —
 * returning the `Result` and the recorded `Trace`. Platform-free: the caller supplies the worker pool.
 */
import { createCommon } from './evm/chain.ts';
import { keccakReady } from './evm/keccak.ts';
import { applyRequestCalls } from './evm/systemCalls.ts';
import { receiptsCommitment, stateRoot } from './evm/roots.ts';
import type { Result } from './result.ts';
import { toPreState } from './postState.ts';
import type { PreState, Scenario, SenderMode } from './scenario/types.ts';
import { execute } from './runtime/execute.ts';
import { type FaultPlan, PoolTransport } from './runtime/poolTransport.ts';
import type { StrategyDef } from './runtime/policy.ts';
import { ReplicaLog } from './runtime/replicaLog.ts';
import { nextRunId } from './runtime/runId.ts';
import { effectiveWorkers } from './strategies/catalog.ts';
import { getStrategy } from './strategies/registry.ts';
import type { RunHistory } from './strategies/history.ts';
import { COORDINATOR, type Trace, type TraceEvent } from './trace/events.ts';
import { TraceRecorder, nowAbs } from './trace/recorder.ts';
import { LARGE_BLOCK, collectGarbage, heapForRun } from './workers/gc.ts';
import type { WorkerPool } from './workers/pool.ts';

export interface RunOptions {
  /** A catalog name, or a strategy of your own (not in the catalog: a prototype, see docs/architecture.md). */
  strategy: string | StrategyDef;
  workers: number;
  /** `recover` (default): senders from signatures; `trust`: the scenario's `from` fields. */
  senders?: SenderMode;
  /** Receives trace events in batches while the run goes. */
  onEvents?: (batch: TraceEvent[]) => void;
  /** Fault injection, for tests. */
  fault?: FaultPlan;
  /** Earlier runs' lessons: strategies may read it; it observes this run's trace when the run is over. */
  history?: RunHistory;
  /** Cancels the run: it rejects with `RunCancelled` and leaves the pool ready for the next run. */
  signal?: AbortSignal;
  /**
   * `false`: the caller wants the result only (the CLI without --trace, a reference run), so events are not kept once
   * `onEvents` has them: `trace.events` comes back empty. Events still reach `onEvents` and the strategy (unless a
   * `history` wants the trace: then it is kept). Default true.
   */
  keepTrace?: boolean;
  /** Also return the block's post-state (`RunOutput.postState`): the next block of a chain starts from it. */
  keepPostState?: boolean;
  /** Called on the coordinator where the run's wall time starts and where it ends (before the roots): where the CLI
   * reads the threads' CPU clocks (`cli/cpu.ts`). */
  onWall?: (edge: 'start' | 'end') => void;
}

export interface RunOutput {
  result: Result;
  trace: Trace;
  /** The state after the block (rewards and withdrawals paid), when `keepPostState` asked for it. */
  postState?: PreState;
}

export type { FaultPlan };

/** The execution itself, in its own function so that its replica log (every update of the run, kept to replay to a
 * replacement worker) and its transport are garbage once it returns, before the roots are computed. */
async function executeOnPool(strategy: StrategyDef, scenario: Scenario, workers: number, opts: RunOptions, pool: WorkerPool, recorder: TraceRecorder) {
  const log = new ReplicaLog(workers);
  const transport = new PoolTransport({ pool, workers, scenario, runId: nextRunId(), recorder, log, fault: opts.fault });
  return execute(strategy, {
    scenario, workers, senderMode: opts.senders ?? 'recover', recorder, transport, log, history: opts.history, signal: opts.signal,
  });
}

/** Per pool, the worker slots (`index:generation`) that have finished a run: their JIT has compiled the EVM. A run on
 * any other is a cold one (`RunStats.coldWorkers`): the page's first Run when its idle warm-up was cut short, a
 * worker added or replaced since. */
const warmSlots = new WeakMap<WorkerPool, Set<string>>();

/** The run each pool is busy with: a pool runs one run at a time, and a second caller waits its turn (two runs
 * sharing workers would each re-initialise them for itself, and the workers refuse the other run's messages). */
const poolTurns = new WeakMap<WorkerPool, Promise<unknown>>();

export function runScenario(scenario: Scenario, opts: RunOptions, pool: WorkerPool): Promise<RunOutput> {
  const before = poolTurns.get(pool) ?? Promise.resolve();
  const turn = before.then(
    () => runWithHeap(scenario, opts, pool),
    () => runWithHeap(scenario, opts, pool),
  );
  poolTurns.set(pool, turn.catch(() => undefined));
  return turn;
}

async function runWithHeap(scenario: Scenario, opts: RunOptions, pool: WorkerPool): Promise<RunOutput> {
  const restore = heapForRun(scenario.transactions.length);
  try {
    return await runAlone(scenario, opts, pool);
  } finally {
    restore();
  }
}

async function runAlone(scenario: Scenario, opts: RunOptions, pool: WorkerPool): Promise<RunOutput> {
  const strategy = typeof opts.strategy === 'string' ? getStrategy(opts.strategy) : opts.strategy;
  const workers = typeof opts.strategy === 'string' ? effectiveWorkers(strategy.name, Math.max(1, opts.workers)) : Math.max(1, Math.floor(opts.workers));
  pool.revive(); // a crash storm failed an earlier run: try afresh
  pool.ensure(workers);
  const restartsBefore = pool.restarts;
  opts.onWall?.('start');
  const recorder = new TraceRecorder(nowAbs(), opts.onEvents);
  if (opts.keepTrace === false && opts.history === undefined) recorder.streamOnly();
  const txCount = scenario.transactions.length;
  recorder.push({ t: 0, worker: COORDINATOR, tx: -1, incarnation: 0, kind: 'run-start', strategy: strategy.name, workers, txCount });

  let warm = warmSlots.get(pool);
  if (!warm) warmSlots.set(pool, (warm = new Set()));
  const slot = (w: number): string => `${w}:${pool.generation(w)}`;
  let coldWorkers = 0;
  for (let w = 0; w < workers; w++) if (!warm.has(slot(w))) coldWorkers++;

  const hasher = keccakReady(); // loads while the block runs (once a process); the roots below hash with it
  const out = await executeOnPool(strategy, scenario, workers, opts, pool, recorder);
  const wallMs = recorder.now() / 1000;
  opts.onWall?.('end');
  for (let w = 0; w < workers; w++) warm.add(slot(w));
  await hasher;
  // From here on only the result is computed: what the run needed (the policy and its memory, the replica log, the
  // transport) is out of reach. A large block leaves hundreds of MB of it: collect it before the roots pile more on.
  if (txCount >= LARGE_BLOCK) collectGarbage();

  const rootStart = recorder.now();
  recorder.push({ t: rootStart, worker: COORDINATOR, tx: -1, incarnation: 0, kind: 'phase-start', phase: 'state-root' });
  recorder.flush(); // a live view learns the root is being computed before it is done
  const common = createCommon(scenario);
  out.state.finalizeBlock(scenario, common);
  await applyRequestCalls(scenario, out.state, out.state.base);
  if (out.txWrites) {
    // Before Byzantium each receipt carries the state root after its transaction (before the block's rewards).
    const { intermediateRoots } = await import('./evm/intermediateRoots.ts'); // a trie library only old blocks need
    const roots = await intermediateRoots(out.state.base, out.txWrites);
    out.receipts.forEach((r, i) => (r.root = roots[i]));
  }
  const root = stateRoot(out.state.postState());
  const { receiptsRoot, logsBloom } = receiptsCommitment(out.receipts, scenario.transactions.map((t) => t.type), common);
  const rootEnd = recorder.now();
  recorder.push({ t: rootEnd, worker: COORDINATOR, tx: -1, incarnation: 0, kind: 'phase-end', phase: 'state-root' });
  recorder.push({ t: rootEnd, worker: COORDINATOR, tx: -1, incarnation: 0, kind: 'run-end' });
  recorder.flush();

  const gasUsed = out.receipts.length ? out.receipts[out.receipts.length - 1].cumulativeGasUsed : '0x0';
  const result: Result = {
    strategy: strategy.name,
    workers,
    txCount,
    gasUsed,
    stateRoot: root,
    receiptsRoot,
    logsBloom,
    receipts: out.receipts,
    senders: out.senders,
    stats: { ...out.stats, wallMs, rootMs: (rootEnd - rootStart) / 1000, workerRestarts: pool.restarts - restartsBefore, ...(coldWorkers > 0 ? { coldWorkers } : {}) },
  };
  const trace: Trace = { strategy: strategy.name, workers: result.workers, txCount, events: recorder.events };
  recorder.release();
  opts.history?.observe(scenario, trace);
  return opts.keepPostState ? { result, trace, postState: toPreState(out.state) } : { result, trace };
}
