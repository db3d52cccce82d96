/** What the benchmark records, and the tables it prints (plain text for the terminal, Markdown for the docs). */
import type { AbortAnatomy } from '../../engine/analysis/aborts.ts';
import type { Result } from '../../engine/result.ts';
import type { Hex } from '../../engine/scenario/types.ts';
import { markdownTable, meanUtilisation, ms, percent, table, topAbortKeys, type Column } from '../format.ts';
import type { RunStats } from '../../engine/result.ts';
import type { BlockCeiling } from './ceiling.ts';
import type { CpuSplit } from '../cpu.ts';
import type { StockTiming } from './stock.ts';
import { medianBy } from '../../engine/analysis/timing.ts';

export type Group = 'eth' | 'erc20' | 'amm' | 'mainnet';

/** One timed run of the engine, reduced to what the report needs. */
export interface RunRecord
  extends Pick<RunStats, 'wallMs' | 'rootMs' | 'recoverMs' | 'executions' | 'reexecutions' | 'validations' | 'aborts' | 'workerBusyMs'> {
  /** Mean of busy / wall over the workers used. */
  utilisation: number;
  stateRoot: Hex;
  topAbortKeys: [string, number][];
  /** The run's CPU by thread (Linux; `cpu.ts`). */
  cpu?: CpuSplit;
}

export interface ConfigResult {
  strategy: string;
  workers: number;
  runs: RunRecord[];
  /** The run with the median wall time (its other figures come with it). */
  median: RunRecord;
  /** Median sequential wall / this median wall, same invocation. */
  speedup: number;
  /** The timed runs' CPU by thread, the mean per run (Linux; `cpu.ts`). */
  cpu?: CpuSplit;
}

export interface StockResult {
  runs: StockTiming[];
  median: StockTiming;
  speedup: number;
  /** Generated workloads: whether stock's state root equals sequential's (stock skips block-level system calls). */
  stateRootMatchesSequential?: boolean;
  /** Bundles: whether `runBlock` reproduced gasUsed, receiptsRoot and logsBloom of the header. */
  matchesHeader?: boolean;
}

export interface WorkloadResult {
  id: string;
  group: Group;
  label: string;
  txs: number;
  /** Total gas / gas on the longest dependency chain, from the sequential run's trace (`analyseConflicts`). */
  criticalPathBound?: number;
  /** Two uncoordinated workers on this workload's own transactions, measured right after its runs (`blockCeiling`). */
  ceiling?: BlockCeiling;
  warmupMs: number;
  configs: ConfigResult[];
  stock?: StockResult;
  peakRssMb: number;
  /** 1-minute load average when the workload finished: other processes on the machine skew the timings. */
  loadAverage1m: number;
  /** Real blocks: where block-stm's aborts came from, its median run per worker count above 1 (`compare/aborts.ts`). */
  aborts?: AbortAnatomy[];
}

export function record(result: Result): RunRecord {
  const s = result.stats;
  return {
    wallMs: s.wallMs,
    rootMs: s.rootMs,
    recoverMs: s.recoverMs,
    executions: s.executions,
    reexecutions: s.reexecutions,
    validations: s.validations,
    aborts: s.aborts,
    workerBusyMs: s.workerBusyMs,
    utilisation: meanUtilisation(result),
    stateRoot: result.stateRoot,
    topAbortKeys: topAbortKeys(s.abortsByKey, 3),
  };
}

export { medianBy };

export const ratio = (r: number): string => (Number.isFinite(r) ? `${r.toFixed(2)}×` : '–');

interface Row {
  workload: string;
  txs: number;
  strategy: string;
  workers: string;
  wallMs: number;
  speedup: number;
  reexecutions: string;
  rootMs: string;
  utilisation: string;
  /** The two-worker ceiling the row is held to: the workload's own, else the machine's ERC20 one. */
  ceiling?: number;
  /** min(workers, bound, ceiling), and the speedup as a share of it. */
  possible?: number;
  efficiency?: number;
}

/**
 * What a configuration could reach at best: min(workers, the block's critical-path bound, the machine's parallel
 * ceiling — measured for two workers, and no more cores appear with more workers on the same machine).
 */
export function possibleSpeedup(workers: number, bound: number | undefined, ceiling: number | undefined): number {
  return Math.min(workers, bound ?? Infinity, workers >= 2 ? (ceiling ?? Infinity) : Infinity);
}

function rows(results: readonly WorkloadResult[], ceiling?: number): Row[] {
  const out: Row[] = [];
  for (const w of results) {
    for (const c of w.configs) {
      // The workload's own ceiling where it was measured: how much two threads slow each other depends on the work.
      const rowCeiling = w.ceiling?.ratio ?? ceiling;
      const possible = c.strategy === 'sequential' ? undefined : possibleSpeedup(c.workers, w.criticalPathBound, rowCeiling);
      out.push({
        workload: w.label,
        txs: w.txs,
        strategy: c.strategy,
        workers: String(c.workers),
        wallMs: c.median.wallMs,
        speedup: c.speedup,
        reexecutions: String(c.median.reexecutions),
        rootMs: ms(c.median.rootMs),
        utilisation: percent(c.median.utilisation),
        ceiling: c.strategy === 'sequential' || c.workers < 2 ? undefined : rowCeiling,
        possible,
        efficiency: possible === undefined ? undefined : c.speedup / possible,
      });
    }
    if (w.stock) {
      const m = w.stock.median;
      out.push({
        workload: w.label,
        txs: w.txs,
        strategy: `stock ${m.method}`,
        workers: '1',
        wallMs: m.wallMs,
        speedup: w.stock.speedup,
        reexecutions: '–',
        rootMs: m.rootMs === undefined ? 'in wall' : ms(m.rootMs),
        utilisation: '–',
      });
    }
  }
  return out;
}

const COLUMNS: Column<Row>[] = [
  { header: 'workload', value: (r) => r.workload },
  { header: 'txs', value: (r) => r.txs.toLocaleString('en-US'), right: true },
  { header: 'strategy', value: (r) => r.strategy },
  { header: 'workers', value: (r) => r.workers, right: true },
  { header: 'median wall ms', value: (r) => ms(r.wallMs), right: true },
  { header: 'speedup vs seq', value: (r) => ratio(r.speedup), right: true },
  { header: 'ceiling', value: (r) => (r.ceiling === undefined ? '–' : ratio(r.ceiling)), right: true },
  { header: 'possible', value: (r) => (r.possible === undefined ? '–' : ratio(r.possible)), right: true },
  { header: 'of possible', value: (r) => (r.efficiency === undefined ? '–' : percent(r.efficiency)), right: true },
  { header: 're-exec', value: (r) => r.reexecutions, right: true },
  { header: 'root ms', value: (r) => r.rootMs, right: true },
  { header: 'worker util', value: (r) => r.utilisation, right: true },
];

/** `ceiling`: the machine's parallel ceiling measured in the same run (2 workers against 1), when there was one; a
 * workload with a ceiling of its own is held to that one instead. */
export const mainTable = (results: readonly WorkloadResult[], markdown = false, ceiling?: number): string =>
  (markdown ? markdownTable : table)(rows(results, ceiling), COLUMNS);

interface TimeRow {
  w: WorkloadResult;
  seq: RunRecord;
  best: ConfigResult | undefined;
}

const TIME_COLUMNS: Column<TimeRow>[] = [
  { header: 'workload', value: (r) => r.w.label },
  { header: 'seq wall ms', value: (r) => ms(r.seq.wallMs), right: true },
  { header: 'seq worker busy ms', value: (r) => `${ms(sum(r.seq.workerBusyMs))} (${percent(sum(r.seq.workerBusyMs) / r.seq.wallMs)})`, right: true },
  { header: 'seq recover ms', value: (r) => ms(r.seq.recoverMs), right: true },
  { header: 'seq exec+commit ms', value: (r) => ms(r.seq.wallMs - r.seq.recoverMs), right: true },
  { header: 'root ms', value: (r) => ms(r.seq.rootMs), right: true },
  { header: 'best block-stm', value: (r) => (r.best ? `×${r.best.workers}: ${ms(r.best.median.wallMs)}` : '–'), right: true },
  { header: 'its recover ms', value: (r) => (r.best ? ms(r.best.median.recoverMs) : '–'), right: true },
  { header: 'its exec+commit ms', value: (r) => (r.best ? ms(r.best.median.wallMs - r.best.median.recoverMs) : '–'), right: true },
];

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

/** Per workload: where sequential's wall time goes, and the same split for the fastest block-stm configuration. */
export function timeTable(results: readonly WorkloadResult[], markdown = false): string {
  const timeRows: TimeRow[] = [];
  for (const w of results) {
    const seq = w.configs.find((c) => c.strategy === 'sequential');
    if (!seq) continue;
    const stm = w.configs.filter((c) => c.strategy !== 'sequential');
    const best = stm.length ? stm.reduce((a, b) => (b.median.wallMs < a.median.wallMs ? b : a)) : undefined;
    timeRows.push({ w, seq: seq.median, best });
  }
  return (markdown ? markdownTable : table)(timeRows, TIME_COLUMNS);
}

/** Peak memory per workload, with the machine's load at the end (a sign of how noisy its timings are). */
export function memoryTable(results: readonly WorkloadResult[], markdown = false): string {
  const cols: Column<WorkloadResult>[] = [
    { header: 'workload', value: (w) => w.label },
    { header: 'txs', value: (w) => w.txs.toLocaleString('en-US'), right: true },
    { header: 'peak RSS MB', value: (w) => w.peakRssMb.toFixed(0), right: true },
    { header: 'load avg (1 min) after', value: (w) => w.loadAverage1m.toFixed(2), right: true },
  ];
  return (markdown ? markdownTable : table)(results, cols);
}

interface CpuRow {
  w: WorkloadResult;
  c: ConfigResult;
  cpu: CpuSplit;
}

const CPU_COLUMNS: Column<CpuRow>[] = [
  { header: 'workload', value: (r) => r.w.label },
  { header: 'strategy', value: (r) => r.c.strategy },
  { header: 'workers', value: (r) => String(r.c.workers), right: true },
  { header: 'wall ms', value: (r) => ms(r.cpu.wallMs), right: true },
  { header: 'coordinator ms', value: (r) => ms(r.cpu.coordinatorMs), right: true },
  { header: 'workers ms', value: (r) => ms(r.cpu.workersMs), right: true },
  { header: 'workers waiting for a CPU ms', value: (r) => ms(r.cpu.workersWaitMs), right: true },
  { header: 'other threads ms', value: (r) => ms(r.cpu.helpersMs), right: true },
  { header: 'CPU used of available', value: (r) => percent((r.cpu.coordinatorMs + r.cpu.workersMs + r.cpu.helpersMs) / r.cpu.availableMs), right: true },
];

/** Per configuration with CPU figures (Linux): where its runs' CPU went, the mean per timed run; empty without any. */
export function cpuTable(results: readonly WorkloadResult[], markdown = false): string {
  const cpuRows = results.flatMap((w) => w.configs.flatMap((c) => (c.cpu ? [{ w, c, cpu: c.cpu }] : [])));
  return cpuRows.length === 0 ? '' : (markdown ? markdownTable : table)(cpuRows, CPU_COLUMNS);
}
