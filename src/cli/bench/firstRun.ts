/**
 * First run against second, each sample in a fresh process (a warm process would hide what a cold one pays): shared
 * by `scripts/bench-first-run.ts` (every warm-up mode) and `npm run bench` (the CLI's own warm-up, a few samples).
 *
 * A sample (`firstRunSample`, run in the child `firstRunChild.ts`) starts the pool and waits until every worker
 * answers, as `npm run cli -- run` does, warms up as its mode says, then times two runs of the same strategy on the
 * same scenario. Modes: `none`; `gen`, small runs of sequential and the strategy on the generated warm-up block
 * (`src/workloads/warmup.ts`); `prime`, only the beginning of a run of the scenario (`primeScenario`); `cli`, both —
 * what `npm run cli -- run` does (`warmPool`; `cliN`: with an N-transaction warm-up block); `worker`, every worker
 * executes the warm-up block on its own (a dedicated worker call, nothing on this thread); `same`, a first run of the
 * scenario itself (what a second run gets: the bound). A run's time is its wall (execution through commit, sender
 * recovery included) plus the state root.
 */
import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runScenario } from '../../engine/run.ts';
import { loadScenarioFile } from '../../engine/scenario/loadFile.node.ts';
import type { Scenario, SenderMode } from '../../engine/scenario/types.ts';
import { primeScenario } from '../../engine/warmup.ts';
import type { WorkerPool } from '../../engine/workers/pool.ts';
import { generatePreset } from '../../workloads/presets/index.ts';
import { warmupScenario } from '../../workloads/warmup.ts';
import { disposePool, startPool, warmPool } from '../pool.ts';
import { collectBeforeRun } from './memory.ts';

export const FIRST_RUN_MODES = ['none', 'gen', 'prime', 'cli', 'worker', 'same'] as const;

export interface FirstRunOptions {
  strategy: string;
  workers: number;
  /** Take the scenario's `from` fields instead of recovering the senders. */
  trustFrom: boolean;
}

export interface FirstRunSample {
  warmupMs: number;
  /** `cpuMs`: the process's CPU time during the run (user + system, every thread: the coordinator, the workers, the
   * JIT compiler's threads) — what a cold run costs more, and far less sensitive than wall time to other jobs. */
  runs: { wallMs: number; rootMs: number; recoverMs: number; totalMs: number; cpuMs: number; workerBusyMs: number[] }[];
}

export interface FirstRunSummary {
  mode: string;
  samples: number;
  /** Medians over the samples, ms. */
  warmupMs: number;
  firstMs: number;
  secondMs: number;
  firstRecoverMs: number;
  firstRootMs: number;
  /** The median of the per-sample first/second ratios (wall + root; and CPU). */
  ratio: number;
  cpuRatio: number;
  ratios: number[];
  cpuRatios: number[];
}

/** A file (scenario or block bundle), or `preset:ID[:TXS]`. */
export async function loadFirstRunScenario(file: string, trustFrom: boolean): Promise<Scenario> {
  if (file.startsWith('preset:')) {
    const [id, txs] = file.slice(7).split(':');
    return generatePreset(id, txs ? { txs: Number(txs) } : {}, 1);
  }
  return loadScenarioFile(file, { trustFrom });
}

/** Each worker on its own: the warm-up block executed in order on its VM, nothing on this thread. */
async function warmWorkersOnly(pool: WorkerPool, workers: number): Promise<void> {
  const scenario = warmupScenario();
  const tasks = scenario.transactions.map((_, tx) => ({ tx, incarnation: 0 }));
  await Promise.all(
    Array.from({ length: workers }, (_, w) =>
      pool.call(w, async (api) => {
        const runId = 1_000_000 + w;
        await api.init({ runId, scenarioId: -2, scenario, workerIndex: w, runStartAbs: performance.timeOrigin + performance.now() });
        await api.execBatch({ runId, updates: [], tasks, reference: true });
      }),
    ),
  );
}

/** One sample, in this process: it must be a fresh one (`firstRunChild.ts`, `scripts/bench-settle.ts`). `runs`: how
 * many runs to time after the warm-up (2: first against second). */
export async function firstRunSample(file: string, mode: string, o: FirstRunOptions, runCount = 2): Promise<FirstRunSample> {
  const { strategy, workers } = o;
  const senders: SenderMode = o.trustFrom ? 'trust' : 'recover';
  const scenario = await loadFirstRunScenario(file, o.trustFrom);
  const pool = await startPool(workers);
  try {
    const t0 = performance.now();
    if (mode === 'gen') await warmPool(pool, { strategies: ['sequential', strategy], workers });
    else if (mode === 'prime') await primeScenario(pool, scenario, { strategy, workers, senders });
    else if (mode === 'cli') await warmPool(pool, { strategies: ['sequential', strategy], workers, scenario, senders });
    else if (/^cli\d+$/.test(mode)) await warmPool(pool, { strategies: ['sequential', strategy], workers, scenario, senders, txs: Number(mode.slice(3)) });
    else if (mode === 'worker') await warmWorkersOnly(pool, workers);
    else if (mode === 'same') await runScenario(scenario, { strategy, workers, senders }, pool);
    else if (mode !== 'none') throw new Error(`unknown warm-up mode "${mode}" (known: ${FIRST_RUN_MODES.join(', ')}, cliN)`);
    const warmupMs = performance.now() - t0;
    const runs: FirstRunSample['runs'] = [];
    for (let i = 0; i < runCount; i++) {
      collectBeforeRun(scenario.transactions.length); // as the bench's own runs
      const cpu0 = process.cpuUsage();
      const { result } = await runScenario(scenario, { strategy, workers, senders, keepTrace: false }, pool);
      const cpu = process.cpuUsage(cpu0);
      const s = result.stats;
      runs.push({ wallMs: s.wallMs, rootMs: s.rootMs, recoverMs: s.recoverMs, totalMs: s.wallMs + s.rootMs, cpuMs: (cpu.user + cpu.system) / 1000, workerBusyMs: s.workerBusyMs });
    }
    return { warmupMs, runs };
  } finally {
    disposePool(pool);
  }
}

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'firstRunChild.ts');
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** One sample in a fresh Node process (`firstRunChild.ts`, through tsx, with `--expose-gc` as the CLI runs). */
export async function spawnFirstRunSample(file: string, mode: string, o: FirstRunOptions, signal?: AbortSignal): Promise<FirstRunSample> {
  const args = ['--import', 'tsx', '--expose-gc', CHILD, '--mode', mode, '--strategy', o.strategy, '--workers', String(o.workers), ...(o.trustFrom ? ['--trust-from'] : []), file];
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: ROOT, encoding: 'utf8', signal, maxBuffer: 16 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as FirstRunSample;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export function summarizeFirstRun(mode: string, samples: FirstRunSample[]): FirstRunSummary {
  const ratios = samples.map((s) => s.runs[0].totalMs / s.runs[1].totalMs);
  const cpuRatios = samples.map((s) => s.runs[0].cpuMs / s.runs[1].cpuMs);
  return {
    mode,
    samples: samples.length,
    warmupMs: median(samples.map((s) => s.warmupMs)),
    firstMs: median(samples.map((s) => s.runs[0].totalMs)),
    secondMs: median(samples.map((s) => s.runs[1].totalMs)),
    firstRecoverMs: median(samples.map((s) => s.runs[0].recoverMs)),
    firstRootMs: median(samples.map((s) => s.runs[0].rootMs)),
    ratio: median(ratios),
    cpuRatio: median(cpuRatios),
    ratios,
    cpuRatios,
  };
}

const f = (x: number) => x.toFixed(0).padStart(6);
export const FIRST_RUN_HEADER = `${'scenario'.padEnd(20)} ${'warm-up'.padEnd(8)} ${'w-up ms'.padStart(7)} ${'1st'.padStart(6)} ${'2nd'.padStart(6)}  1st/2nd   cpu 1st/2nd  (1st: recover, root)`;

/** One line of the table under `FIRST_RUN_HEADER`. */
export function firstRunLine(scenario: string, s: FirstRunSummary): string {
  return (
    `${scenario.padEnd(20)} ${s.mode.padEnd(8)} ${f(s.warmupMs).padStart(7)} ${f(s.firstMs)} ${f(s.secondMs)}  ${s.ratio.toFixed(2)}×    ${s.cpuRatio.toFixed(2)}×      ` +
    `(${s.firstRecoverMs.toFixed(0)}, ${s.firstRootMs.toFixed(0)})  ratios ${s.ratios.map((r) => r.toFixed(2)).join(' ')}; cpu ${s.cpuRatios.map((r) => r.toFixed(2)).join(' ')}`
  );
}
