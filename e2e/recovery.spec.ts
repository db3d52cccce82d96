/**
 * Sender recovery in the page: the EVM workers fetch the secp256k1 WASM from the site itself, the idle warm-up
 * finishes before the first Run, and a real block's senders recover to its header. When the WASM cannot be fetched,
 * recovery falls back to pure JS, the page says so, and the block still matches its header.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

async function runBlock(page: Page): Promise<void> {
  await page.getByTestId('run').click();
  await expect(page.getByTestId('results')).toHaveAttribute('data-run', '1', { timeout: 120_000 });
  await expect(page.getByTestId('header-gas-used')).toHaveText('✓');
  await expect(page.getByTestId('header-receipts-root')).toHaveText('✓');
  await expect(page.getByTestId('header-logs-bloom')).toHaveText('✓');
}

test('the workers recover senders with the WASM served by the site, after the idle warm-up', async ({ page, context, errors }) => {
  const wasm: { url: string; status: number }[] = [];
  context.on('response', (r) => {
    if (/secp256k1-[\w-]+\.wasm$/.test(r.url())) wasm.push({ url: r.url(), status: r.status() });
  });
  await page.goto('./?block=19426587&strategy=block-stm&workers=2');
  await expect(page.getByTestId('engine-mode')).toHaveAttribute('data-warm', 'warm', { timeout: 120_000 });
  expect(wasm.length).toBeGreaterThanOrEqual(1);
  for (const w of wasm) {
    expect(new URL(w.url).origin).toBe(new URL(page.url()).origin);
    expect(w.status).toBe(200);
  }
  await expect(page.getByTestId('notice-ecrecover')).toHaveCount(0);
  await runBlock(page);
  expect(errors.page).toEqual([]);
});

test('without the WASM, recovery runs in pure JS, the page says so, and the block still matches its header', async ({ page, context, errors }) => {
  await context.route(/secp256k1-[\w-]+\.wasm$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto('./?block=19426587&strategy=block-stm&workers=2');
  await expect(page.getByTestId('notice-ecrecover')).toContainText('pure JavaScript', { timeout: 120_000 });
  await expect(page.getByTestId('notice-ecrecover')).toContainText('404');
  await runBlock(page);
  expect(errors.page).toEqual([]);
});
