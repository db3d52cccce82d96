/**
 * `npm run bench`: the comparison (`compare/comparison.ts`: sequential and every chosen parallel strategy on 1, 2, 4
 * workers, alternating rounds, every run checked against sequential) on generated workloads and real mainnet blocks,
 * in ONE process with ONE worker pool, plus what only the benchmark measures: stock `@ethereumjs/vm` as a reference,
 * the machine's parallel ceiling, sender recovery, a memory check, and a first run against a second in fresh
 * processes. A mismatch prints ✗ and the process exits 1. Results go to a JSON file.
 */
import { execFileSync } from 'node:child_process';
import { arch, availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareResults, uncheckedAgainstHeader } from '../engine/contract.ts';
import type { Result } from '../engine/result.ts';
import { runScenario } from '../engine/run.ts';
import { RunCancelled } from '../engine/runtime/errors.ts';
import { type Scenario, preStateIsComplete } from '../engine/scenario/index.ts';
import type { SenderMode } from '../engine/scenario/types.ts';
import type { WorkerPool } from '../engine/workers/pool.ts';
import { erc20Transfers } from '../workloads/bench.ts';
import { EXIT, UsageError, choiceList, parseCommandArgs, positiveInt, runMain, workerCountList, workerLimitText } from './args.ts';
import { OutputError, prepareOutputFile, writeOutputFile } from './output.ts';
import { ms } from './format.ts';
import { STRATEGY_CATALOG } from '../engine/strategies/catalog.ts';
import { type BlockCeiling, type Ceiling, blockCeiling, parallelCeiling } from './bench/ceiling.ts';
import { RunCpu, meanSplit } from './cpu.ts';
import { collect, collectBeforeRun, maxRssMb, rssMb, RssSampler } from './bench/memory.ts';
import {
  mainTable,
  medianBy,
  memoryTable,
  ratio,
  record,
  timeTable,
  cpuTable,
  type ConfigResult,
  type Group,
  type RunRecord,
  type StockResult,
  type WorkloadResult,
} from './bench/report.ts';
import { type RecoveryFigures, measureRecovery, recoveryLine } from './bench/recovery.ts';
import { FIRST_RUN_HEADER, type FirstRunSample, type FirstRunSummary, firstRunLine, spawnFirstRunSample, summarizeFirstRun } from './bench/firstRun.ts';
import { stockRunBlock, stockRunTx, type StockTiming } from './bench/stock.ts';
import { interruptible, throwIfCancelled } from './interrupt.ts';
import { disposePool, startPool } from './pool.ts';
import { describeCheck } from './verify.ts';
import { compareStrategies, configLabel, type Comparison } from './compare/comparison.ts';
import { anatomyRows, anatomyTable } from './compare/aborts.ts';
import { GENERATED, MAINNET_DIR_TEXT, chooseBundles, defaultMainnetDir, loadBundle } from './workloads.ts';

/** Every strategy but the reference. */
const PARALLEL = STRATEGY_CATALOG.map((x) => x.name).filter((x) => x !== 'sequential');

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const GROUPS: readonly Group[] = ['eth', 'erc20', 'amm', 'mainnet'];
/** What `--only` selects: the workloads, and the final memory check. */
const PARTS = [...GROUPS, 'memory'] as const;
type Part = (typeof PARTS)[number];
const MEMORY_CHECK_WORKERS = 4;
const MEMORY_AIM_MB = 1000;

/**
 * Transactions each strategy executes in its warm-up at least. V8 optimises a function once it has run often enough,
 * so a small block needs more runs than a large one: after the wall-time rule alone (4–8 runs), 11,814,555 (579
 * transactions) still spent 20–60 ms of every run in V8's background threads (optimising compilations) for another
 * ten runs each, and block-stm on two workers ran at 0.83× sequential there against 1.0× once they had quietened
 * (docs/benchmarks.md, "Where the CPU goes on two cores").
 */
const WARM_TXS = 8_000;
const MAX_WARMUP_RUNS = 16;

/** The least warm-up runs for a block of `txs` transactions. */
function warmupRuns(txs: number): number {
  return Math.min(MAX_WARMUP_RUNS, Math.max(4, Math.ceil(WARM_TXS / Math.max(1, txs))));
}

const OPTIONS = {
  runs: { type: 'string' },
  txs: { type: 'string' },
  workers: { type: 'string' },
  strategies: { type: 'string' },
  only: { type: 'string' },
  blocks: { type: 'string' },
  'mainnet-dir': { type: 'string' },
  'stock-runs': { type: 'string' },
  'memory-txs': { type: 'string' },
  'json-out': { type: 'string' },
  senders: { type: 'string' },
  'first-run-samples': { type: 'string' },
  'warmup-runs': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const USAGE = `Usage: npm run bench [-- options]

Times sequential and the parallel strategies (--strategies) on each workload in one process with one worker pool,
measures the machine's parallel ceiling and sender recovery in the same run, checks every run's state root against
sequential's, and writes the results as JSON.

Options:
  --runs N            timed runs per configuration; the median wall time is reported (default 3)
  --txs N             transactions in each generated workload (default 2000)
  --workers LIST      worker counts for the parallel strategies (default 1,2,4; ${workerLimitText()})
  --strategies LIST   parallel strategies to time (default: all: ${PARALLEL.join(',')})
  --only LIST         any of ${PARTS.join(',')} (default: all); "memory" is the final memory check
  --blocks LIST       mainnet blocks to include, by number (default: every bundle in --mainnet-dir)
  --mainnet-dir DIR   where the bundles are (default ${MAINNET_DIR_TEXT}, or public/blocks without it)
  --stock-runs N      runs of the stock @ethereumjs/vm reference per workload, 0 to skip (default 1)
  --memory-txs N      transactions in the memory check: ERC20 transfers on block-stm × ${MEMORY_CHECK_WORKERS} (default 10000)
  --senders MODE      recover (default: every run recovers its senders from the signatures, as a node would) or
                      trust (the scenario's "from" fields: execution alone, as issue figures "senders trusted" are)
  --warmup-runs N     untimed runs at least, per strategy and workload, before the timed ones (default: enough to
                      execute ${WARM_TXS.toLocaleString('en-US')} transactions, 4 to ${MAX_WARMUP_RUNS}; then on until the wall time settles)
  --first-run-samples N
                      fresh processes timing a first run against a second (the CLI's warm-up, then two runs) on
                      the smallest mainnet block of this run, 0 to skip (default 3)
  --json-out FILE     where to write the JSON (default bench-results/bench-<date>.json)
  -h, --help          this help

Each row also says what was possible: min(workers, the block's critical-path bound, the ceiling), and the speedup
as a share of it ("of possible"). The bound is total execution time over the time of its slowest dependency chain,
from the median sequential run's trace (gas is a poor clock for some transactions). The ceiling (2 or more workers)
is what two uncoordinated workers give on the block's own transactions, measured right after its runs: each worker
executing the whole block at once, against one alone (the ERC20 ceiling printed at the start, for a row without one).

Exit codes: 0 ok, 1 a run disagreed with sequential (or stock with a block header), 2 bad usage, 3 internal error,
130 cancelled (Ctrl-C).`;

interface Options {
  runs: number;
  txs: number;
  workers: number[];
  /** Parallel strategies to time against sequential. */
  strategies: string[];
  only: Part[];
  blocks: string[] | undefined;
  mainnetDir: string;
  stockRuns: number;
  memoryTxs: number;
  jsonOut: string;
  senders: SenderMode;
  firstRunSamples: number;
  /** Least warm-up runs per strategy; undefined: by the workload's size (`warmupRuns`). */
  warmupRuns: number | undefined;
}

interface Workload {
  id: string;
  group: Group;
  label: string;
  scenario: Scenario;
  /** Bundles: the raw JSON, for stock `runBlock`. */
  raw?: unknown;
  /** Generated workloads: a small block of the same kind, to warm up the stock reference. */
  warmup?: () => Scenario;
}

const stamp = (d: Date): string => d.toISOString().slice(0, 19).replace(/:/g, '-');

function parseOptions(argv: string[], started: Date): Options | undefined {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, 'npm run bench -- --help');
  if (values.help) return undefined;
  if (positionals.length > 0) throw new UsageError(`bench takes no file arguments, got: ${positionals.join(' ')}`);
  const count = (name: keyof typeof values, fallback: number, allowZero = false): number => {
    const v = values[name];
    if (v === undefined) return fallback;
    if (allowZero && typeof v === 'string' && v.trim() === '0') return 0;
    return positiveInt(name, String(v), 1_000_000);
  };
  const blocks = values.blocks?.split(',').map((b) => b.trim()).filter(Boolean);
  if (blocks?.some((b) => !/^\d+$/.test(b))) throw new UsageError(`--blocks must be block numbers, got "${values.blocks}"`);
  return {
    runs: count('runs', 3),
    txs: count('txs', 2000),
    workers: values.workers === undefined ? [1, 2, 4] : [...new Set(workerCountList('workers', values.workers))].sort((a, b) => a - b),
    strategies: values.strategies === undefined ? PARALLEL : strategyList(values.strategies),
    only: values.only === undefined ? [...PARTS] : choiceList('only', values.only, PARTS),
    blocks,
    mainnetDir: resolve(values['mainnet-dir'] ?? defaultMainnetDir()),
    stockRuns: count('stock-runs', 1, true),
    memoryTxs: count('memory-txs', 10_000),
    jsonOut: values['json-out'] ?? join('bench-results', `bench-${stamp(started)}.json`),
    senders: values.senders === undefined ? 'recover' : choiceList('senders', values.senders, ['recover', 'trust'] as const)[0],
    firstRunSamples: count('first-run-samples', 3, true),
    warmupRuns: values['warmup-runs'] === undefined ? undefined : count('warmup-runs', 4),
  };
}

function strategyList(text: string): string[] {
  const names = text.split(',').map((x) => x.trim()).filter(Boolean);
  for (const name of names) {
    if (!PARALLEL.includes(name)) throw new UsageError(`--strategies: unknown strategy "${name}" (known: ${PARALLEL.join(', ')})`);
  }
  return names;
}

async function loadWorkloads(o: Options): Promise<Workload[]> {
  const out: Workload[] = [];
  const small = Math.min(o.txs, 100);
  for (const g of GENERATED) {
    if (o.only.includes(g.group)) out.push({ id: g.group, group: g.group, label: g.label, scenario: g.make(o.txs), warmup: () => g.make(small) });
  }
  if (o.only.includes('mainnet')) {
    for (const b of await chooseBundles(o.mainnetDir, o.blocks)) {
      // Senders recovered from signatures (the honest default), or with --senders trust the bundle's own.
      const { scenario, raw } = await loadBundle(o.mainnetDir, b, o.senders === 'trust');
      out.push({ id: `mainnet-${b}`, group: 'mainnet', label: `block ${b}`, scenario, raw });
    }
  }
  return out;
}

const progress = (line: string): void => void process.stderr.write(`${line}\n`);

class Bench {
  readonly failures: string[] = [];

  constructor(private readonly pool: WorkerPool, private readonly o: Options, private readonly signal?: AbortSignal) {}

  private fail(line: string): void {
    this.failures.push(line);
    progress(line);
  }

  /** One engine run outside the comparison (the memory check); `undefined` (and a failure) if it throws.
   * Cancellation (Ctrl-C) is thrown. */
  private async run(w: Workload, strategy: string, workers: number, what: string): Promise<Result | undefined> {
    throwIfCancelled(this.signal);
    collect();
    try {
      return (await runScenario(w.scenario, { strategy, workers, senders: this.o.senders, signal: this.signal }, this.pool)).result;
    } catch (error) {
      if (error instanceof RunCancelled || this.signal?.aborted) throw error;
      this.fail(`✗ ${w.label}: ${what} failed: ${(error as Error).message}`);
      return undefined;
    }
  }

  private check(w: Workload, seq: Result, r: Result, what: string): void {
    for (const c of compareResults(r, seq)) if (!c.ok) this.fail(`✗ ${w.label} ${what}: ${describeCheck(c)}`);
  }

  /** The comparison's loop (`compareStrategies`: reference, warm-up, alternating rounds, every run checked against
   * sequential), recording every timed run; then the stock reference on the same workload. */
  async workload(w: Workload): Promise<WorkloadResult | undefined> {
    const { o } = this;
    const n = w.scenario.transactions.length;
    progress(`\n${w.label} (${n} txs)`);
    collect();
    const sampler = new RssSampler().start();
    const configs = [{ strategy: 'sequential', workers: 1 }, ...o.strategies.flatMap((strategy) => o.workers.map((workers) => ({ strategy, workers })))];
    const runs = new Map<string, RunRecord[]>(configs.map((c) => [configLabel(c), []]));
    let seq: Result | undefined;
    const t0 = performance.now();
    let warmupMs = NaN;
    let comparison: Comparison;
    const cpu = await RunCpu.forPool(this.pool); // each run's CPU by thread, where the kernel says (Linux)
    try {
      comparison = await compareStrategies(
        this.pool,
        w.scenario,
        {
          strategies: o.strategies,
          workers: o.workers,
          runs: o.runs,
          senders: o.senders,
          warmup: true,
          warmupRuns: o.warmupRuns ?? warmupRuns(n),
          anatomy: w.group === 'mainnet' ? ['block-stm'] : undefined, // where block-stm's aborts come from on real blocks
          signal: this.signal,
          beforeRun: () => collectBeforeRun(n),
          onWall: cpu?.onWall,
          onRun: ({ strategy, workers, round, warmup, output }) => {
            if (round === 0 && !warmup) seq = output.result; // the reference every run is checked against
            const split = cpu?.take();
            if (round > 0) runs.get(configLabel({ strategy, workers }))?.push({ ...record(output.result), ...(split ? { cpu: split } : {}) });
          },
          onRound: (round) => {
            if (round !== 1) return;
            warmupMs = performance.now() - t0;
            progress(`  warm-up ${ms(warmupMs)} ms`);
          },
        },
        progress,
      );
    } catch (error) {
      if (error instanceof RunCancelled || this.signal?.aborted) throw error;
      this.fail(`✗ ${w.label}: sequential failed: ${(error as Error).message}`);
      return void sampler.stop();
    }
    for (const f of comparison.failures) this.fail(`✗ ${w.label} ${f}`);
    if (!seq) return void sampler.stop();
    // What no schedule beats on this block: derived from sequential's trace, never typed in — weighted by that
    // run's execution times, the clock a wall-time speedup is measured on (gas when the trace has no times).
    const criticalPathBound = comparison.analysis.timeBound ?? comparison.analysis.speedupBound;

    const seqRuns = runs.get('sequential')!;
    const seqMedian = seqRuns.length ? medianBy(seqRuns, (r) => r.wallMs).wallMs : NaN;
    const results: ConfigResult[] = [];
    for (const c of configs) {
      const rs = runs.get(configLabel(c))!;
      if (rs.length === 0) continue;
      const median = medianBy(rs, (r) => r.wallMs);
      const cpuMean = meanSplit(rs.flatMap((r) => (r.cpu ? [r.cpu] : [])));
      results.push({ strategy: c.strategy, workers: c.workers, runs: rs, median, speedup: seqMedian / median.wallMs, ...(cpuMean ? { cpu: cpuMean } : {}) });
    }

    // This block's own ceiling (two uncoordinated workers on its work), right after its runs: the machine's mood of
    // the moment, on the kind of transactions these runs executed.
    let ceiling: BlockCeiling | undefined;
    if (o.workers.some((x) => x >= 2) && this.pool.size >= 2) {
      throwIfCancelled(this.signal);
      ceiling = await blockCeiling(this.pool, w.scenario);
      progress(`  its own ceiling: one worker ${ms(ceiling.oneWorkerMs)} ms, two at once on the whole block ${ms(ceiling.bothWorkersMs)} ms: ${ratio(ceiling.ratio)} (rounds ${ceiling.rounds.map(ratio).join(', ')})`);
    }

    const stock = await this.stock(w, seq, seqMedian);
    const peakRssMb = sampler.stop();
    const load = loadavg()[0];
    progress(`  peak RSS ${peakRssMb.toFixed(0)} MB, load average ${load.toFixed(2)}`);
    return { id: w.id, group: w.group, label: w.label, txs: n, criticalPathBound, ceiling, warmupMs, configs: results, stock, peakRssMb, loadAverage1m: load,
      aborts: comparison.rows.flatMap((r) => (r.anatomy && r.workers > 1 ? [r.anatomy] : [])) };
  }

  private async stock(w: Workload, seq: Result, seqMedian: number): Promise<StockResult | undefined> {
    const timings: StockTiming[] = [];
    if (this.o.stockRuns === 0) return undefined;
    // Warm-up (untimed), as for the engine: the same bundle, or a small block of the same generated workload.
    try {
      collect();
      if (w.raw !== undefined) await stockRunBlock(w.scenario, w.raw);
      else await stockRunTx(w.warmup?.() ?? w.scenario);
    } catch {
      // the timed run below reports it
    }
    for (let i = 0; i < this.o.stockRuns; i++) {
      throwIfCancelled(this.signal);
      collect();
      try {
        const t = w.raw !== undefined ? await stockRunBlock(w.scenario, w.raw) : await stockRunTx(w.scenario);
        timings.push(t);
        progress(`  stock ${t.method} run ${i + 1}/${this.o.stockRuns}: ${ms(t.wallMs)} ms`);
      } catch (error) {
        this.fail(`✗ ${w.label}: stock reference failed: ${(error as Error).message}`);
        return undefined;
      }
    }
    if (timings.length === 0) return undefined;
    const median = medianBy(timings, (t) => t.wallMs);
    const out: StockResult = { runs: timings, median, speedup: seqMedian / median.wallMs };
    const e = w.scenario.expected;
    if (e) {
      // Stock is held to what the engine's rows are: not a receipts root a partial pre-state cannot reproduce (before
      // Byzantium the receipts carry state roots).
      const unchecked = new Set(uncheckedAgainstHeader(seq, e, { preStateComplete: preStateIsComplete(w.scenario) }).map((u) => u.name));
      out.matchesHeader = median.gasUsed === e.gasUsed && (unchecked.has('receiptsRoot') || median.receiptsRoot === e.receiptsRoot) && median.logsBloom === e.logsBloom;
      if (!out.matchesHeader) this.fail(`✗ ${w.label}: stock runBlock does not reproduce the block header (gas ${median.gasUsed}, expected ${e.gasUsed})`);
    } else {
      out.stateRootMatchesSequential = median.stateRoot === seq.stateRoot;
      if (median.gasUsed !== seq.gasUsed) this.fail(`✗ ${w.label}: stock used ${median.gasUsed} gas, sequential ${seq.gasUsed}`);
    }
    return out;
  }

  /** A large ERC20 block on block-stm × 4: peak RSS while it runs, then its root checked against sequential. */
  async memoryCheck(txs: number) {
    progress(`\nmemory check: ${txs} ERC20 transfers on block-stm ×${MEMORY_CHECK_WORKERS}`);
    const w: Workload = { id: 'memory', group: 'erc20', label: `ERC20 transfers ×${txs}`, scenario: erc20Transfers(txs) };
    collect();
    const baselineMb = rssMb();
    const sampler = new RssSampler().start();
    const r = await this.run(w, 'block-stm', MEMORY_CHECK_WORKERS, `block-stm ×${MEMORY_CHECK_WORKERS}`);
    const peakRssMb = sampler.stop();
    // The kernel's high-water mark so far: exact, but it also covers everything this process did before.
    const processMaxRssMb = maxRssMb();
    let stateRootMatchesSequential: boolean | undefined;
    if (r) {
      const seq = await this.run(w, 'sequential', 1, 'sequential');
      if (seq) {
        this.check(w, seq, r, `block-stm ×${MEMORY_CHECK_WORKERS}`);
        stateRootMatchesSequential = seq.stateRoot === r.stateRoot;
      }
    }
    const out = {
      txs,
      workers: MEMORY_CHECK_WORKERS,
      baselineRssMb: baselineMb,
      peakRssMb,
      processMaxRssMb,
      aimMb: MEMORY_AIM_MB,
      withinAim: peakRssMb < MEMORY_AIM_MB,
      wallMs: r?.stats.wallMs,
      rootMs: r?.stats.rootMs,
      reexecutions: r?.stats.reexecutions,
      stateRootMatchesSequential,
    };
    progress(`  wall ${r ? ms(r.stats.wallMs) : '–'} ms, peak RSS ${peakRssMb.toFixed(0)} MB sampled, ${processMaxRssMb.toFixed(0)} MB process high-water mark (before: ${baselineMb.toFixed(0)} MB)`);
    return out;
  }
}

interface FirstRunFigures extends FirstRunSummary {
  block: string;
  file: string;
  strategy: string;
  workers: number;
  loadAverage1m: number;
}

/**
 * First run against second (`bench/firstRun.ts`): fresh processes, each with the CLI's warm-up (`warmPool`) and then
 * two timed runs, on the smallest mainnet block of this run (the quickest to sample), block-stm on 2 workers when
 * they are among the options. A sample that fails is reported, not a correctness failure.
 */
async function firstRunVsSecond(o: Options, workloads: readonly Workload[], signal: AbortSignal): Promise<FirstRunFigures | undefined> {
  const blocks = workloads.filter((w) => w.group === 'mainnet').sort((a, b) => a.scenario.transactions.length - b.scenario.transactions.length);
  if (o.firstRunSamples === 0 || blocks.length === 0) return undefined;
  const w = blocks[0];
  const strategy = o.strategies.includes('block-stm') ? 'block-stm' : (o.strategies[0] ?? 'sequential');
  const workers = o.workers.includes(2) ? 2 : Math.max(...o.workers);
  const file = join(o.mainnetDir, `${w.id.slice('mainnet-'.length)}.json`);
  progress(`\nfirst run vs second: ${o.firstRunSamples} fresh process(es), ${w.label}, ${strategy} ×${workers}, the CLI's warm-up`);
  const samples: FirstRunSample[] = [];
  for (let i = 0; i < o.firstRunSamples; i++) {
    throwIfCancelled(signal);
    try {
      const s = await spawnFirstRunSample(file, 'cli', { strategy, workers, trustFrom: o.senders === 'trust' }, signal);
      samples.push(s);
      progress(`  sample ${i + 1}: warm-up ${ms(s.warmupMs)} ms, 1st ${ms(s.runs[0].totalMs)} ms, 2nd ${ms(s.runs[1].totalMs)} ms`);
    } catch (error) {
      throwIfCancelled(signal);
      const stderr = String((error as { stderr?: string }).stderr ?? '').trim().split('\n').slice(-3).join(' ');
      progress(`  sample ${i + 1} failed: ${(error as Error).message.split('\n')[0]}${stderr ? ` (${stderr})` : ''}`);
    }
  }
  if (samples.length === 0) return undefined;
  return { ...summarizeFirstRun('cli', samples), block: w.label, file, strategy, workers, loadAverage1m: loadavg()[0] };
}

/** The commit the engine came from, and whether `src/` had uncommitted changes (read-only git; others edit the tree). */
function source(): { commit?: string; uncommittedSrcFiles?: number } {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const commit = git('rev-parse', '--short', 'HEAD');
    const dirty = git('status', '--porcelain', '--', 'src').split('\n').filter(Boolean).length;
    return { commit, uncommittedSrcFiles: dirty };
  } catch {
    return {};
  }
}

function machine() {
  const c = cpus();
  return {
    node: process.version,
    cpuModel: c[0]?.model ?? 'unknown',
    cpus: c.length,
    availableParallelism: availableParallelism(),
    totalMemGB: +(totalmem() / 1e9).toFixed(1),
    platform: `${platform()} ${release()} ${arch()}`,
  };
}

async function main(argv: string[]): Promise<number> {
  const started = new Date();
  const loadAtStart = loadavg();
  const o = parseOptions(argv, started);
  if (!o) {
    console.log(USAGE);
    return EXIT.ok;
  }
  await prepareOutputFile(o.jsonOut, 'results'); // a bad path fails now, not after the benchmark
  const workloads = await loadWorkloads(o);
  const m = machine();
  const src = source();
  const command = `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`;
  console.log(`${command}\n${started.toISOString()} · Node ${m.node} · ${m.cpus} × ${m.cpuModel} · ${m.totalMemGB} GB · ${m.platform}`);
  if (src.commit) console.log(`source: commit ${src.commit}, ${src.uncommittedSrcFiles} uncommitted file(s) under src/`);
  console.log(`load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min) on ${m.cpus} cores`);
  console.log(`${o.runs} timed run(s) per configuration after a warm-up until settled; ${o.strategies.join(', ')} on ${o.workers.join(', ')} worker(s); senders ${o.senders === 'trust' ? 'trusted' : 'recovered'}`);

  const memoryCheck = o.only.includes('memory');
  const poolSize = Math.max(...o.workers, memoryCheck ? MEMORY_CHECK_WORKERS : 1);
  const { bench, results, ceiling, memory, recovery, firstRun } = await interruptible(async (signal) => {
    const poolStart = performance.now();
    const pool = await startPool(poolSize);
    progress(`pool of ${poolSize} workers ready in ${ms(performance.now() - poolStart)} ms`);
    const bench = new Bench(pool, o, signal);
    const results: WorkloadResult[] = [];
    let ceiling: Ceiling | undefined;
    let memory: Awaited<ReturnType<Bench['memoryCheck']>> | undefined;
    let recovery: RecoveryFigures | undefined;
    try {
      // The memory check comes first, on the fresh pool: after the other workloads the process carries their
      // scenarios and caches, and its peak would say more about them than about one 10,000-transaction run.
      if (memoryCheck) memory = await bench.memoryCheck(o.memoryTxs);
      if (poolSize >= 2 && workloads.length > 0) {
        throwIfCancelled(signal);
        ceiling = await parallelCeiling(pool);
        throwIfCancelled(signal);
        console.log(
          `machine ceiling: one worker runs ${ceiling.txs} ERC20 transfers in ${ms(ceiling.oneWorkerMs)} ms, two uncoordinated workers ` +
            `run two halves in ${ms(ceiling.twoWorkersMs)} ms: ${ceiling.ratio.toFixed(2)}× is the most 2 workers can give right now`,
        );
      }
      const signed = workloads.filter((w) => w.group === 'mainnet').map((w) => w.scenario);
      if (signed.length > 0) {
        throwIfCancelled(signal);
        recovery = await measureRecovery(signed, { rounds: 3, limit: 300 });
        console.log(recoveryLine(recovery));
      }
      for (const w of workloads) {
        const r = await bench.workload(w);
        if (r) results.push(r);
      }
    } finally {
      disposePool(pool);
    }
    // After the pool is gone: the samples' fresh processes have the machine to themselves (as far as this run goes).
    const firstRun = await firstRunVsSecond(o, workloads, signal);
    return { bench, results, ceiling, memory, recovery, firstRun };
  });
  const finished = new Date();

  if (results.length > 0) {
    console.log(`\nMedian of ${o.runs} run(s); speedup = median sequential wall / median wall, same process. Wall excludes the state root.`);
    console.log(mainTable(results, false, ceiling?.ratio));
    console.log('\nWhere the time goes (median runs; worker busy = time workers spent executing or recovering senders)');
    console.log(timeTable(results));
    const cpu = cpuTable(results);
    if (cpu) {
      console.log(`\nWhere the CPU went (mean per timed run, by thread: the kernel's counts; ${availableParallelism()} cores, so CPU available = ${availableParallelism()} × wall)`);
      console.log(cpu);
    }
    if (anatomyRows(results).length > 0) {
      console.log("\nWhere the aborts come from (block-stm's median run on each real block; `npm run cli -- compare <block> --why` says more)");
      console.log(anatomyTable(anatomyRows(results)));
    }
    console.log("\nPeak RSS per workload (sampled every 50 ms; worker threads included). The load average counts this bench's own busy threads too.");
    console.log(memoryTable(results));
  }
  if (firstRun) {
    console.log(
      `\nFirst run against second: ${firstRun.samples} fresh process(es), each warmed up as \`npm run cli -- run\` does, then two runs of ${firstRun.strategy} ×${firstRun.workers}; ` +
        `medians, ms (a run = wall + root); load average ${firstRun.loadAverage1m.toFixed(2)}`,
    );
    console.log(FIRST_RUN_HEADER);
    console.log(firstRunLine(firstRun.block, firstRun));
  }
  if (memory) {
    const mark = memory.withinAim ? '✓' : '✗';
    console.log(
      `${mark} memory: ${memory.txs.toLocaleString('en-US')} ERC20 transfers on block-stm ×${memory.workers}: peak RSS ${memory.peakRssMb.toFixed(0)} MB ` +
        `sampled, process high-water mark ${memory.processMaxRssMb.toFixed(0)} MB (aim < ${MEMORY_AIM_MB} MB; ${memory.baselineRssMb.toFixed(0)} MB before it started), ` +
        `wall ${memory.wallMs === undefined ? '–' : ms(memory.wallMs)} ms`,
    );
  }
  console.log(`process max RSS (getrusage): ${maxRssMb().toFixed(0)} MB; total ${((finished.getTime() - started.getTime()) / 1000).toFixed(0)} s`);

  const json = {
    command,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    machine: m,
    source: src,
    loadAverageAtStart: loadAtStart,
    loadAverageAtEnd: loadavg(),
    options: { ...o },
    workloads: results,
    parallelCeiling: ceiling,
    senderRecovery: recovery,
    firstRun,
    memoryCheck: memory,
    processMaxRssMb: maxRssMb(),
    failures: bench.failures,
    markdown: { main: mainTable(results, true, ceiling?.ratio), time: timeTable(results, true), memory: memoryTable(results, true), cpu: cpuTable(results, true), aborts: anatomyTable(anatomyRows(results), true) },
  };
  let unwritten: string | undefined;
  try {
    await writeOutputFile(o.jsonOut, `${JSON.stringify(json, null, 2)}\n`, 'results');
    console.log(`results written to ${o.jsonOut}`);
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    unwritten = error.message; // reported last: it never hides a correctness failure
  }

  let code: number = EXIT.ok;
  if (bench.failures.length > 0) {
    console.log(`\n${bench.failures.length} correctness failure(s):`);
    for (const f of bench.failures) console.log(`  ${f}`);
    code = EXIT.mismatch;
  } else console.log('✓ every run matched sequential');
  if (unwritten === undefined) return code;
  console.error(`error: ${unwritten}`);
  return code === EXIT.ok ? EXIT.usage : code;
}

await runMain(() => main(process.argv.slice(2)));
