/**
 * Node and Chromium on the same block (issue 15, "Node and browser agree"):
 *
 *   npx vite build --outDir /tmp/dist-bb
 *   npm run bench:browser -- [--dist /tmp/dist-bb] [--blocks 19426587,15537394,11814555]
 *        [--strategies sequential,block-stm] [--workers 2] [--runs 5] [--node-trace] [--json FILE]
 *
 * For every (block, strategy, workers) — sequential always on 1 worker — the same block file the page fetches
 * (`public/blocks/N.json`, from the build: `DIST/blocks/N.json`), loaded with the page's options (senders recovered
 * from the signatures: the page never trusts `from`), runs
 *  - in **Chromium**: the built page served from a sub-path, opened as `?block=N&strategy=S&workers=W`, Run pressed
 *    once its idle warm-up is done (`data-warm="warm"`); the engine's own times come from the run the page saved;
 *  - in **Node**: one `worker_threads` pool (`startPool`, as `npm run cli -- run`), the CLI's warm-up (`warmPool`:
 *    the generated block, then the beginning of this block), then `runScenario` — `npm run cli -- run`'s own path.
 * Each side first runs once untimed, then the timed rounds alternate Node and Chromium, so the machine's load drifting
 * hits both alike. A run's time is the engine's: wall (sender recovery, execution, in-order commit) plus the state
 * root; the split and the CPU time (Node: the process, every thread; Chromium: every process of the browser, from
 * /proc) are kept per run. Both sides' state roots must agree (✗ and exit code 1 if not).
 */
import { chromium } from '@playwright/test';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serveStatic } from '../e2e/staticServer.ts';
import { disposePool, setHeapGrowingPercent, startPool, warmPool } from '../src/cli/pool.ts';
import { runScenario } from '../src/engine/run.ts';
import { loadScenarioFile } from '../src/engine/scenario/loadFile.node.ts';
import type { Scenario } from '../src/engine/scenario/types.ts';
import { RunHistory } from '../src/engine/strategies/history.ts';
import { STRATEGY_CATALOG } from '../src/engine/strategies/catalog.ts';

const USAGE = `Usage: npm run bench:browser -- [options]   (build the site first: npx vite build --outDir /tmp/dist-bb)

  --dist DIR          the built site (default dist)
  --blocks LIST       shipped blocks (default: every DIST/blocks/*.json)
  --strategies LIST   default sequential,block-stm (sequential always runs on 1 worker)
  --workers LIST      worker counts for the other strategies (default 2)
  --runs N            timed runs per side after one untimed run (default 3)
  --node-trace        Node keeps the trace and a run history, and gets the events, as the page's engine does
                      (default: as \`npm run cli -- run\` without --trace)
  --heap-growing-percent N
                      V8's heap growth for Node, for every run (default: the CLI's, src/cli/pool.ts: 50, and
                      V8's own while a block under 10,000 transactions runs; 0: V8's own, as in Chromium)
  --json FILE         also write every run as JSON
  -h, --help          this help`;

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    blocks: { type: 'string' },
    strategies: { type: 'string', default: 'sequential,block-stm' },
    workers: { type: 'string', default: '2' },
    runs: { type: 'string', default: '3' },
    'node-trace': { type: 'boolean', default: false },
    'heap-growing-percent': { type: 'string' },
    json: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

function fail(message: string): never {
  console.error(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

const dist = resolve(values.dist!);
if (!existsSync(join(dist, 'index.html'))) fail(`--dist: no built site in ${dist} (run npx vite build --outDir ${values.dist} first)`);
const shipped = readdirSync(join(dist, 'blocks')).filter((f) => /^\d+\.json$/.test(f)).map((f) => f.slice(0, -5));
const blocks = values.blocks === undefined ? shipped : values.blocks.split(',').map((b) => b.trim()).filter(Boolean);
for (const b of blocks) if (!shipped.includes(b)) fail(`--blocks: ${b} is not a block the site ships (it ships ${shipped.join(', ')})`);
const known = STRATEGY_CATALOG.map((s) => s.name);
const strategies = values.strategies!.split(',').map((s) => s.trim()).filter(Boolean);
for (const s of strategies) if (!known.includes(s)) fail(`--strategies: unknown strategy "${s}" (known: ${known.join(', ')})`);
const workerCounts = values.workers!.split(',').map((w) => Number(w.trim()));
if (workerCounts.some((w) => !Number.isInteger(w) || w < 1 || w > 8)) fail(`--workers: expected whole numbers from 1 to 8, got "${values.workers}"`);
const heapGrowth = values['heap-growing-percent'];
if (heapGrowth !== undefined) {
  if (!/^\d{1,3}$/.test(heapGrowth)) fail(`--heap-growing-percent: expected a whole number from 0 to 999, got "${heapGrowth}"`);
  setHeapGrowingPercent(Number(heapGrowth)); // for every run, instead of the CLI's (pool.ts)
}
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 50) fail(`--runs: expected a whole number from 1 to 50, got "${values.runs}"`);

interface Config {
  block: string;
  strategy: string;
  workers: number;
}
const configs: Config[] = blocks.flatMap((block) =>
  strategies.flatMap((strategy) => (strategy === 'sequential' ? [1] : workerCounts).map((workers) => ({ block, strategy, workers }))),
);

/** One run's times, ms: the engine's own (`stats`) and the CPU it took. */
interface Run {
  wallMs: number;
  rootMs: number;
  recoverMs: number;
  /** wall − recovery: execution and in-order commit (with the coordinator's share). */
  execMs: number;
  totalMs: number;
  cpuMs: number;
  /** Chromium only: the CPU of its web workers' threads alone (the page's engine). */
  workerCpuMs?: number;
  reexecutions: number;
  stateRoot: string;
  load1m: number;
}

const toRun = (s: { wallMs: number; rootMs: number; recoverMs: number; reexecutions: number }, stateRoot: string, cpuMs: number): Run => ({
  wallMs: s.wallMs,
  rootMs: s.rootMs,
  recoverMs: s.recoverMs,
  execMs: s.wallMs - s.recoverMs,
  totalMs: s.wallMs + s.rootMs,
  cpuMs,
  reexecutions: s.reexecutions,
  stateRoot,
  load1m: loadavg()[0],
});

// --- Chromium's CPU: every process of the browser Playwright started (children of this process), from /proc. ---
const TICK_MS = 10; // USER_HZ is 100 on Linux
function procStat(pid: number, path = `/proc/${pid}/stat`): { ppid: number; comm: string; cpuMs: number } | undefined {
  try {
    const text = readFileSync(path, 'utf8');
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' '); // fields from the 3rd (state) on
    return { comm: text.slice(text.indexOf('(') + 1, close), ppid: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS };
  } catch {
    return undefined; // gone meanwhile
  }
}
/** CPU ms of the threads of `pid` named like `name` (Chromium's workers are "DedicatedWorker" threads). */
function threadsCpuMs(pid: number, name: RegExp): number {
  let ms = 0;
  try {
    for (const t of readdirSync(`/proc/${pid}/task`)) {
      const s = procStat(Number(t), `/proc/${pid}/task/${t}/stat`);
      if (s && name.test(s.comm)) ms += s.cpuMs;
    }
  } catch {
    // the process is gone
  }
  return ms;
}

/** CPU ms of every live descendant of this process whose name says Chromium (not tsx's esbuild service); with
 * `workersOnly`, only their web workers' threads: the page's engine (coordinator and EVM workers), without the
 * page's own thread (the stage drawing the live trace), the compositor or the browser process. */
function browserCpuMs(workersOnly = false): number {
  if (!existsSync('/proc/self/stat')) return NaN;
  const all = new Map<number, ReturnType<typeof procStat>>();
  for (const d of readdirSync('/proc')) if (/^\d+$/.test(d)) all.set(Number(d), procStat(Number(d)));
  const mine = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, s] of all) {
      if (s && !mine.has(pid) && mine.has(s.ppid)) {
        mine.add(pid);
        grew = true;
      }
    }
  }
  let ms = 0;
  for (const pid of mine) {
    const s = all.get(pid);
    if (pid !== process.pid && s && /chrom|headless/i.test(s.comm)) ms += workersOnly ? threadsCpuMs(pid, /DedicatedWorker/) : s.cpuMs;
  }
  return ms;
}

// --- The two sides ---

const server = await serveStatic(dist, '/bench/');
const browser = await chromium.launch({
  executablePath: process.env.PLAYWRIGHT_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const chromiumVersion = browser.version();
const startedAt = new Date().toISOString();
const pool = await startPool(Math.max(...configs.map((c) => c.workers)));
const nodePath = (await pool.call(0, (api) => api.ecrecover())).path;

type Page = Awaited<ReturnType<Awaited<ReturnType<typeof browser.newContext>>['newPage']>>;

/** The page on this config, warm: loaded, its idle warm-up done. */
async function openPage(c: Config): Promise<{ page: Page; close: () => Promise<void>; warmupMs: number; recovery: string }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const t0 = Date.now();
  await page.goto(`${server.url}?block=${c.block}&strategy=${c.strategy}&workers=${c.workers}`);
  await page.getByTestId('engine-mode').getByText('background worker').waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="engine-mode"]')?.getAttribute('data-warm') === 'warm', null, { timeout: 120_000, polling: 50 });
  const warmupMs = Date.now() - t0;
  if (errors.length > 0) throw new Error(`the page failed: ${errors.join('; ')}`);
  // The page says so when its workers fall back to pure-JS recovery (`Session.warmUpWhenIdle`).
  const recovery = (await page.getByText('Sender recovery runs in pure JavaScript').count()) > 0 ? 'js' : 'wasm';
  await settle(page, false);
  return { page, close: () => context.close(), warmupMs, recovery };
}

let clicks = 0;
/** Presses Run, waits for the result and for the page to be idle again (its automatic sequential reference too). */
async function chromiumRun(page: Page): Promise<Run> {
  const n = ++clicks;
  const cpu0 = browserCpuMs();
  const workers0 = browserCpuMs(true);
  await page.getByTestId('run').click();
  await page.waitForFunction((k) => Number(document.querySelector('[data-testid="results"]')?.getAttribute('data-run')) >= k, n, { timeout: 300_000, polling: 20 });
  const cpuMs = browserCpuMs() - cpu0; // up to the result shown (the reference that follows is not this run's)
  const workerCpuMs = browserCpuMs(true) - workers0;
  await page.waitForFunction(() => !(document.querySelector('[data-testid="run"]') as HTMLButtonElement | null)?.disabled, null, { timeout: 300_000, polling: 50 });
  const result = await page.evaluate(() => JSON.parse(localStorage.getItem('parallax.playground.last') ?? 'null')?.last?.result);
  if (!result?.stats) throw new Error('the page saved no run');
  await settle(page);
  return { ...toRun(result.stats, result.stateRoot, cpuMs), workerCpuMs };
}

/** CPU the page used after its result (the sequential reference it fetches, the replay), and how long it took to go
 * quiet. Measured once and kept out of both sides' timed runs. */
const afterRun: { cpuMs: number; ms: number }[] = [];

/**
 * After a run the stage replays it for a few seconds (and the page saves it, analyses it): on 2 cores that would
 * slow whichever run comes next, Node's or the page's own. End skips the replay to its end, as a user can; then
 * wait until the browser's processes use under 10 % of a core over 250 ms (at most 10 s).
 */
async function settle(page: Page, record = true): Promise<void> {
  const t0 = Date.now();
  const cpu0 = browserCpuMs();
  await page.keyboard.press('End');
  for (let prev = browserCpuMs(); Date.now() - t0 < 10_000; ) {
    await new Promise((r) => setTimeout(r, 250));
    const now = browserCpuMs();
    if (now - prev < 25) break;
    prev = now;
  }
  if (record) afterRun.push({ cpuMs: browserCpuMs() - cpu0, ms: Date.now() - t0 });
}

async function nodeRun(scenario: Scenario, c: Config, history: RunHistory | undefined): Promise<Run> {
  globalThis.gc?.();
  const cpu0 = process.cpuUsage();
  const opts = history ? { history, onEvents: () => {} } : { keepTrace: false };
  const { result } = await runScenario(scenario, { strategy: c.strategy, workers: c.workers, senders: 'recover', ...opts }, pool);
  const cpu = process.cpuUsage(cpu0);
  return toRun(result.stats, result.stateRoot, (cpu.user + cpu.system) / 1000);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
type Side = { runs: Run[]; warmupMs: number; recovery: string };
interface Row extends Config {
  txs: number;
  node: Side;
  chromium: Side & { idleCpuMs: number[] };
  ratio: number;
  within15: boolean;
  rootsAgree: boolean;
}
const med = (side: Side, k: keyof Omit<Run, 'stateRoot'>) => median(side.runs.map((r) => r[k] ?? NaN));

const loadStart = loadavg();
console.log(
  `Node ${process.version} (recovery ${nodePath}) against Chromium ${chromiumVersion}, the build in ${values.dist}; ` +
    `${runs} timed run(s) per side after 1 untimed, alternating; Node ${values['node-trace'] ? 'keeps the trace as the page does' : 'as npm run cli -- run'}; ` +
    `senders recovered on both; Node heap growth ${heapGrowth ?? '50 (the CLI\'s)'}; load average at start ${loadStart.map((l) => l.toFixed(2)).join(' ')}`,
);
const rows: Row[] = [];
const t0 = Date.now();
try {
  for (const c of configs) {
    const scenario = await loadScenarioFile(join(dist, 'blocks', `${c.block}.json`), { trustFrom: false, sourceName: `blocks/${c.block}.json` });
    const history = values['node-trace'] ? new RunHistory() : undefined;
    const w0 = performance.now();
    await warmPool(pool, { strategies: ['sequential', c.strategy], workers: c.workers, scenario, senders: 'recover' });
    const node: Side = { runs: [], warmupMs: performance.now() - w0, recovery: nodePath };
    const opened = await openPage(c);
    const chrome: Row['chromium'] = { runs: [], warmupMs: opened.warmupMs, recovery: opened.recovery, idleCpuMs: [] };
    try {
      clicks = 0;
      await nodeRun(scenario, c, history); // untimed
      await chromiumRun(opened.page);
      for (let i = 0; i < runs; i++) {
        // Who goes first alternates too: neither always follows the other's leftovers.
        const order = i % 2 === 0 ? ['node', 'chromium'] : ['chromium', 'node'];
        for (const side of order) {
          if (side === 'node') {
            const idle0 = browserCpuMs(); // what the idle page costs while Node runs (it should be ~0)
            node.runs.push(await nodeRun(scenario, c, history));
            chrome.idleCpuMs.push(browserCpuMs() - idle0);
          } else chrome.runs.push(await chromiumRun(opened.page));
        }
      }
    } finally {
      await opened.close();
    }
    const ratio = med(chrome, 'totalMs') / med(node, 'totalMs');
    const roots = new Set([...node.runs, ...chrome.runs].map((r) => r.stateRoot));
    const row: Row = { ...c, txs: scenario.transactions.length, node, chromium: chrome, ratio, within15: Math.abs(ratio - 1) <= 0.15, rootsAgree: roots.size === 1 };
    rows.push(row);
    const split = (s: Side) => `${med(s, 'recoverMs').toFixed(0)}/${med(s, 'execMs').toFixed(0)}/${med(s, 'rootMs').toFixed(0)}`;
    console.error(
      `  block ${c.block} ${c.strategy} ×${c.workers}: Node ${med(node, 'totalMs').toFixed(0)} ms (${split(node)}), Chromium ${med(chrome, 'totalMs').toFixed(0)} ms (${split(chrome)}), ` +
        `${ratio.toFixed(2)}×${row.rootsAgree ? '' : ' ✗ the state roots differ'} · load ${loadavg()[0].toFixed(2)}`,
    );
  }
} finally {
  disposePool(pool);
  await browser.close();
  await server.close();
}

const f0 = (x: number) => x.toFixed(0);
console.log(`\nMedians of ${runs} run(s), ms. A run = wall (recovery + execution/commit) + state root; split = recovery / execution+commit / root;\nCPU = median CPU ms during a run: Node's process (every thread), Chromium's processes (in brackets: its web workers' threads alone, the page's engine)`);
console.log('| block | txs | strategy | workers | Node ms | Chromium ms | Chromium/Node | within 15 % | Node split | Chromium split | Node CPU | Chromium CPU (workers) | load |');
console.log('|---:|---:|:---|---:|---:|---:|---:|:---:|:---|:---|---:|---:|---:|');
for (const r of rows) {
  const split = (s: Side) => `${f0(med(s, 'recoverMs'))} / ${f0(med(s, 'execMs'))} / ${f0(med(s, 'rootMs'))}`;
  console.log(
    `| ${r.block} | ${r.txs} | ${r.strategy} | ${r.workers} | ${f0(med(r.node, 'totalMs'))} | ${f0(med(r.chromium, 'totalMs'))} | ${r.ratio.toFixed(2)}× | ` +
      `${r.within15 ? 'yes' : 'no'}${r.rootsAgree ? '' : ' ✗ roots differ'} | ${split(r.node)} | ${split(r.chromium)} | ${f0(med(r.node, 'cpuMs'))} | ${f0(med(r.chromium, 'cpuMs'))} (${f0(med(r.chromium, 'workerCpuMs'))}) | ` +
      `${median([...r.node.runs, ...r.chromium.runs].map((x) => x.load1m)).toFixed(1)} |`,
  );
}
const idle = rows.flatMap((r) => r.chromium.idleCpuMs);
console.log(
  `\nload average at start ${loadStart.map((l) => l.toFixed(2)).join(' ')}, at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${((Date.now() - t0) / 1000).toFixed(0)} s; ` +
    `the page used ${f0(median(afterRun.map((a) => a.cpuMs)))} ms CPU after a run until quiet (${f0(median(afterRun.map((a) => a.ms)))} ms; medians, not timed), ` +
    `${f0(median(idle))} ms while Node ran; recovery: Node ${nodePath}, Chromium ${[...new Set(rows.map((r) => r.chromium.recovery))].join('/')}`,
);
if (values.json) {
  writeFileSync(values.json, `${JSON.stringify({ startedAt, node: process.version, chromium: chromiumVersion, loadStart, loadEnd: loadavg(), runs, nodeTrace: values['node-trace'], heapGrowingPercent: heapGrowth === undefined ? 50 : Number(heapGrowth), afterRun, rows }, null, 2)}\n`);
  console.log(`written to ${values.json}`);
}
const disagree = rows.filter((r) => !r.rootsAgree);
if (disagree.length > 0) {
  console.log(`✗ Node and Chromium computed different state roots on: ${disagree.map((r) => `${r.block} ${r.strategy} ×${r.workers}`).join(', ')}`);
  process.exit(1);
}
process.exit(0);
