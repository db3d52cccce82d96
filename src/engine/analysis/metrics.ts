/**
 * Run metrics: the figures a comparison of strategies reads, computed from a run's `Result` and `Trace` alone (pure,
 * platform-free; the CLI's `compare` and the playground's metrics panel share it).
 *
 * API:
 * - `runMetrics(result, trace, { sequentialWallMs, analysis })` → `RunMetrics` for a finished run: wall time, speedup
 *   against a sequential reference, efficiency against the critical-path bound, executions, aborts, wasted gas and
 *   time, per-worker utilisation, tx/s and gas/s, and the strategy's own `stats.extra` figures passed through.
 * - `metricsAt(trace, tMicros)` → `LiveMetrics`: the same counters as they stood `tMicros` after the run began, for a
 *   live or replayed view. Works on a partial trace (events received so far). One pass over the events: O(events).
 * - `withReference(metrics, ref)` → the same figures with speedup and efficiency against a reference given later.
 *
 * Wasted work is every execution other than the one whose result was committed: executions that failed validation,
 * were stopped early on an ESTIMATE read (they have no gas; their time still counts), were superseded by a later
 * execution of the same transaction, or belonged to a hint pass. An execution becomes wasted once its transaction has
 * committed another execution or a later execution of it has started; before that it is simply pending.
 * Utilisation is a worker's busy time (executing, or recovering senders) over the wall time so far.
 */
import type { Result } from '../result.ts';
import type { Trace, TraceEvent } from '../trace/events.ts';
import type { ConflictAnalysis } from './conflicts.ts';
import { SpanPairer } from './spans.ts';

export interface LiveMetrics {
  /** µs since run start the figures describe. */
  tMicros: number;
  /** Transactions committed so far, and their gas. */
  committed: number;
  committedGas: number;
  /** Executions finished (ended or stopped early). */
  executions: number;
  /** Finished executions beyond the first of each transaction. */
  reexecutions: number;
  /** Executions stopped on an ESTIMATE read plus failed validations. */
  aborts: number;
  /** Executions known to be wasted (see the top of the file), their gas and their busy time. */
  wastedExecutions: number;
  wastedGas: number;
  wastedMs: number;
  /** Busy ms per worker lane (executing or recovering senders), in-flight work counted up to `tMicros`. */
  workerBusyMs: number[];
  /** workerBusyMs / elapsed, per worker (0…1). */
  utilisation: number[];
  meanUtilisation: number;
  /** Committed transactions and gas per second of elapsed time. */
  txPerSec: number;
  gasPerSec: number;
}

export interface RunMetrics extends Omit<LiveMetrics, 'tMicros' | 'executions' | 'reexecutions' | 'aborts'> {
  strategy: string;
  workers: number;
  txCount: number;
  /** `stats.wallMs`: recovery, execution and commit; the state root excluded. */
  wallMs: number;
  /** As the strategy counted them (`RunStats`). */
  executions: number;
  reexecutions: number;
  aborts: number;
  /** sequentialWallMs / wallMs, when a reference was given. */
  speedup?: number;
  /** The critical-path bound of the block (total gas / gas on the longest dependency chain), when given. */
  speedupBound?: number;
  /** speedup / min(speedupBound, workers): 1 means the run reached what its worker count and the block allow.
   * The bound covers execution only, so a run dominated by (parallel) sender recovery can exceed 1. */
  efficiency?: number;
  /** The strategy's own figures (`RunStats.extra`), unchanged. */
  extra: Record<string, number>;
}

export interface MetricsReference {
  /** Wall time of a sequential run of the same scenario, ideally measured in the same process. */
  sequentialWallMs?: number;
  /** Conflict analysis of the scenario (from any run's trace). */
  analysis?: Pick<ConflictAnalysis, 'speedupBound'>;
}

/** The figures for a finished run. */
export function runMetrics(result: Result, trace: Pick<Trace, 'events' | 'workers'>, ref: MetricsReference = {}): RunMetrics {
  const s = result.stats;
  const wallMs = s.wallMs;
  const live = scan(trace.events, trace.workers, Infinity, wallMs);
  const gas = Number(BigInt(result.gasUsed));
  const out: RunMetrics = {
    strategy: result.strategy,
    workers: result.workers,
    txCount: result.txCount,
    wallMs,
    executions: s.executions,
    reexecutions: s.reexecutions,
    aborts: s.aborts,
    committed: live.committed,
    committedGas: gas,
    wastedExecutions: live.wastedExecutions,
    wastedGas: live.wastedGas,
    wastedMs: live.wastedMs,
    workerBusyMs: live.workerBusyMs,
    utilisation: live.utilisation,
    meanUtilisation: live.meanUtilisation,
    txPerSec: perSecond(result.txCount, wallMs),
    gasPerSec: perSecond(gas, wallMs),
    extra: { ...s.extra },
  };
  return withReference(out, ref);
}

/** `m` with speedup and efficiency against a reference (e.g. a median sequential wall known only after the runs). */
export function withReference(m: RunMetrics, ref: MetricsReference): RunMetrics {
  const out = { ...m };
  if (ref.sequentialWallMs !== undefined && m.wallMs > 0) out.speedup = ref.sequentialWallMs / m.wallMs;
  if (ref.analysis) out.speedupBound = ref.analysis.speedupBound;
  if (out.speedup !== undefined && out.speedupBound !== undefined) {
    out.efficiency = out.speedup / Math.min(out.speedupBound, m.workers);
  }
  return out;
}

/** The counters as they stood `tMicros` after the run began (events after that are ignored). */
export function metricsAt(trace: Pick<Trace, 'events' | 'workers'>, tMicros: number): LiveMetrics {
  return scan(trace.events, trace.workers, tMicros, tMicros / 1000);
}

interface Execution {
  tx: number;
  incarnation: number;
  worker: number;
  start: number;
  end: number;
  gas: number;
  /** Stopped early on an ESTIMATE read: never committable. */
  stopped: boolean;
}

const perSecond = (n: number, ms: number): number => (ms > 0 ? (n * 1000) / ms : 0);

/** One pass: executions paired start → end (`SpanPairer`), then everything counted up to `t`. */
function scan(events: readonly TraceEvent[], workers: number, t: number, elapsedMs: number): LiveMetrics {
  const busy = new Array<number>(Math.max(1, workers)).fill(0);
  const addBusy = (worker: number, from: number, to: number) => {
    const until = Math.min(to, t);
    if (worker < 0 || from > t || !Number.isFinite(until)) return;
    while (busy.length <= worker) busy.push(0);
    busy[worker] += Math.max(0, until - from) / 1000;
  };

  const spans = new SpanPairer();
  const finished: Execution[] = [];
  const committedInc = new Map<number, number>();
  let committed = 0;
  let committedGas = 0;
  let aborts = 0;
  for (const e of events) {
    const span = spans.push(e);
    if (span) {
      const stopped = span.end.kind === 'exec-abort';
      if (stopped && span.t1 <= t) aborts++;
      const gas = span.end.kind === 'exec-end' ? span.end.gas : 0;
      finished.push({ tx: span.tx, incarnation: span.incarnation, worker: span.worker, start: span.t0, end: span.t1, gas, stopped });
      continue;
    }
    switch (e.kind) {
      case 'validate-fail':
        if (e.t <= t) aborts++;
        break;
      case 'recover':
        addBusy(e.worker, e.t, e.endT);
        break;
      case 'commit':
        if (e.t > t) break;
        committedInc.set(e.tx, e.incarnation);
        committed++;
        committedGas += e.gas;
        break;
    }
  }

  // The committed execution of each committed transaction: the last one that ended with its committed incarnation.
  const winner = new Map<number, Execution>();
  const latestStart = new Map<number, number>();
  for (const x of finished) {
    addBusy(x.worker, x.start, x.end);
    if (x.start <= t) latestStart.set(x.tx, Math.max(latestStart.get(x.tx) ?? -Infinity, x.start));
    if (x.end <= t && !x.stopped && committedInc.get(x.tx) === x.incarnation) winner.set(x.tx, x);
  }
  // Executions still running at the end of the events (a live trace): busy up to `t`, and they supersede earlier ones.
  for (const s of spans.pending()) {
    addBusy(s.worker, s.t0, Infinity);
    if (s.t0 <= t) latestStart.set(s.tx, Math.max(latestStart.get(s.tx) ?? -Infinity, s.t0));
  }

  let executions = 0;
  let wastedExecutions = 0;
  let wastedGas = 0;
  let wastedMs = 0;
  const txsExecuted = new Set<number>();
  for (const x of finished) {
    if (x.end > t) continue;
    executions++;
    txsExecuted.add(x.tx);
    if (winner.get(x.tx) === x) continue;
    const superseded = (latestStart.get(x.tx) ?? -Infinity) > x.start;
    if (x.stopped || committedInc.has(x.tx) || superseded) {
      wastedExecutions++;
      wastedGas += x.gas;
      wastedMs += (x.end - x.start) / 1000;
    }
  }

  const utilisation = busy.map((b) => (elapsedMs > 0 ? Math.min(1, b / elapsedMs) : 0));
  return {
    tMicros: t,
    committed,
    committedGas,
    executions,
    reexecutions: executions - txsExecuted.size,
    aborts,
    wastedExecutions,
    wastedGas,
    wastedMs,
    workerBusyMs: busy,
    utilisation,
    meanUtilisation: utilisation.length ? utilisation.reduce((a, b) => a + b, 0) / utilisation.length : 0,
    txPerSec: perSecond(committed, elapsedMs),
    gasPerSec: perSecond(committedGas, elapsedMs),
  };
}
