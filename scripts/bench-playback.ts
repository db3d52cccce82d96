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
console.log(`machine: load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' / ')} on ${(await import('node:os')).cpus().length} cores`);

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
  for (const r of rows) if (r.kind === 'worker') forBarsUntil(ix, r.lane, t, ix.start, ix.end, () => {});
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
    // Plain source text: tsx's helpers (__name) do not exist in the page. Two phases: playing the whole run back in
    // `secs` seconds, then scrubbing (a seek to a new place every frame). Long animation frames (work > 50 ms in one
    // frame, scripts and rendering) are counted too.
    const measure = (mode: 'play' | 'scrub') =>
      page.evaluate(`(async (secs, mode) => {
        const st = window.__stage.stage;
        const scrub = document.querySelector('[data-testid=scrubber]');
        const span = Number(scrub.getAttribute('max'));
        const t0 = Number(document.querySelector('[data-testid=playback-time]').getAttribute('data-t')) || 0;
        st.pause();
        st.seek(0);
        const loaf = [];
        const po = new PerformanceObserver((l) => { for (const e of l.getEntries()) loaf.push(e.duration); });
        try { po.observe({ type: 'long-animation-frame', buffered: false }); } catch {}
        if (mode === 'play') { st.setSpeed(Math.max(1e-4, Math.min(1, span / (secs * 1e6)))); st.play(); }
        const out = [];
        let last = performance.now();
        const until = last + secs * 1000;
        let k = 0;
        const start = Number(document.querySelector('[data-testid=playback-time]').dataset.t);
        await new Promise((done) => {
          requestAnimationFrame(function tick(now) {
            out.push(now - last);
            last = now;
            if (mode === 'scrub') st.seek(window.__stageStart + ((k++ * 7919) % 400) / 400 * span);
            if (now < until) requestAnimationFrame(tick);
            else done();
          });
        });
        po.disconnect();
        st.pause();
        return { frames: out.slice(2), loaf };
      })(${seconds}, '${mode}')`) as Promise<{ frames: number[]; loaf: number[] }>;
    // The run's first activity on the trace clock, so the scrub seeks land inside the run.
    await page.evaluate(`(() => { const st = window.__stage.stage; st.pause(); st.seek(0); window.__stageStart = 0; })()`);
    await page.evaluate(`(() => { const t = window.__stage.trace; let m = Infinity; for (const e of t.events) if (e.kind !== 'run-start' && e.t < m) m = e.t; window.__stageStart = m; })()`);
    // Main-thread time by kind (Chromium's own counters), per frame: what the page costs, apart from waiting for a core.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const counters = async (): Promise<Record<string, number>> =>
      Object.fromEntries(((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.map((m) => [m.name, m.value]));
    for (const mode of ['play', 'scrub'] as const) {
      const before = await counters();
      const { frames, loaf } = await measure(mode);
      const after = await counters();
      const per = (k: string): string => f(((after[k] - before[k]) * 1000) / frames.length);
      const over = (ms: number): string => `${((frames.filter((x) => x > ms).length / frames.length) * 100).toFixed(1)}%`;
      console.log(
        `Chromium, ${mode === 'play' ? 'playing' : 'scrubbing (a seek every frame)'}: ${frames.length} frames in ${seconds} s, interval p50 ${f(pct(frames, 50))} ms, ` +
          `p95 ${f(pct(frames, 95))} ms, max ${f(Math.max(...frames))} ms; over 16.7 ms: ${over(17.5)}, over 33 ms: ${over(34)}; ` +
          `long animation frames (> 50 ms of work): ${loaf.length}`,
      );
      console.log(
        `  main thread per frame: tasks ${per('TaskDuration')} ms (script ${per('ScriptDuration')}, style ${per('RecalcStyleDuration')}, layout ${per('LayoutDuration')})`,
      );
    }
    // Sanity: at the end of the run the stage shows every transaction committed.
    await page.evaluate(`window.__stage.stage.seek(1e15)`);
    await page.waitForTimeout(300);
    const committed = await page.getAttribute('[data-testid=metric-committed]', 'data-value');
    console.log(`the stage at the end of the run: ${committed} of ${result.txCount} committed`);
  } finally {
    await b.close();
    server.httpServer.close();
  }
}
process.exit(0);
