/**
 * Cancelling a run on the page: Cancel shows while a run goes, stops it with a short neutral notice (not an error),
 * leaves the trace so far on the stage, and the next Run completes. Esc cancels too once nothing is left to close.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** Starts the (long) setup and waits until its trace is streaming onto the stage. */
async function startStreaming(page: Page): Promise<void> {
  await page.getByTestId('run').click();
  await expect(page.getByTestId('cancel')).toBeVisible();
  await expect(page.getByTestId('status')).toContainText('Running block-stm', { timeout: 60_000 });
  await expect(page.getByTestId('lane-0')).toBeVisible({ timeout: 60_000 });
}

async function expectCancelled(page: Page): Promise<void> {
  await expect(page.getByTestId('notice-cancelled')).toHaveText(/Run cancelled/, { timeout: 60_000 });
  await expect(page.getByTestId('cancel')).toHaveCount(0);
  await expect(page.getByTestId('run')).toBeEnabled();
  await expect(page.getByTestId('error')).toHaveCount(0);
  await expect(page.getByTestId('results')).toHaveCount(0);
  // The trace so far stays on the stage.
  await expect(page.getByTestId('lane-0')).toBeVisible();
  await expect(page.getByTestId('stage-empty')).toHaveCount(0);
}

test('a run can be cancelled (button or Esc), says so without an error, and the next run completes', async ({ page, errors }) => {
  // 5,000 swaps on one pool: long enough to cancel on any machine.
  await page.goto('./?preset=dex-rush&txs=5000&seed=1&strategy=block-stm&workers=2');
  await expect(page.getByTestId('engine-mode')).toContainText('background worker', { timeout: 30_000 });
  await expect(page.getByTestId('cancel')).toHaveCount(0);

  await startStreaming(page);
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('notice-cancelled')).toBeVisible({ timeout: 60_000 });
  await expectCancelled(page);
  await page.screenshot({ path: 'e2e/output/screens/10-cancelled.png', fullPage: true });

  // Esc closes the topmost overlay first (here the first-visit intro), then cancels the run.
  await startStreaming(page);
  await expect(page.getByTestId('notice-cancelled')).toHaveCount(0);
  const intro = page.getByTestId('intro');
  if (await intro.isVisible()) {
    await page.keyboard.press('Escape');
    await expect(intro).toHaveCount(0);
    await expect(page.getByTestId('cancel')).toBeVisible();
  }
  await page.keyboard.press('Escape');
  await expectCancelled(page);

  // The next run completes on the same engine.
  await page.getByTestId('knob-txs').fill('40');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('results')).toHaveAttribute('data-run', '1', { timeout: 90_000 });
  await expect(page.getByTestId('results')).toHaveAttribute('data-tx-count', '40');
  await expect(page.getByTestId('run')).toBeEnabled();
  await expect(page.getByTestId('notice-cancelled')).toHaveCount(0);
  await expect(page.getByTestId('error')).toHaveCount(0);
  expect(errors.page).toEqual([]);
});
