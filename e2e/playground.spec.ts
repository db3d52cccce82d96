/**
 * The playground against the production build: the default scenario runs in the coordinator worker and the stage
 * shows what the run did (checked against the run's own result), Verify agrees with sequential, playback steps and
 * stops at conflicts, a share link reproduces the run, a broken link says what is wrong and the page still runs,
 * compare mode shows two strategies, the main thread stays free while the engine works, and the first paint loads
 * neither Monaco nor solc. Screenshots of each screen go to e2e/output/screens/.
 */
import type { Page } from '@playwright/test';
import { blockHeader, expect, shownNumber, test } from './fixtures.ts';

const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/output/screens/${name}.png`, fullPage: true });
const value = async (page: Page, testid: string) => Number(await page.getByTestId(testid).getAttribute('data-value'));

/** The run's own figures, as the result panel carries them. */
async function resultStats(page: Page) {
  const r = page.getByTestId('results');
  const n = async (a: string) => Number(await r.getAttribute(a));
  return {
    txCount: await n('data-tx-count'),
    executions: await n('data-executions'),
    reexecutions: await n('data-reexecutions'),
    aborts: await n('data-aborts'),
    workers: await n('data-workers'),
  };
}

/** Runs the setup and waits for this run's result (not one restored from the last visit). */
async function runAndWait(page: Page): Promise<void> {
  const before = Number((await page.getByTestId('results').getAttribute('data-run', { timeout: 1000 }).catch(() => null)) ?? 0);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('results')).toHaveAttribute('data-run', String(before + 1), { timeout: 90_000 });
  await expect(page.getByTestId('run')).toBeEnabled({ timeout: 90_000 });
}

test.describe('the playground', () => {
  test('the default DEX rush runs off the main thread, the stage shows the result, and Verify agrees with sequential', async ({ page, errors }) => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto('./');
    await expect(page.getByRole('heading', { name: 'Parallax', level: 1 })).toBeVisible();
    await expect(page.getByTestId('preset')).toHaveValue('dex-rush');
    await expect(page.getByTestId('knob-txs')).toHaveValue('200');
    await expect(page.getByTestId('strategy')).toHaveValue('block-stm');
    await expect(page.getByTestId('engine-mode')).toContainText('background worker', { timeout: 30_000 });
    await shot(page, '01-first-screen');
    // The first paint carries neither the editor (Monaco) nor the compiler (solc).
    expect(requests.filter((u) => /monaco|editor\.api|ContractEditor|soljson|solidity/i.test(u))).toEqual([]);

    // Measure the main thread's longest frame gap while the engine works: it should only draw.
    await page.evaluate(() => {
      const w = window as unknown as { __gap: number; __stop: boolean };
      w.__gap = 0;
      w.__stop = false;
      let last = performance.now();
      const tick = (now: number) => {
        // A screenshot stalls frames on purpose; those gaps are the test's, not the page's.
        if (!(w as unknown as { __paused?: boolean }).__paused) w.__gap = Math.max(w.__gap, now - last);
        last = now;
        if (!w.__stop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.keyboard.press('Space'); // Space runs the setup
    await expect(page.getByTestId('live')).toBeVisible({ timeout: 30_000 });
    await page.evaluate(() => ((window as unknown as { __paused: boolean }).__paused = true));
    await shot(page, '02-running-live');
    await page.evaluate(() => ((window as unknown as { __paused: boolean }).__paused = false));
    await expect(page.getByTestId('results')).toHaveAttribute('data-run', '1', { timeout: 90_000 });
    const gap = await page.evaluate(() => {
      const w = window as unknown as { __gap: number; __stop: boolean };
      w.__stop = true;
      return w.__gap;
    });
    console.log(`longest main-thread frame gap during the run: ${gap.toFixed(0)} ms`);
    expect(gap).toBeLessThan(1000);

    const stats = await resultStats(page);
    expect(stats.txCount).toBe(200);
    expect(stats.aborts + stats.reexecutions).toBeGreaterThan(0); // the hot pool conflicts
    await expect(page.getByTestId('state-root')).toHaveText(/^0x[0-9a-f]{64}$/);

    // At the end of the run the stage's figures are the result's.
    await page.keyboard.press('End');
    await expect.poll(() => value(page, 'metric-committed')).toBe(stats.txCount);
    expect(await value(page, 'metric-executions')).toBe(stats.executions);
    expect(await value(page, 'metric-aborts')).toBe(stats.aborts);
    expect(await value(page, 'queue-committed')).toBe(stats.txCount);
    for (let w = 0; w < stats.workers; w++) expect(Number(await page.getByTestId(`lane-${w}`).getAttribute('data-bars'))).toBeGreaterThan(0);
    await expect(page.getByTestId(`lane-${stats.workers}`)).toHaveCount(0);
    await shot(page, '03-dex-rush-done');

    await page.getByTestId('verify').click();
    await expect(page.getByTestId('verify-state-root')).toHaveText('✓', { timeout: 90_000 });
    await expect(page.getByTestId('verify-receipts-root')).toHaveText('✓');
    await expect(page.getByTestId('metric-speedup')).toBeVisible();
    await shot(page, '04-verified');

    // Playback: back to the start, step one event, stop at the first conflict, scrub.
    await page.keyboard.press('Home');
    await expect.poll(() => page.getByTestId('playback-time').getAttribute('data-t').then(Number)).toBe(0);
    await page.getByTestId('step-forward').click();
    await expect.poll(() => page.getByTestId('playback-time').getAttribute('data-t').then(Number)).toBeGreaterThan(0);
    await page.getByTestId('next-conflict').click();
    await expect(page.getByTestId('stopped-at')).toContainText('stopped at a conflict: tx');
    const atConflict = Number(await page.getByTestId('playback-time').getAttribute('data-t'));
    expect(await value(page, 'metric-committed')).toBeLessThan(stats.txCount);
    await shot(page, '05-stopped-at-conflict');
    await page.getByTestId('scrubber').fill('0');
    await expect.poll(() => page.getByTestId('playback-time').getAttribute('data-t').then(Number)).toBeLessThan(atConflict);
    // ] and [ double and halve the playback speed (one log-scale step of the slider each).
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const speed = () => page.getByTestId('speed').inputValue().then(Number);
    const before = await speed();
    await page.keyboard.press('[');
    await expect.poll(speed).toBeLessThan(before);
    await page.keyboard.press(']');
    await expect.poll(speed).toBeCloseTo(before, 1);

    expect(errors.page).toEqual([]);
    expect(errors.console).toEqual([]);
  });

  test('a share link reproduces the setup and the state root', async ({ page, context, errors }) => {
    await page.goto('./');
    await page.getByTestId('preset').selectOption('mixed-defi');
    await page.getByTestId('knob-txs').fill('60');
    await page.getByTestId('knob-seed').fill('7');
    await page.getByTestId('knob-pools').fill('2');
    await page.getByTestId('strategy').selectOption('dag');
    await expect(page).toHaveURL(/preset=mixed-defi&txs=60&seed=7&pools=2&strategy=dag/);
    await runAndWait(page);
    const root = await page.getByTestId('state-root').textContent();
    const link = page.url();

    const other = await context.newPage();
    await other.goto(link);
    await expect(other.getByTestId('preset')).toHaveValue('mixed-defi');
    await expect(other.getByTestId('knob-txs')).toHaveValue('60');
    await expect(other.getByTestId('knob-seed')).toHaveValue('7');
    await expect(other.getByTestId('knob-pools')).toHaveValue('2');
    await expect(other.getByTestId('strategy')).toHaveValue('dag');
    await runAndWait(other);
    await expect(other.getByTestId('state-root')).toHaveText(root!);
    await shot(other, '06-shared-link');
    expect(errors.page).toEqual([]);
  });

  test('a broken link says which field is wrong, and the default scenario still runs', async ({ page, errors }) => {
    await page.goto('./?preset=dex-rush&workers=abc');
    await expect(page.getByTestId('notice-link')).toContainText('workers: expected a whole number from 1 to 64, got "abc"');
    await expect(page.getByTestId('preset')).toHaveValue('dex-rush');
    await shot(page, '07-broken-link');
    await runAndWait(page);
    expect((await resultStats(page)).txCount).toBe(200);

    await page.goto(`./#code=${'%'.repeat(20)}`);
    await expect(page.getByTestId('notice-link')).toContainText('code: not base64url');
    await page.getByTestId('knob-hotSpot').fill('2');
    await expect(page.getByTestId('error-hotSpot')).toHaveText('expected a number from 0 to 1, got 2');
    expect(errors.page).toEqual([]);
  });

  test('compare mode runs two strategies on the same scenario side by side', async ({ page, errors }) => {
    await page.goto('./?preset=dex-rush&txs=80&seed=1&strategy=block-stm&workers=2&compare=sequential,block-stm');
    await expect(page.getByTestId('compare-sequential')).toBeChecked();
    await page.getByTestId('compare').click();
    await expect(page.getByTestId('compare-run')).toHaveCount(2, { timeout: 120_000 });
    await expect(page.getByTestId('run')).toBeEnabled({ timeout: 60_000 });
    await expect(page.getByTestId('compare-stage')).toContainText('sequential');
    await expect(page.getByTestId('compare-stage')).toContainText('block-stm');
    await shot(page, '08-compare');
    expect(errors.page).toEqual([]);
  });

  test('a real mainnet block reproduces its header', async ({ page, errors }) => {
    const header = blockHeader(19426587);
    await page.goto('./?block=19426587&strategy=block-stm&workers=2');
    await expect(page.getByTestId('credit')).toContainText('risechain/pevm (MIT licence, © 2024 RISE Labs)');
    await runAndWait(page);
    expect((await resultStats(page)).txCount).toBe(header.txCount);
    expect(await shownNumber(page, 'gas-used')).toBe(header.gasUsed);
    await expect(page.getByTestId('header-gas-used')).toHaveText('✓');
    await expect(page.getByTestId('header-receipts-root')).toHaveText('✓');
    await expect(page.getByTestId('header-logs-bloom')).toHaveText('✓');
    await shot(page, '09-mainnet-block');

    // Exports: the trace as JSON and as a Chrome trace, the view as SVG and PNG, the metrics as CSV.
    const saved = async (what: string) => {
      await page.getByTestId('exports').click();
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${what}`).click()]);
      const stream = await file.createReadStream();
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      return { name: file.suggestedFilename(), body: Buffer.concat(chunks) };
    };
    const json = await saved('trace-json');
    expect(json.name).toMatch(/\.trace\.json$/);
    const trace = JSON.parse(json.body.toString()) as { txCount: number; events: { kind: string }[] };
    expect(trace.txCount).toBe(header.txCount);
    expect(trace.events.at(-1)?.kind).toBe('run-end');
    const chrome = JSON.parse((await saved('chrome-trace')).body.toString()) as { traceEvents: { ph: string }[] };
    expect(chrome.traceEvents.filter((e) => e.ph === 'X').length).toBeGreaterThan(0);
    expect((await saved('svg')).body.toString()).toMatch(/^<svg|<\?xml/);
    expect((await saved('png')).body.subarray(1, 4).toString()).toBe('PNG');
    expect((await saved('csv')).body.toString().split('\n').length).toBeGreaterThan(2);
    expect(errors.page).toEqual([]);
  });
});

test('the setup and the last run survive a reload; damaged storage is ignored with a notice', async ({ page, errors }) => {
  await page.goto('./?preset=nft-mint&txs=40&seed=2&strategy=occ-rounds&workers=1');
  await runAndWait(page);
  const root = await page.getByTestId('state-root').textContent();
  await page.goto('./');
  await expect(page.getByTestId('preset')).toHaveValue('nft-mint');
  await expect(page.getByTestId('strategy')).toHaveValue('occ-rounds');
  await expect(page.getByTestId('state-root')).toHaveText(root!);
  await page.evaluate(() => localStorage.setItem('parallax.playground', '{not json'));
  await page.reload();
  await expect(page.getByTestId('notice-storage')).toContainText('could not be used (it is not valid JSON)');
  await expect(page.getByTestId('preset')).toHaveValue('dex-rush');
  expect(errors.page).toEqual([]);
});

test('without the background worker the engine runs on the page, says so, and still verifies', async ({ page, errors }) => {
  await page.goto('./?preset=erc20-airdrop&txs=30&seed=1&strategy=block-stm&workers=2&engine=page');
  await expect(page.getByTestId('notice-engine')).toContainText('The engine runs on the page');
  await expect(page.getByTestId('engine-mode')).toContainText('runs on this page');
  await runAndWait(page);
  await page.getByTestId('verify').click();
  await expect(page.getByTestId('verify-state-root')).toHaveText('✓', { timeout: 90_000 });
  expect(errors.page).toEqual([]);
});
