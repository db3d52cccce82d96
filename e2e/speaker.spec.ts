/**
 * The playground in front of a room: every view tells the same story for every strategy (queue, lanes and metrics
 * agree on first-try and re-executed counts), the stage comes first (on Run and from a shared link), presentation mode
 * enlarges the stage and docks the lesson card beside the view it spotlights, a long run asks first, shows its
 * progress and cancels, compare mode times warm rounds with median, spread and a flag, and a link's unknown
 * parameters are named. Screenshots at 1280×720 and 1920×1080 go to e2e/output/screens/speaker-*.
 */
import type { Page } from '@playwright/test';
import { STRATEGY_CATALOG } from '../src/engine/strategies/catalog.ts';
import { expect, test } from './fixtures.ts';

const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/output/screens/speaker-${name}.png` });
const num = async (page: Page, selector: string, attr: string) => Number(await page.locator(selector).first().getAttribute(attr));
const stageTop = (page: Page) => page.getByTestId('stage-area').evaluate((el) => el.getBoundingClientRect().top);

async function ready(page: Page): Promise<void> {
  await expect(page.getByTestId('engine-mode')).toContainText('background worker', { timeout: 30_000 });
}

/** Runs the setup and waits for this run's result and the end of its replay's first frame. */
async function runAndWait(page: Page, run: number): Promise<void> {
  await page.getByTestId('run').click();
  await expect(page.getByTestId('results')).toHaveAttribute('data-run', String(run), { timeout: 120_000 });
  await expect(page.getByTestId('run')).toBeEnabled();
}

test('for every strategy, the queue, the lanes and the metrics agree on first-try and re-executed counts', async ({ page, errors }) => {
  test.setTimeout(600_000);
  await page.goto('./?preset=dex-rush&txs=60&seed=3&strategy=block-stm&workers=2');
  await ready(page);
  let run = 0;
  const seen: string[] = [];
  for (const { name } of STRATEGY_CATALOG) {
    await page.getByTestId('strategy').selectOption(name);
    await runAndWait(page, ++run);
    await page.keyboard.press('End');
    await expect.poll(() => num(page, '[data-testid=metric-committed]', 'data-value')).toBe(60);
    const result = await num(page, '[data-testid=results]', 'data-reexecutions');
    const metric = await num(page, '[data-testid=metric-reexecutions]', 'data-value');
    // The lanes and the queue redraw on the next frame.
    await expect.poll(() => num(page, '[data-region=queue]', 'data-committed-first').then(async (q) => q + (await num(page, '[data-region=queue]', 'data-committed-reexec')))).toBe(60);
    const queue = { first: await num(page, '[data-region=queue]', 'data-committed-first'), reexec: await num(page, '[data-region=queue]', 'data-committed-reexec') };
    const lanes = {
      first: await num(page, '[data-region=lanes]', 'data-committed-first'),
      reexec: await num(page, '[data-region=lanes]', 'data-committed-reexec'),
      reexecutions: await num(page, '[data-region=lanes]', 'data-reexecutions'),
    };
    seen.push(`${name}: result ${result}, metrics ${metric}, lanes ${JSON.stringify(lanes)}, queue ${JSON.stringify(queue)}`);
    expect(metric, name).toBe(result);
    expect(lanes.reexecutions, `${name}: re-execution bars in the lanes`).toBe(metric);
    expect(lanes, `${name}: committed bars in the lanes against tokens in the queue`).toMatchObject({ first: queue.first, reexec: queue.reexec });
    // A transaction committed after a re-execution exactly when there were re-executions.
    expect(queue.reexec > 0, name).toBe(metric > 0);
  }
  console.log(seen.join('\n'));
  expect(errors.page).toEqual([]);
});

test('the stage comes first: on Run, from the intro, and from a shared link that runs at once', async ({ page, errors }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./');
  await ready(page);
  await expect(page.getByTestId('intro')).toBeVisible();
  await shot(page, '1280-01-first-screen');
  // The intro's own Run folds it away and brings the stage up.
  await page.getByTestId('intro-run').click();
  await expect(page.getByTestId('intro')).toHaveCount(0);
  await expect.poll(() => stageTop(page).then(Math.abs)).toBeLessThan(4);
  await expect(page.getByTestId('results')).toHaveAttribute('data-run', '1', { timeout: 120_000 });
  await expect.poll(() => stageTop(page).then(Math.abs)).toBeLessThan(4);
  await shot(page, '1280-02-stage-after-run');

  // The next visit: the intro stays folded, the stage is one Run away.
  await page.reload();
  await ready(page);
  await expect(page.getByTestId('intro')).toHaveCount(0);

  // A shared link with run=1 opens on the stage, already running.
  await page.goto('./?preset=many-pools&txs=80&seed=2&strategy=block-stm&workers=2&run=1');
  await expect(page.getByTestId('run-progress')).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => stageTop(page).then(Math.abs)).toBeLessThan(4);
  await expect(page.getByTestId('results')).toHaveAttribute('data-tx-count', '80', { timeout: 120_000 });
  expect(errors.page).toEqual([]);
});

test('a link’s unknown parameters and lessons are named, and the rest of it still applies', async ({ page, errors }) => {
  await page.goto('./?preset=many-pools&tx=500&lesson=hotpool');
  await expect(page.getByTestId('notice-link-params')).toContainText('"tx" is not a parameter of this page (did you mean "txs"?)');
  await expect(page.getByTestId('notice-link-params')).toContainText('lesson: unknown "hotpool" (did you mean "hot-pool"?');
  await expect(page.getByTestId('preset')).toHaveValue('many-pools');
  expect(errors.page).toEqual([]);
});

/** The spotlit view is inside the window and no part of it is under the lesson card. */
async function spotlitInView(page: Page, region: string): Promise<void> {
  const vp = page.viewportSize()!;
  await expect(page.getByTestId('spotlight')).toHaveAttribute('data-region-target', region);
  await expect
    .poll(async () => {
      const r = (await page.locator(`[data-region=${region}]`).first().boundingBox())!;
      return r.y >= -1 && r.y + r.height <= vp.height + 1 && r.x >= 0 && r.x + r.width <= vp.width;
    }, { message: `the ${region} view inside the window`, timeout: 10_000 })
    .toBe(true);
  const r = (await page.locator(`[data-region=${region}]`).first().boundingBox())!;
  const card = (await page.getByTestId('lesson').boundingBox())!;
  const overlaps = r.x < card.x + card.width && card.x < r.x + r.width && r.y < card.y + card.height && card.y < r.y + r.height;
  expect(overlaps, `the lesson card covers the ${region} view`).toBe(false);
}

for (const size of [{ width: 1920, height: 1080 }, { width: 1280, height: 720 }]) {
  test(`presentation at ${size.width}×${size.height}: large lanes, and the lesson card beside the view it spotlights`, async ({ page, errors }) => {
    test.setTimeout(300_000);
    await page.setViewportSize(size);
    await page.goto('./?lesson=mainnet');
    await ready(page);
    await page.getByTestId('intro-dismiss').click();
    await page.keyboard.press('p');
    await expect(page.locator('html')).toHaveClass(/presentation/);
    const card = page.getByTestId('lesson');
    await card.locator('input[type=radio]').first().check();
    await page.getByTestId('lesson-run').click();
    await expect(page.getByTestId('lesson-reveal')).toBeVisible({ timeout: 180_000 });
    await spotlitInView(page, 'metrics');
    await shot(page, `${size.width}-presentation-lesson-5-metrics`);

    // The lanes fill the screen, with labels readable from the back of the room.
    const lanes = page.locator('[data-region=lanes]').first();
    const rowH = Number(await lanes.getAttribute('data-row-h'));
    const label = await page.getByTestId('lane-0').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(label).toBeGreaterThanOrEqual(20);
    expect(rowH * 3).toBeGreaterThanOrEqual(size.height * 0.3);

    // Lesson 1 is about the lanes: they too are beside the card, not under it.
    await page.getByTestId('lesson-prev').click();
    for (let i = 0; i < 3; i++) await page.getByTestId('lesson-prev').click();
    await expect(card).toHaveAttribute('data-lesson', 'conflicts');
    await card.locator('input[type=radio]').first().check();
    await page.getByTestId('lesson-run').click();
    await expect(page.getByTestId('lesson-reveal')).toBeVisible({ timeout: 180_000 });
    await spotlitInView(page, 'lanes');
    await shot(page, `${size.width}-presentation-lesson-1-lanes`);
    // Lesson 1's setup changes the preset's mix: the setup blurb describes the counters, not "no conflicts".
    await page.keyboard.press('p');
    await expect(page.getByTestId('blurb')).toContainText('increments the one shared counter');
    await expect(page.getByTestId('blurb')).not.toContainText('No conflicts');
    expect(errors.page).toEqual([]);
  });
}

test('presentation at 1920×1080 without a lesson: the lanes and the queue fill the screen', async ({ page, errors }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('./?preset=dex-rush&txs=200&seed=1&strategy=block-stm&workers=2');
  await ready(page);
  await page.getByTestId('intro-dismiss').click();
  await page.keyboard.press('p');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('results')).toHaveAttribute('data-run', '1', { timeout: 120_000 });
  await page.keyboard.press('End');
  await page.locator('[data-region=lanes]').first().scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollTo(0, document.querySelector('[data-region=lanes]')!.getBoundingClientRect().top + window.scrollY - 8));
  const lanes = (await page.locator('[data-region=lanes]').first().boundingBox())!;
  const queue = (await page.locator('[data-region=queue]').first().boundingBox())!;
  expect(lanes.height + queue.height).toBeGreaterThan(1080 * 0.6);
  expect(await page.getByTestId('lane-0').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(22);
  // Each queue column's count and label stay inside the column, above its tokens ("blocked on another tx" wraps).
  const heads = await page.locator('[data-region=queue] .col').evaluateAll((cols) =>
    cols.map((c) => ({ text: c.textContent?.trim(), overflow: c.scrollWidth - c.clientWidth, height: c.getBoundingClientRect().height })),
  );
  expect(heads).toHaveLength(5);
  for (const h of heads) {
    expect(h.overflow, h.text).toBeLessThanOrEqual(0);
    expect(h.height, h.text).toBeLessThanOrEqual(48); // the tokens start 48 px down (QueueView `HEAD`)
  }
  await shot(page, '1920-presentation-stage');
  expect(errors.page).toEqual([]);
});

test('a long run asks first, shows committed of N and the time left, and cancels', async ({ page, errors }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('./?preset=dex-rush&txs=6000&seed=1&strategy=block-stm&workers=2');
  await ready(page);
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[] };
    w.__long = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__long.push(e.duration))).observe({ type: 'longtask' });
  });
  await page.getByTestId('run').click();
  await expect(page.getByTestId('confirm')).toContainText('6,000 transactions');
  await expect(page.getByTestId('results')).toHaveCount(0);
  await shot(page, '1920-long-run-question');
  // Not now: nothing runs; then yes.
  await page.getByTestId('confirm-dismiss').click();
  await expect(page.getByTestId('confirm')).toHaveCount(0);
  await expect(page.getByTestId('run')).toBeEnabled();
  await page.getByTestId('run').click();
  await page.getByTestId('confirm-run').click();
  const progress = page.getByTestId('run-progress');
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('data-total', '6000');
  await expect(page.getByTestId('run-progress-text')).toContainText(/of 6,000 committed · about \d+ (s|min) left/, { timeout: 240_000 });
  const committed = await num(page, '[data-testid=run-progress]', 'data-committed');
  expect(committed).toBeGreaterThan(0);
  expect(committed).toBeLessThan(6_000);
  await shot(page, '1920-long-run-progress');
  const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
  console.log(`main thread while the run went: ${long.length} long tasks, ${Math.round(long.reduce((a, b) => a + b, 0))} ms in all, longest ${Math.round(Math.max(0, ...long))} ms`);
  await page.getByTestId('stage-cancel').click();
  await expect(page.getByTestId('notice-cancelled')).toHaveText(/Run cancelled/, { timeout: 60_000 });
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId('run')).toBeEnabled();
  expect(errors.page).toEqual([]);
});

test('compare: a warm-up, timed rounds, median and spread per strategy, sequential as the reference, flags checked', async ({ page, errors }) => {
  test.setTimeout(400_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./?preset=dex-rush&txs=60&seed=1&strategy=block-stm&workers=2&compare=block-stm,dag');
  await ready(page);
  await page.getByTestId('intro-dismiss').click();
  await page.getByTestId('compare').click();
  // The strategy running now is drawn while it runs.
  await expect(page.getByTestId('compare-live')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('run-progress')).toContainText(/warm-up|round/);
  await shot(page, '1280-compare-running');
  await expect(page.getByTestId('run-progress')).toHaveCount(0, { timeout: 300_000 });
  await expect(page.getByTestId('compare-run')).toHaveCount(3);
  await expect(page.getByTestId('compare-stage')).toContainText('sequential (reference)');
  for (let i = 0; i < 3; i++) {
    await expect(page.getByTestId(`compare-timed-runs-${i}`)).toHaveAttribute('data-value', '3');
    await expect(page.getByTestId(`compare-spread-${i}`)).toHaveText(/^±\d+%$/);
    expect(await num(page, `[data-testid=compare-wall-time-median-ms-${i}]`, 'data-value')).toBeGreaterThan(0);
  }
  let anyFlag = false;
  for (const i of [1, 2]) {
    const cell = page.getByTestId(`compare-speedup-vs-sequential-${i}`);
    const speedup = Number(await cell.getAttribute('data-value'));
    const limit = await num(page, `[data-testid=compare-best-possible-min-of-workers-bound-${i}]`, 'data-value');
    expect(speedup).toBeGreaterThan(0);
    const flagged = (await cell.getAttribute('data-flagged')) === 'true';
    expect(flagged, `speedup ${speedup} against limit ${limit}`).toBe(speedup > limit * 1.005);
    await expect(cell).toHaveText(flagged ? /⚑$/ : /×$/);
    anyFlag ||= flagged;
  }
  await expect(page.getByTestId('compare-flag-note')).toHaveCount(anyFlag ? 1 : 0);
  await page.locator('[data-testid=compare-stage] [data-region=metrics]').scrollIntoViewIfNeeded();
  await shot(page, '1280-compare-table');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.locator('[data-testid=compare-stage] [data-region=metrics]').scrollIntoViewIfNeeded();
  await shot(page, '1920-compare-table');
  expect(errors.page).toEqual([]);
});
