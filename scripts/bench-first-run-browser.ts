/**
 * First Run against second in Chromium, on the built site (`npx vite build` first):
 *
 *   node --import tsx scripts/bench-first-run-browser.ts [--dist dist] [--samples 3] [--query 'block=15537394&…']
 *
 * Each sample is a fresh browser context (no cache, a new coordinator and new EVM workers). `cold`: the page opened
 * with `?warmup=0`, Run pressed once the scenario is loaded; `warm`: Run pressed once the page's idle warm-up is done
 * (`data-warm="warm"` on the engine-mode line). Each then runs a second time. A run's time is the engine's own
 * (wall, recovery included, plus the state root, from the run the page saved) and the click-to-result time.
 */
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { serveStatic } from '../e2e/staticServer.ts';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    samples: { type: 'string', default: '3' },
    query: { type: 'string', default: 'block=15537394&strategy=block-stm&workers=2' },
    modes: { type: 'string', default: 'cold,warm' },
  },
});

interface RunTime {
  engineMs: number;
  wallMs: number;
  rootMs: number;
  recoverMs: number;
  clickMs: number;
}

const server = await serveStatic(values.dist!, '/bench/');
const browser = await chromium.launch({
  executablePath: process.env.PLAYWRIGHT_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

async function sample(mode: string): Promise<{ warmupMs: number; runs: RunTime[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    const t0 = Date.now();
    await page.goto(`${server.url}?${values.query}${mode === 'cold' ? '&warmup=0' : ''}`);
    const mode_ = page.getByTestId('engine-mode');
    await mode_.getByText('background worker').waitFor({ timeout: 60_000 });
    // The scenario is on the stage once the page has loaded it.
    await page.getByTestId('run').waitFor({ state: 'visible' });
    let warmupMs = 0;
    if (mode === 'warm') {
      await page.waitForFunction(() => document.querySelector('[data-testid="engine-mode"]')?.getAttribute('data-warm') === 'warm', null, { timeout: 120_000, polling: 50 });
      warmupMs = Date.now() - t0;
    } else {
      await page.waitForTimeout(1500); // the workers have started: the cold run pays their first use, not their start
    }
    const runs: RunTime[] = [];
    for (let i = 1; i <= 2; i++) {
      const start = Date.now();
      await page.getByTestId('run').click();
      await page.waitForFunction((n) => document.querySelector('[data-testid="results"]')?.getAttribute('data-run') === String(n), i, { timeout: 180_000, polling: 20 });
      const clickMs = Date.now() - start;
      await page.getByTestId('run').waitFor({ state: 'visible' });
      await page.waitForFunction(() => !(document.querySelector('[data-testid="run"]') as HTMLButtonElement | null)?.disabled, null, { timeout: 60_000 });
      const stats = await page.evaluate(() => JSON.parse(localStorage.getItem('parallax.playground.last') ?? 'null')?.last?.result?.stats);
      runs.push({ engineMs: stats.wallMs + stats.rootMs, wallMs: stats.wallMs, rootMs: stats.rootMs, recoverMs: stats.recoverMs, clickMs });
    }
    return { warmupMs, runs };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f = (x: number) => x.toFixed(0).padStart(6);
console.log(`Chromium ${browser.version()}, ?${values.query}; ${values.samples} fresh context(s) per mode; medians, ms`);
console.log(`mode   warm-up    1st    2nd  1st/2nd   click 1st  click 2nd  (1st: recover, root)`);
try {
  for (const mode of values.modes!.split(',')) {
    const samples: Awaited<ReturnType<typeof sample>>[] = [];
    for (let i = 0; i < Number(values.samples); i++) samples.push(await sample(mode));
    const r = (k: number, key: keyof RunTime) => median(samples.map((s) => s.runs[k][key]));
    const ratios = samples.map((s) => s.runs[0].engineMs / s.runs[1].engineMs);
    console.log(
      `${mode.padEnd(5)} ${f(median(samples.map((s) => s.warmupMs)))}  ${f(r(0, 'engineMs'))} ${f(r(1, 'engineMs'))}  ${median(ratios).toFixed(2)}×    ${f(r(0, 'clickMs'))}     ${f(r(1, 'clickMs'))}   ` +
        `(${r(0, 'recoverMs').toFixed(0)}, ${r(0, 'rootMs').toFixed(0)})  ratios ${ratios.map((x) => x.toFixed(2)).join(' ')}`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}
