/**
 * The contract editor on the real page ("Your contract" tab): a typed error gets a marker on its line, the fix
 * compiles, the built workload runs on the playground, and the stage shows the conflicts the contract implies.
 */
import { type Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.ts';

/** Replaces the whole text of the open file, as a user pasting would. */
async function replaceText(page: Page, text: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

const contract = (body: string[]) => ['// SPDX-License-Identifier: MIT', 'pragma solidity ^0.8.20;', '', 'contract Tally {', ...body, '}', ''].join('\n');

// Line 8 uses a name that does not exist.
const SHARED_BROKEN = contract(['uint256 public total;', '', 'function bump() external {', 'totl += 1;', '}']);
const SHARED = SHARED_BROKEN.replace('totl', 'total');
const PER_USER = contract(['mapping(address => uint256) public mine;', '', 'function bump() external {', 'mine[msg.sender] += 1;', '}']);

const markers = (page: Page) => page.locator('[data-testid="editor-markers"] li');

async function openEditor(page: Page): Promise<void> {
  await page.goto('./?strategy=block-stm&workers=2');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByTestId('tab-editor').click();
  await expect(page.getByTestId('compile-status')).toHaveText('Compiled: 1 contract', { timeout: 90_000 });
}

/** Builds 16 calls of bump() from 16 senders (one each: no sender's nonce chain), runs them, waits for the stage. */
async function buildAndRun(page: Page): Promise<void> {
  await expect(page.getByTestId('compile-status')).toHaveText('Compiled: 1 contract');
  await expect(page.getByTestId('builder-contract')).toHaveValue('Tally.sol:Tally'); // followed the renamed contract
  await expect(page.getByTestId('calls-0-fn')).toHaveValue('bump()');
  await page.getByTestId('calls-0-count').fill('16');
  await page.getByTestId('build-run').click();
  await expect(page.getByTestId('tab-play')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('tx-count')).toHaveText('16', { timeout: 60_000 });
  await expect(page.getByTestId('result-strategy')).toHaveText('block-stm');
}

test.describe('the contract editor', () => {
  test('marks an error on its line, compiles the fix, and runs the workload: a shared counter conflicts, a per-user one does not', async ({ page, errors }) => {
    await openEditor(page);
    await page.getByRole('button', { name: 'Rename SharedCounter.sol' }).click();
    await page.getByTestId('rename-input').fill('Tally.sol');
    await page.getByTestId('rename-input').press('Enter');

    await replaceText(page, SHARED_BROKEN);
    await expect(page.getByTestId('compile-status')).toHaveText(/^1 error/);
    await expect(markers(page)).toHaveCount(1);
    await expect(markers(page).first()).toHaveAttribute('data-severity', 'error');
    await expect(markers(page).first()).toHaveAttribute('data-file', 'Tally.sol');
    await expect(markers(page).first()).toHaveAttribute('data-line', '8');
    await expect(markers(page).first()).toContainText('Undeclared identifier');
    await expect(page.locator('.monaco-editor .squiggly-error')).toHaveCount(1);
    await expect(page.getByTestId('problem').first()).toContainText('Tally.sol:8:');
    await expect(page.getByTestId('stale-build')).toBeVisible(); // the last good build stays usable
    await screenshot(page, 'editor-01-marker');

    await replaceText(page, SHARED);
    await expect(markers(page)).toHaveCount(0);
    await buildAndRun(page);
    // Every increment depends on the one before: one chain through the block, and block-stm's aborts on the lanes.
    await expect(page.getByTestId('dag-critical-length')).toHaveAttribute('data-value', '16');
    await expect(page.getByTestId('next-conflict')).toBeEnabled();
    // A conflict explained in the contract's own words: its name, its variable, the line of its source.
    await page.keyboard.press('End');
    await page.getByTestId('conflict-arrow').first().click({ force: true });
    const why = page.getByTestId('conflict-explanation');
    await expect(why).toContainText(/wrote Tally\.total \(bump\(\) in Tally\.sol, line 8\)/);
    await expect(page.getByTestId('inspector-function')).toContainText('bump() (Tally)');
    await screenshot(page, 'editor-02-shared-run');

    await page.getByTestId('tab-editor').click();
    await replaceText(page, PER_USER);
    await buildAndRun(page);
    await expect(page.getByTestId('dag-empty')).toBeVisible(); // no transaction read what another wrote
    await expect(page.getByTestId('next-conflict')).toBeDisabled();
    await screenshot(page, 'editor-03-per-user-run');
    await page.getByTestId('tab-editor').click();
    await screenshot(page, 'editor-04-per-user-source');

    // The link reopens the same source, even with local storage gone.
    await expect.poll(() => page.url()).toMatch(/#code=/);
    const link = page.url();
    await page.evaluate(() => localStorage.clear());
    await page.goto('about:blank');
    await page.goto(link);
    await expect(page.getByTestId('compile-status')).toHaveText('Compiled: 1 contract', { timeout: 90_000 });
    // …and its workload: built on arrival, so the page turns to the playground and one click on Run reproduces the run.
    await expect(page.getByTestId('tab-play')).toHaveAttribute('aria-pressed', 'true', { timeout: 60_000 });
    await page.getByTestId('run').click();
    await expect(page.getByTestId('tx-count')).toHaveText('16', { timeout: 60_000 });
    await expect(page.getByTestId('dag-empty')).toBeVisible();
    await page.getByTestId('tab-editor').click();
    await expect(page.locator('.monaco-editor .view-lines')).toContainText('mine[msg.sender]');
    expect(errors.page).toEqual([]);
    expect(errors.console).toEqual([]);
  });

  test('a link whose source does not compile opens with its errors shown', async ({ page, errors }) => {
    await openEditor(page);
    await page.getByTestId('build-run').click(); // the URL follows the editor once its workload is the setup
    await expect.poll(() => page.url()).toContain('#code=');
    const built = page.url();
    await page.getByTestId('tab-editor').click();
    await replaceText(page, SHARED_BROKEN.replace('contract Tally', 'contract SharedCounter'));
    await expect(page.getByTestId('compile-status')).toHaveText(/^1 error/);
    await expect.poll(() => page.url()).not.toBe(built); // the broken source is in the link now
    const link = page.url();
    await page.evaluate(() => localStorage.clear());
    await page.goto('about:blank');
    await page.goto(link);
    await expect(page.getByTestId('compile-status')).toHaveText(/^1 error/, { timeout: 90_000 });
    await expect(markers(page).and(page.locator('[data-line="8"]'))).toHaveCount(1);
    await expect(page.getByTestId('problems')).toContainText('Undeclared identifier');
    expect(errors.page).toEqual([]);
  });
});
