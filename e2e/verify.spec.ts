/**
 * The Verify badge says what a run was checked against, and the block story names a real block's hot keys in words:
 * a generated preset (only sequential can vouch for it; no header), and a shipped mainnet block (header: gas used,
 * receipts root, logs bloom, transactions root; its 37 transaction hashes; not its state root, and why; then
 * sequential). Screenshots at 1280×720 and, in presentation mode, 1920×1080.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/output/screens/${name}.png`, fullPage: false });

async function runAndWait(page: Page): Promise<void> {
  const before = Number((await page.getByTestId('results').getAttribute('data-run', { timeout: 1000 }).catch(() => null)) ?? 0);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('results')).toHaveAttribute('data-run', String(before + 1), { timeout: 90_000 });
  await expect(page.getByTestId('run')).toBeEnabled({ timeout: 90_000 });
}

/** Verify: the page runs sequential by itself after a small parallel run (for the speedup); else click it. */
async function verified(page: Page): Promise<void> {
  const verify = page.getByTestId('verify-state-root');
  await expect(page.getByTestId('run')).toBeEnabled({ timeout: 90_000 });
  if (!(await verify.isVisible())) await page.getByTestId('verify').click();
  await expect(verify).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('verify-badge')).toHaveAttribute('data-state', 'verified');
}

test.describe('the Verify badge', () => {
  test('on a generated preset: no header, so only sequential vouches for the run', async ({ page, errors }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('./?preset=dex-rush&txs=40&seed=1&strategy=block-stm&workers=2');
    await runAndWait(page);
    await verified(page);
    await expect(page.getByTestId('verify-badge-headline')).toHaveText('✓ Verified against sequential');
    await expect(page.getByTestId('verify-badge-not-checked')).toHaveText('Not checked: A block header: this block was made up here, so only the sequential reference can vouch for the run.');
    await expect(page.getByTestId('verify-badge-checked')).toHaveText(
      /^Against the sequential reference: state root, receipts root, logs bloom, gas used, the transaction count and all \d+ receipts match\.$/,
    );
    await expect(page.getByTestId('block-story')).toHaveCount(0); // a made-up block has no real-world story
    await shot(page, 'verify-preset-1280');
    expect(errors.page).toEqual([]);
  });

  test('on a shipped block: the header, the transactions as signed, not the state root (and why), then sequential; hot keys in words', async ({ page, errors }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('./?block=19426587&strategy=block-stm&workers=2');
    await runAndWait(page);
    await verified(page);
    const checked = page.getByTestId('verify-badge-checked');
    await expect(checked).toContainText('Against the block header: gas used, receipts root, logs bloom and transactions root match.');
    await expect(checked).toContainText('Against the bundle’s transaction hashes: 37 transaction hashes match.');
    await expect(page.getByTestId('verify-badge-not-checked')).toContainText(
      'Not checked: The state root, against the header: the pre-state holds only what the block touches, so no run can reproduce it.',
    );
    await expect(page.getByTestId('verify-badge-headline')).toHaveText('✓ Verified against the header and sequential');
    await expect(checked).toContainText('Against the sequential reference: state root, receipts root, logs bloom, gas used, the transaction count and all 37 receipts match.');

    // "What happened" explains the block from its analysis: hot keys in words, the patterns, the critical path.
    const story = page.getByTestId('block-story');
    await expect(story).toHaveAttribute('data-shape', 'mostly independent');
    const hot = page.getByTestId('block-story-hot-keys');
    // Its one sender of three transactions is no hot key: block-stm reads senders lazily (checked at commit).
    await expect(hot).not.toContainText('0x808b…ea52’s nonce and balance');
    await expect(hot).toContainText('token 0xb528…b997’s balanceOf[0x6cc5…da7b] (the mapping at slot 4)');
    await expect(hot).toContainText('WETH’s own ETH balance (what every withdraw() pays out of)');
    await expect(story).toContainText('WETH withdrawals reading a shared balance');
    await expect(page.getByTestId('block-story-critical-path')).toContainText('The speedup bound (6.52×) uses the gas-weighted one');
    await page.getByTestId('verify-badge').scrollIntoViewIfNeeded();
    await shot(page, 'verify-block-1280');
    await story.scrollIntoViewIfNeeded();
    await shot(page, 'verify-block-story-1280');

    // Presentation mode at 1920×1080: the same badge, read from the back of a room.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByTestId('presentation-toggle').click();
    await expect(page.locator('html')).toHaveClass(/presentation/);
    await page.getByTestId('verify-badge').scrollIntoViewIfNeeded();
    await shot(page, 'verify-block-1920-presentation');
    await story.scrollIntoViewIfNeeded();
    await shot(page, 'verify-block-story-1920-presentation');
    expect(errors.page).toEqual([]);
  });

  test('a block whose transactions were swapped: the transactions root names it, and sequential agreeing clears the scheduler', async ({ page, errors }) => {
    // Transactions 2 and 3 of 19,426,587 are plain 21,000-gas transfers between unrelated accounts: swapped, every
    // receipt (and so the receipts root) stays as it was; only the transactions root sees it.
    const bundle = JSON.parse(readFileSync('public/blocks/19426587.json', 'utf8')) as { block: { transactions: unknown[] } };
    const txs = bundle.block.transactions;
    [txs[2], txs[3]] = [txs[3], txs[2]];
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('./?strategy=block-stm&workers=2');
    await expect(page.getByTestId('engine-mode')).toContainText('background worker', { timeout: 30_000 });
    await page.getByTestId('open-file-input').setInputFiles({ name: 'swapped.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bundle)) });
    await expect(page.getByTestId('open-message')).toContainText('Opened Mainnet block 19,426,587', { timeout: 30_000 });
    await runAndWait(page);
    const badge = page.getByTestId('verify-badge');
    await expect(badge).toHaveAttribute('data-state', 'mismatch', { timeout: 90_000 });
    await expect(page.getByTestId('verify-badge-verdict')).toHaveText('Sequential agrees with the parallel run, so the data is the suspect, not the scheduler.', { timeout: 90_000 });
    await expect(page.getByTestId('verify-badge-headline')).toHaveText('✗ Mismatch (transactions root, against the header)');
    await expect(page.getByTestId('verify-badge-mismatch')).toContainText('The transactions root differs from the block header');
    await expect(page.getByTestId('verify-badge-checked')).toContainText('Against the block header: transactions root differs; gas used, receipts root and logs bloom match.');
    await badge.scrollIntoViewIfNeeded();
    await shot(page, 'verify-swapped-1280');
    expect(errors.page).toEqual([]);
  });

  test('a conformance fixture: the state root too, since its pre-state is complete', async ({ page, errors }) => {
    await page.goto('./?strategy=block-stm&workers=2');
    await expect(page.getByTestId('engine-mode')).toContainText('background worker', { timeout: 30_000 });
    await page.getByTestId('open-file-input').setInputFiles('../shared/data/ethereum-tests/BlockchainTests/GeneralStateTests/stSelfBalance/selfBalance.json');
    const go = page.getByTestId('open-pick-go');
    if (await go.isVisible({ timeout: 5_000 }).catch(() => false)) await go.click(); // a file of several tests: the first
    await expect(page.getByTestId('source-kind')).toHaveValue('file', { timeout: 30_000 });
    await runAndWait(page);
    await verified(page);
    await expect(page.getByTestId('verify-badge-checked')).toContainText('Against the block header: gas used, receipts root, logs bloom, state root and transactions root match.');
    await expect(page.getByTestId('verify-badge-not-checked')).toHaveCount(0);
    expect(errors.page).toEqual([]);
  });

  test('the mining-pool block is explained as a chain when senders are read in full, independent when read lazily', async ({ page, errors }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('./?block=11814555&strategy=sequential&workers=1');
    await expect(page.getByTestId('blurb')).toContainText('a mining pool pays its members out of the coinbase');
    await expect(page.getByTestId('blurb')).toContainText('block-stm reads them lazily');
    await runAndWait(page);
    const story = page.getByTestId('block-story');
    await expect(story).toHaveAttribute('data-shape', 'mostly independent', { timeout: 60_000 });
    await expect(page.getByTestId('block-story-hot-keys')).not.toContainText('the miner’s account');
    await expect(story).toContainText('A mining pool paying out from the coinbase: the miner 0x1ad9…5836 sends 577 transactions of the block’s 579 itself');
    await expect(story).toContainText('Senders read lazily: read in full, each sender’s nonce and balance would chain its transactions (a critical path of 577 transactions, bound 1.01×');
    // A sequential run is not checked against itself until Verify is pressed.
    await expect(page.getByTestId('verify-badge-headline')).toHaveText('✓ Matches the header so far; sequential not run yet');
    await expect(page.getByTestId('verify-badge-not-checked')).toContainText('Not checked: The sequential reference: Verify runs it and compares every root and receipt.');
    expect(errors.page).toEqual([]);
  });
});
