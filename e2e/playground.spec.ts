import { blockHeader, expect, screenshot, shownNumber, test } from './fixtures.ts';

test.describe('the playground', () => {
  test('runs the default DEX rush with block-stm on real workers, streams the trace and verifies against sequential', async ({ page, errors }) => {
    await page.goto('./');
    await expect(page.getByRole('heading', { name: 'Parallax', level: 1 })).toBeVisible();
    await expect(page.getByTestId('scenario')).toHaveValue('dex-rush');
    await expect(page.getByTestId('strategy')).toHaveValue('block-stm');
    const workers = Number(await page.getByTestId('workers').inputValue());
    expect(workers).toBeGreaterThanOrEqual(1);
    await screenshot(page, '01-start');

    await page.getByTestId('run').click();
    // The trace streams in while the run goes: events are listed before the result exists.
    await page.waitForFunction(
      () => document.querySelector('[data-testid=results-pending]') !== null && document.querySelectorAll('[data-testid=events] li').length > 0,
      undefined,
      { polling: 'raf', timeout: 60_000 },
    );
    await expect(page.getByTestId('event-count')).toContainText('so far');
    await screenshot(page, '02-dex-rush-running');
    await expect(page.getByTestId('tx-count')).toHaveText('200', { timeout: 90_000 });

    const reexecutions = await shownNumber(page, 'reexecutions');
    const validations = await shownNumber(page, 'validations');
    expect(reexecutions + validations).toBeGreaterThan(0n);
    expect(await shownNumber(page, 'executions')).toBeGreaterThanOrEqual(200n);
    await expect(page.getByTestId('state-root')).toHaveText(/^0x[0-9a-f]{64}$/);
    await expect(page.getByTestId('receipts-root')).toHaveText(/^0x[0-9a-f]{64}$/);
    await expect(page.getByTestId('worker-busy-0')).toHaveText(/ms$/);
    expect(await page.getByTestId('events').locator('li').count()).toBeGreaterThan(0);
    expect(await shownNumber(page, 'event-count')).toBeGreaterThan(0n);
    await screenshot(page, '03-dex-rush-block-stm');

    await page.getByTestId('verify').click();
    await expect(page.getByTestId('verify-state-root')).toHaveText('✓', { timeout: 90_000 });
    await expect(page.getByTestId('verify-receipts-root')).toHaveText('✓');
    await screenshot(page, '04-dex-rush-verified');

    expect(errors.page).toEqual([]);
    expect(errors.console).toEqual([]);
  });

  test('runs a real mainnet block and reproduces the header gas used and receipts root', async ({ page, errors }) => {
    const header = blockHeader(19426587);
    await page.goto('./');
    await page.getByTestId('scenario').selectOption('block-19426587');
    await expect(page.getByTestId('credit')).toContainText('From the test data of risechain/pevm (MIT licence, © 2024 RISE Labs)');

    await page.getByTestId('run').click();
    await expect(page.getByTestId('tx-count')).toHaveText(String(header.txCount), { timeout: 90_000 });
    expect(await shownNumber(page, 'gas-used')).toBe(header.gasUsed);
    await expect(page.getByTestId('receipts-root')).toHaveText(header.receiptsRoot);
    await expect(page.getByTestId('header-gas-used')).toHaveText('✓');
    await expect(page.getByTestId('header-receipts-root')).toHaveText('✓');
    await expect(page.getByTestId('header-logs-bloom')).toHaveText('✓');
    await screenshot(page, '05-mainnet-19426587');

    expect(errors.page).toEqual([]);
    expect(errors.console).toEqual([]);
  });

  test('Space runs the selected scenario, and the workers are reused across runs', async ({ page, errors }) => {
    await page.goto('./');
    await page.getByTestId('scenario').selectOption('eth');
    await page.getByTestId('strategy').selectOption('sequential');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Space');
    await expect(page.getByTestId('tx-count')).toHaveText('200', { timeout: 90_000 });
    await expect(page.getByTestId('reexecutions')).toHaveText('0');

    await page.getByTestId('strategy').selectOption('block-stm');
    await page.getByTestId('run').click();
    await expect(page.getByTestId('results')).toContainText('block-stm', { timeout: 90_000 });
    await expect(page.getByTestId('tx-count')).toHaveText('200');

    expect(errors.page).toEqual([]);
    expect(errors.console).toEqual([]);
  });

  test('a malformed block shows a readable message instead of breaking the page', async ({ page, errors }) => {
    await page.route('**/blocks/15537394.json', (route) =>
      route.fulfill({ contentType: 'application/json', body: JSON.stringify({ block: { number: 'abc', transactions: [] }, prestate: {} }) }),
    );
    await page.goto('./');
    await page.getByTestId('scenario').selectOption('block-15537394');
    await page.getByTestId('run').click();
    const alert = page.getByTestId('error');
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('blocks/15537394.json');
    await expect(alert).toContainText('block.number');
    await expect(page.getByTestId('run')).toBeEnabled();
    await screenshot(page, '06-malformed-block');

    // The page still works afterwards.
    await page.getByTestId('scenario').selectOption('counter-demo');
    await page.getByTestId('run').click();
    await expect(page.getByTestId('tx-count')).toHaveText('3', { timeout: 90_000 });
    await expect(page.getByTestId('error')).toHaveCount(0);

    expect(errors.page).toEqual([]);
  });

  test('workers that cannot load give a readable message, not an endless respawn loop', async ({ page }) => {
    let workerRequests = 0;
    await page.route('**/worker.browser*', (route) => {
      workerRequests++;
      return route.fulfill({ status: 404, body: 'not here' });
    });
    await page.goto('./');
    await expect(page.getByTestId('error')).toContainText('keep failing', { timeout: 30_000 });
    const settled = workerRequests;
    await page.waitForTimeout(1000);
    expect(workerRequests).toBe(settled);
    await page.getByTestId('run').click();
    await expect(page.getByTestId('error')).toContainText('Reload the page');
    await expect(page.getByTestId('run')).toBeEnabled();
  });
});
