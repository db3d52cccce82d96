/**
 * Issue 13's finishing touches, checked as a speaker would: a single run shows its speedup without a Verify click;
 * Export saves figures (one view, a title with the setup, a legend, none of the page's controls or hints); a
 * sequential run draws one lane; dag keeps its idle worker in the busy share; the run's phases (sender recovery, the
 * state root at the end) are labelled on the lanes; large ratios are written without false precision; zoomed lanes
 * follow the playhead with their labels inside the chart; hovering a bar, a token or a node names it in words.
 * Screenshots and the exported figures go to e2e/output/screens/polish-*.
 */
import type { Download, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { OUTPUT, expect, test } from './fixtures.ts';

const SCREENS = `${OUTPUT}/screens`;
const shot = (page: Page, name: string) => page.screenshot({ path: `${SCREENS}/polish-${name}.png` });

async function open(page: Page, query: string): Promise<void> {
  await page.goto(`./?${query}`);
  await expect(page.getByTestId('engine-mode')).toContainText('background worker', { timeout: 30_000 });
  const intro = page.getByTestId('intro-dismiss');
  if (await intro.isVisible().catch(() => false)) await intro.click();
}

/** Runs the setup; waits for the result, then for the page to be idle again (the sequential reference included). */
async function run(page: Page, n: number): Promise<void> {
  await page.getByTestId('run').click();
  await expect(page.getByTestId('results')).toHaveAttribute('data-run', String(n), { timeout: 120_000 });
  await expect(page.getByTestId('run')).toBeEnabled({ timeout: 120_000 });
  await page.keyboard.press('End');
}

async function exported(page: Page, what: 'svg' | 'png'): Promise<Download> {
  await page.getByTestId('exports').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${what}`).click()]);
  return download;
}

test('a first run on cold workers says so next to its speedup, in the story and on the figure; the second does not', async ({ page, errors }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  // `warmup=0`: no idle warm-up, as when a speaker presses Run the moment the page is up.
  await open(page, 'preset=dex-rush&txs=60&seed=1&strategy=block-stm&workers=2&warmup=0');
  await run(page, 1);
  const speedup = page.getByTestId('metric-speedup');
  await expect(speedup).toBeVisible({ timeout: 60_000 });
  await expect(speedup).toHaveAttribute('data-cold', 'run');
  await expect(speedup).toContainText('(cold run)');
  await expect(page.getByTestId('run-story-achieved')).toContainText('It ran on cold workers');
  await expect(page.getByTestId('run-story-achieved')).toContainText('run it again to compare fairly');
  const svg = await (await exported(page, 'svg')).path();
  expect(readFileSync(svg!, 'utf8')).toContain('× sequential, cold run)');
  await page.getByTestId('run-story').scrollIntoViewIfNeeded();
  await shot(page, '1280-cold-first-run');
  await run(page, 2);
  await expect(page.getByTestId('metric-speedup')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('metric-speedup')).not.toHaveAttribute('data-cold', /./);
  await expect(page.getByTestId('run-story-achieved')).not.toContainText('cold');
  expect(errors.page).toEqual([]);
});

test('a single run shows its speedup without Verify, and Export saves a figure: one view, a title, a legend, no controls', async ({ page, errors }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await open(page, 'preset=dex-rush&txs=60&seed=1&strategy=block-stm&workers=2');
  await run(page, 1);
  // The sequential reference ran by itself: the speedup is there, and flagged when above min(workers, bound).
  const speedup = page.getByTestId('metric-speedup');
  await expect(speedup).toBeVisible({ timeout: 60_000 });
  const value = Number(await speedup.getAttribute('data-value'));
  const bound = Number(await page.getByTestId('metric-bound').getAttribute('data-value'));
  expect(value).toBeGreaterThan(0);
  await expect(speedup).toHaveAttribute('data-flagged', String(value > Math.min(2, bound) * 1.005));
  await expect(page.getByTestId('run-story-achieved')).toContainText('a speedup of');
  await expect(page.getByTestId('metric-speedup-missing')).toHaveCount(0);

  const svgFile = await exported(page, 'svg');
  expect(svgFile.suggestedFilename()).toMatch(/\.svg$/);
  await svgFile.saveAs(`${SCREENS}/polish-figure.svg`);
  const svg = readFileSync(`${SCREENS}/polish-figure.svg`, 'utf8');
  // The title names the setup; the subtitle the run's own figures with their units.
  expect(svg).toMatch(/data-figure="title"[^>]*>block-stm on 2 workers — dex-rush, 60 txs, seed 1</);
  expect(svg).toMatch(/data-figure="subtitle"[^>]*>60 transactions · \d+ executions \(\d+ re-executions?\) · \d+ aborts? · [\d,]+ ms wall-clock \([\d.,]+× sequential(, cold (run|reference))?\)/);
  // The legend: every colour in words, and the conflict arrow.
  for (const words of ['committed on the first try', 'committed after re-execution', 'aborted: read a value another transaction then changed', 'recovering senders']) expect(svg).toContain(words);
  expect(svg).toContain('data-figure="legend-arrow"');
  // One view, the lanes: not the queue, the metrics or the inspector; and none of the page's hints or controls.
  expect(svg).toContain('Workers over time');
  for (const ui of ['Scheduler queue', 'At the playhead', 'Inspector', 'wheel to zoom', 'click', 'Reset zoom', 'Play']) expect(svg, ui).not.toContain(ui);
  expect(svg).not.toMatch(/<title>/);

  const pngFile = await exported(page, 'png');
  await pngFile.saveAs(`${SCREENS}/polish-figure.png`);
  const png = readFileSync(`${SCREENS}/polish-figure.png`);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  expect(w).toBeGreaterThan(1000); // drawn at twice the CSS size at least
  expect(h).toBeGreaterThan(200);
  expect(h).toBeLessThan(w); // a figure of the lanes, not a screenshot of the page
  // The figure as an image, to look at.
  await page.setContent(`<body style="margin:0;background:#888"><img src="data:image/png;base64,${png.toString('base64')}" style="width:1280px"></body>`);
  await shot(page, '1280-exported-figure');
  expect(errors.page).toEqual([]);
});

test('one lane for sequential, every worker in dag’s busy share, and the phases of a real block labelled on the lanes', async ({ page, errors }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await open(page, 'preset=dex-rush&txs=60&seed=1&strategy=sequential&workers=2');
  await run(page, 1);
  await expect(page.getByTestId('lane-0')).toHaveCount(1);
  await expect(page.getByTestId('lane-1')).toHaveCount(0);
  await expect(page.getByTestId('util-1')).toHaveCount(0);
  // Sequential is its own reference: 1.00×.
  await expect(page.getByTestId('metric-speedup')).toHaveText(/^1\.00×/);

  await page.getByTestId('strategy').selectOption('dag');
  await run(page, 2);
  await expect(page.getByTestId('lane-1')).toHaveCount(1);
  // Both workers listed, the idle one too (dag's chain of swaps leaves one idle).
  await expect(page.getByTestId('util-0')).toHaveCount(1);
  await expect(page.getByTestId('util-1')).toHaveCount(1);

  // A real block: sender recovery first, the state root at the end — named, not a blank tail.
  await open(page, 'block=11814555&strategy=block-stm&workers=2');
  await run(page, 1);
  const labels = page.locator('[data-region=lanes] [data-testid=phase-label]');
  await expect(page.locator('[data-region=lanes] [data-testid=phase-label][data-phase=recover-senders]')).toHaveText('sender recovery');
  await expect(page.locator('[data-region=lanes] [data-testid=phase-label][data-phase=state-root]')).toHaveText('state root');
  // Every label inside the chart.
  const plot = (await page.locator('[data-region=lanes] svg').first().boundingBox())!;
  for (const box of await labels.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
    expect(box.x).toBeGreaterThanOrEqual(plot.x);
    expect(box.x + box.width).toBeLessThanOrEqual(plot.x + plot.width + 1);
  }
  await page.locator('[data-region=lanes]').first().scrollIntoViewIfNeeded();
  await shot(page, '1280-phases');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.keyboard.press('p');
  await expect(page.locator('html')).toHaveClass(/presentation/);
  await page.locator('[data-region=lanes]').first().scrollIntoViewIfNeeded();
  await shot(page, '1920-presentation-phases');
  expect(errors.page).toEqual([]);
});

test('large ratios are written without false precision: a bound of thousands is “2,000×”, not “2000.00×”', async ({ page, errors }) => {
  test.setTimeout(240_000);
  await open(page, 'preset=independent-payments&txs=2000&seed=1&strategy=block-stm&workers=2');
  await run(page, 1);
  await expect(page.getByTestId('run-story-bound')).toContainText(/at most 2,000× sequential/);
  // 1 transaction in 2,000 holds 0.05 % of the gas: “under 1 %”, not “0 %”.
  await expect(page.getByTestId('run-story-bound')).toContainText('(under 1 % of the block’s gas)');
  await expect(page.getByTestId('metric-bound')).toHaveText('2,000×');
  for (const id of ['run-story', 'metric-bound']) expect(await page.getByTestId(id).first().textContent()).not.toMatch(/\d{3,}\.\d+×/);
  expect(errors.page).toEqual([]);
});

test('zoomed lanes follow the playhead on a step, on n and on play', async ({ page, errors }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await open(page, 'preset=dex-rush&txs=60&seed=1&strategy=block-stm&workers=2');
  await run(page, 1);
  const lanes = page.locator('[data-region=lanes]').first();
  const plot = (await lanes.locator('svg').first().boundingBox())!;
  // The playhead is drawn only while it is inside the plot (a layer of its own, moved by transform).
  const inView = async () => {
    const x = await lanes.evaluate((el) => {
      const p = el.querySelector('.playhead');
      return p ? p.getBoundingClientRect().x : null;
    });
    return x !== null && x >= plot.x && x <= plot.x + plot.width;
  };
  await page.keyboard.press('Home');
  // Zoom in on the start of the run (the wheel over the lanes), then jump: the window follows each time.
  await page.mouse.move(plot.x + 140, plot.y + plot.height / 3);
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -400);
  await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeVisible();
  await page.keyboard.press('End');
  await expect.poll(inView, { message: 'the playhead in view after End' }).toBe(true);
  await page.keyboard.press('Home');
  await expect.poll(inView, { message: 'the playhead in view after Home' }).toBe(true);
  await page.keyboard.press('n');
  await expect.poll(inView, { message: 'the playhead in view on the next conflict' }).toBe(true);
  for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(inView, { message: 'the playhead in view after 30 steps' }).toBe(true);
  // Zoomed in, the key labels of arrows reaching outside the window stay inside the chart (the axis's extent).
  const chart = (await lanes.locator('.axis .domain').boundingBox())!;
  const keyBoxes = await lanes.locator('[data-testid=conflict-label]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
  for (const b of keyBoxes) {
    expect(b.x).toBeGreaterThanOrEqual(chart.x - 1);
    expect(b.x + b.width).toBeLessThanOrEqual(chart.x + chart.width + 1);
  }
  await lanes.scrollIntoViewIfNeeded();
  await shot(page, '1280-zoomed-following');
  // Play: the playhead never leaves the window for long.
  await page.keyboard.press('Home');
  await page.getByTestId('play').click();
  for (let i = 0; i < 6; i++) {
    await page.waitForTimeout(400);
    await expect.poll(inView, { message: `the playhead in view while playing (${i})`, timeout: 2_000 }).toBe(true);
  }
  expect(errors.page).toEqual([]);
});

test('hovering a bar, a queue token or a graph node says which transaction it is and what it is doing', async ({ page, errors }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await open(page, 'preset=dex-rush&txs=60&seed=1&strategy=block-stm&workers=2');
  await run(page, 1);
  /** Moves the pointer over `el` on a grid until `read` gives a tip. */
  const sweep = async (selector: string, read: () => Promise<string | null>): Promise<string> => {
    const box = (await page.locator(selector).first().boundingBox())!;
    for (let y = 4; y < box.height; y += 6) {
      for (let x = 4; x < box.width; x += 8) {
        await page.mouse.move(box.x + x, box.y + y);
        const tip = await read();
        if (tip) return tip;
      }
    }
    return '';
  };
  await page.locator('[data-region=lanes]').first().scrollIntoViewIfNeeded();
  const bar = await sweep('[data-region=lanes] svg', () => page.locator('[data-testid=lanes-tip]').first().textContent({ timeout: 50 }).catch(() => null));
  // A bar of a worker's row (its attempt, in the legend's words) or a mark of the scheduler's (its transaction).
  expect(bar).toMatch(/^tx \d+(, execution \d+: (committed on the first try|committed after re-execution|aborted: read a value another transaction then changed)|: committed · \d+ executions? so far)/);
  await page.locator('[data-region=queue]').first().scrollIntoViewIfNeeded();
  const token = await sweep('[data-region=queue] canvas', () => page.locator('[data-region=queue] canvas').first().getAttribute('title'));
  expect(token).toMatch(/^tx \d+: committed · \d+ executions? so far · [\d,]+ gas/);
  await page.getByTestId('dag-graph').scrollIntoViewIfNeeded();
  const node = await sweep('[data-testid=dag-graph]', () => page.getByTestId('dag-graph').getAttribute('title'));
  expect(node).toMatch(/^tx \d+: committed/);
  expect(errors.page).toEqual([]);
});
