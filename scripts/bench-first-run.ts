/**
 * First run against second, each in a fresh process:
 *
 *   node --import tsx --expose-gc scripts/bench-first-run.ts [FILE…] [--strategy S] [--workers N] [--warmup LIST]
 *        [--samples N] [--trust-from]
 *
 * For every file (default: public/blocks/15537394.json and the DEX-rush preset; `preset:ID[:TXS]` names a preset) and every warm-up mode, `--samples`
 * fresh processes each start the pool (waiting until every worker answers, as `npm run cli -- run` does), warm up as
 * told, then time two runs of the same strategy on the same scenario; the modes take turns, so the machine's load
 * drifting hits them alike. Modes: `none`; `gen`, small runs of sequential and the strategy on the generated warm-up
 * block (`src/workloads/warmup.ts`); `prime`, only the beginning of a run of the scenario (`primeScenario`); `cli`, both —
 * what `npm run cli -- run` does (`src/cli/pool.ts` `warmPool`; `cliN`: with an N-transaction warm-up block); `worker`, every worker executes the warm-up block on
 * its own (a dedicated worker call, nothing on this thread); `same`, a first run of the scenario itself (what a
 * second run gets: the bound). A run's time is its wall (execution through commit, sender recovery included) plus
 * the state root.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runScenario } from '../src/engine/run.ts';
import { primeScenario } from '../src/engine/warmup.ts';
import type { Scenario } from '../src/engine/scenario/types.ts';
import { loadScenarioFile } from '../src/engine/scenario/loadFile.node.ts';
import { disposePool, startPool, warmPool } from '../src/cli/pool.ts';
import { generatePreset } from '../src/workloads/presets/index.ts';
import { warmupScenario } from '../src/workloads/warmup.ts';
import type { WorkerPool } from '../src/engine/workers/pool.ts';

const { values, positionals } = parseArgs({
  options: {
    strategy: { type: 'string', default: 'block-stm' },
    workers: { type: 'string', default: '2' },
    warmup: { type: 'string', default: 'none,gen,prime,cli,worker,same' },
    samples: { type: 'string', default: '3' },
    'trust-from': { type: 'boolean', default: false },
    child: { type: 'string' },
  },
  allowPositionals: true,
});

const strategy = values.strategy!;
const workers = Number(values.workers);
const senders = values['trust-from'] ? 'trust' : 'recover';

async function load(file: string): Promise<Scenario> {
  // preset:ID or preset:ID:TXS
  if (file.startsWith('preset:')) {
    const [id, txs] = file.slice(7).split(':');
    return generatePreset(id, txs ? { txs: Number(txs) } : {}, 1);
  }
  return loadScenarioFile(file, { trustFrom: values['trust-from'] });
}

interface Sample {
  warmupMs: number;
  /** `cpuMs`: the process's CPU time during the run (user + system, every thread: the coordinator, the workers, the
   * JIT compiler's threads) — what a cold run costs more, and far less sensitive than wall time to other jobs. */
  runs: { wallMs: number; rootMs: number; recoverMs: number; totalMs: number; cpuMs: number }[];
}

/** Each worker on its own: the warm-up block executed in order on its VM, nothing on this thread. */
async function warmWorkersOnly(pool: WorkerPool): Promise<void> {
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

async function child(file: string, mode: string): Promise<Sample> {
  const scenario = await load(file);
  const pool = await startPool(workers);
  try {
    const t0 = performance.now();
    if (mode === 'gen') await warmPool(pool, { strategies: ['sequential', strategy], workers });
    else if (mode === 'prime') await primeScenario(pool, scenario, { strategy, workers, senders });
    else if (mode === 'cli') await warmPool(pool, { strategies: ['sequential', strategy], workers, scenario, senders });
    else if (/^cli\d+$/.test(mode)) await warmPool(pool, { strategies: ['sequential', strategy], workers, scenario, txs: Number(mode.slice(3)) });
    else if (mode === 'worker') await warmWorkersOnly(pool);
    else if (mode === 'same') await runScenario(scenario, { strategy, workers, senders }, pool);
    const warmupMs = performance.now() - t0;
    const runs = [];
    for (let i = 0; i < 2; i++) {
      globalThis.gc?.();
      const cpu0 = process.cpuUsage();
      const { result } = await runScenario(scenario, { strategy, workers, senders }, pool);
      const cpu = process.cpuUsage(cpu0);
      const s = result.stats;
      runs.push({ wallMs: s.wallMs, rootMs: s.rootMs, recoverMs: s.recoverMs, totalMs: s.wallMs + s.rootMs, cpuMs: (cpu.user + cpu.system) / 1000 });
    }
    return { warmupMs, runs };
  } finally {
    disposePool(pool);
  }
}

if (values.child !== undefined) {
  const [mode, file] = [values.child, positionals[0]];
  console.log(JSON.stringify(await child(file, mode)));
  process.exit(0);
}

const files = positionals.length > 0 ? positionals : ['public/blocks/15537394.json', 'preset:dex-rush'];
const modes = values.warmup!.split(',');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f = (x: number) => x.toFixed(0).padStart(6);
console.log(`${strategy} ×${workers}, senders ${senders}, ${values.samples} fresh process(es) per row, the modes interleaved; medians; ms`);
console.log(`${'scenario'.padEnd(20)} ${'warm-up'.padEnd(8)} ${'w-up ms'.padStart(7)} ${'1st'.padStart(6)} ${'2nd'.padStart(6)}  1st/2nd   cpu 1st/2nd  (1st: recover, root)`);
for (const file of files) {
  const samples = new Map<string, Sample[]>(modes.map((m) => [m, []]));
  // Round-robin over the modes, so that the machine's load drifting affects them all alike.
  for (let i = 0; i < Number(values.samples); i++) {
    for (const mode of modes) {
      const out = execFileSync(
        process.execPath,
        ['--import', 'tsx', '--expose-gc', fileURLToPath(import.meta.url), '--child', mode, '--strategy', strategy, '--workers', String(workers), ...(values['trust-from'] ? ['--trust-from'] : []), file],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
      );
      samples.get(mode)!.push(JSON.parse(out.trim().split('\n').pop()!));
    }
  }
  for (const mode of modes) {
    const ss = samples.get(mode)!;
    const first = median(ss.map((s) => s.runs[0].totalMs));
    const second = median(ss.map((s) => s.runs[1].totalMs));
    const ratios = ss.map((s) => s.runs[0].totalMs / s.runs[1].totalMs);
    const cpuRatios = ss.map((s) => s.runs[0].cpuMs / s.runs[1].cpuMs);
    console.log(
      `${file.replace(/^.*\//, '').padEnd(20)} ${mode.padEnd(8)} ${f(median(ss.map((s) => s.warmupMs))).padStart(7)} ${f(first)} ${f(second)}  ${median(ratios).toFixed(2)}×    ` +
        `${median(cpuRatios).toFixed(2)}×      ` +
        `(${f(median(ss.map((s) => s.runs[0].recoverMs))).trim()}, ${f(median(ss.map((s) => s.runs[0].rootMs))).trim()})  ratios ${ratios.map((r) => r.toFixed(2)).join(' ')}; cpu ${cpuRatios.map((r) => r.toFixed(2)).join(' ')}`,
    );
  }
}
