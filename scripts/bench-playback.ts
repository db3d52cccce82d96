/**
 * Playback frame-time benchmark (not a test): replays a real N-transaction trace (default 5,000, dex-rush, block-stm on
 * 2 workers, produced by the engine and cached under /tmp) and reports frame times.
 *
 *   node --import tsx scripts/bench-playback.ts [--txs 5000] [--preset dex-rush] [--browser] [--seconds 6]
 *
 * Node part: time to index the trace, and per-frame "draw prep" (metrics, queue layout, visible bars, conflict arrows)
 * at 400 playback times. `--browser`: builds the stage page (stage.html) into /tmp, serves it, loads the trace into
 * <Stage> in Chromium (Playwright) and records requestAnimationFrame intervals while it plays: p50 / p95 / max, and
 * the share of frames over 16.7 ms / 33 ms.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { runScenario } from '../src/engine/run.ts';
import { createNodePool } from '../src/engine/workers/nodePool.ts';
import { generatePreset } from '../src/workloads/presets/index.ts';
import { conflictArrows, laneRows } from '../src/ui/playback/lanes.ts';
import { forBarsUntil, metricsAt } from '../src/ui/playback/query.ts';
import { queueLayout } from '../src/ui/playback/queue.ts';
import { indexTrace } from '../src/ui/playback/traceIndex.ts';

const arg = (name: string, def: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : def;
};
const txs = Number(arg('txs', '5000'));
const preset = arg('preset', 'dex-rush');
const seconds = Number(arg('seconds', '6'));
const browser = process.argv.includes('--browser');

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const f = (x: number): string => x.toFixed(2);

const cache = `/tmp/parallax-bench-playback-${preset}-${txs}.json`;
let run: { scenario: unknown; trace: import('../src/engine/trace/events.ts').Trace; result: import('../src/engine/result.ts').Result };
if (existsSync(cache)) {
  run = JSON.parse(readFileSync(cache, 'utf8'));
  console.log(`trace: ${cache} (cached)`);
} else {
  const scenario = generatePreset(preset, { txs }, 1);
  const pool = createNodePool(2);
  const t0 = performance.now();
  const out = await runScenario(scenario, { strategy: 'block-stm', workers: 2 }, pool);
  pool.dispose();
  console.log(`ran ${preset} × ${txs} with block-stm on 2 workers in ${f((performance.now() - t0) / 1000)} s`);
  run = { scenario, trace: out.trace, result: out.result };
  writeFileSync(cache, JSON.stringify(run));
}
const { trace, result } = run;
console.log(`${trace.events.length} events, ${result.stats.executions} executions, ${result.stats.aborts} aborts`);

// Node: index, then draw prep per frame.
let t0 = performance.now();
const ix = indexTrace(trace);
console.log(`index the whole trace: ${f(performance.now() - t0)} ms`);
const live = { ...trace, events: [] as typeof trace.events };
const { TraceIndex } = await import('../src/ui/playback/traceIndex.ts');
const inc = new TraceIndex();
t0 = performance.now();
const batch = Math.ceil(trace.events.length / 300); // ~300 frames' worth of live batches
for (let i = 0; i < trace.events.length; i += batch) {
  live.events.push(...trace.events.slice(i, i + batch));
  inc.update(live);
}
console.log(`index incrementally in 300 batches: ${f(performance.now() - t0)} ms total`);

const rows = laneRows(ix);
const prep: number[] = [];
let lay;
for (let k = 0; k <= 400; k++) {
  const t = ix.start + ((ix.end - ix.start) * k) / 400;
  const s = performance.now();
  metricsAt(ix, t);
  lay = queueLayout(ix, t, 150, 170, 34, lay);
  let n = 0;
  for (const r of rows) if (r.kind === 'worker') n += forBarsUntil(ix, r.lane, t, ix.start, ix.end, () => {});
  conflictArrows(ix, rows, t, ix.start, ix.end, 150);
  prep.push(performance.now() - s);
}
console.log(`draw prep per frame (Node, ${ix.txCount} txs): p50 ${f(pct(prep, 50))} ms, p95 ${f(pct(prep, 95))} ms, max ${f(Math.max(...prep))} ms`);

if (browser) {
  const { build, preview } = await import('vite');
  const { chromium } = await import('@playwright/test');
  const outDir = '/tmp/parallax-bench-playback-dist';
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true, rollupOptions: { input: { stage: 'stage.html' } } } });
  const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { port: 4299, strictPort: true } });
  const b = await chromium.launch({ executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined, args: ['--no-sandbox'] });
  try {
    const page = await b.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto('http://localhost:4299/stage.html');
    await page.waitForFunction('window.__stage !== undefined');
    await page.evaluate(`window.__stage.load(${JSON.stringify(run)})`);
    await page.waitForSelector('[data-region=lanes] canvas');
    // Plain source text: tsx's helpers (__name) do not exist in the page.
    const frames = (await page.evaluate(`(async (secs) => {
      const st = window.__stage.stage;
      const span = Number(document.querySelector('[data-testid=scrubber]').getAttribute('max'));
      st.pause();
      st.seek(0);
      st.setSpeed(Math.max(1e-4, span / (secs * 1e6)));
      st.play();
      const out = [];
      let last = performance.now();
      const until = last + secs * 1000;
      await new Promise((done) => {
        requestAnimationFrame(function tick(now) {
          out.push(now - last);
          last = now;
          if (now < until) requestAnimationFrame(tick);
          else done();
        });
      });
      return out.slice(2);
    })(${seconds})`)) as number[];
    const over = (ms: number): string => `${((frames.filter((x) => x > ms).length / frames.length) * 100).toFixed(1)}%`;
    console.log(
      `Chromium frame intervals while playing (${frames.length} frames over ${seconds} s): p50 ${f(pct(frames, 50))} ms, ` +
        `p95 ${f(pct(frames, 95))} ms, max ${f(Math.max(...frames))} ms; over 16.7 ms: ${over(16.7)}, over 33 ms: ${over(33.4)}`,
    );
    const committed = await page.getAttribute('[data-testid=metric-committed]', 'data-value');
    console.log(`committed at the end of the measurement: ${committed} of ${result.txCount}`);
  } finally {
    await b.close();
    server.httpServer.close();
  }
}
process.exit(0);
