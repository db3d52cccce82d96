import { type Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.ts';

/** Replaces the whole text of the open file, as a user pasting would. */
async function replaceText(page: Page, text: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

const contract = (body: string) =>
  ['// SPDX-License-Identifier: MIT', 'pragma solidity ^0.8.20;', '', 'contract Tally {', body, '}', ''].join('\n');

const SHARED_BROKEN = contract(['uint256 public total;', '', 'function bump() external {', 'totl += 1;', '}'].join('\n'));
const SHARED = SHARED_BROKEN.replace('totl', 'total');
const PER_USER = contract(['mapping(address => uint256) public mine;', '', 'function bump() external {', 'mine[msg.sender] += 1;', '}'].join('\n'));

async function buildAndRun(page: Page): Promise<{ edges: number; chain: number; reexecutions: number; aborts: number; failed: number }> {
  await expect(page.getByTestId('compile-status')).toHaveText('Compiled: 1 contract');
  await page.getByTestId('builder-contract').selectOption('Tally.sol:Tally');
  await expect(page.getByTestId('calls-0-fn')).toHaveValue('bump()');
  await page.getByTestId('calls-0-count').fill('16'); // 16 senders: one call each, so no sender's nonce chain
  await page.getByTestId('build-run').click();
  await expect(page.getByTestId('dev-txs')).toHaveText('16', { timeout: 60_000 });
  const n = async (id: string) => Number(await page.getByTestId(id).textContent());
  return { edges: await n('dev-edges'), chain: await n('dev-critical-path'), reexecutions: await n('dev-reexecutions'), aborts: await n('dev-aborts'), failed: await n('dev-failed') };
}

test.describe('the contract editor', () => {
  test('marks an error on its line, compiles the fix, and runs the workload: a shared counter conflicts, a per-user one does not', async ({ page, errors }) => {
    await page.goto('editor.html');
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await expect(page.getByTestId('compile-status')).toHaveText('Compiled: 1 contract', { timeout: 90_000 });

    // Rename the template's file to Tally.sol, then type a contract with an undeclared name on line 8.
    await page.getByRole('button', { name: 'Rename SharedCounter.sol' }).click();
    await page.getByTestId('rename-input').fill('Tally.sol');
    await page.getByTestId('rename-input').press('Enter');
    await replaceText(page, SHARED_BROKEN);
    await expect(page.getByTestId('compile-status')).toHaveText(/^1 error/);
    const marker = page.locator('[data-testid="editor-markers"] li[data-severity="error"]');
    await expect(marker).toHaveCount(1);
    await expect(marker).toHaveAttribute('data-file', 'Tally.sol');
    await expect(marker).toHaveAttribute('data-line', '8');
    await expect(marker).toContainText('Undeclared identifier');
    await expect(page.locator('.monaco-editor .squiggly-error')).toHaveCount(1);
    await expect(page.getByTestId('problem').first()).toContainText('Tally.sol:8:');
    await expect(page.getByTestId('stale-build')).toBeVisible(); // the last good build (the template) stays usable
    await screenshot(page, 'editor-01-marker');

    await replaceText(page, SHARED);
    const shared = await buildAndRun(page);
    await expect(page.locator('[data-testid="editor-markers"] li')).toHaveCount(0);
    expect(shared.failed).toBe(0);
    expect(shared.edges).toBe(15); // every increment depends on the one before
    expect(shared.chain).toBe(16);
    expect(shared.reexecutions + shared.aborts).toBeGreaterThan(0);
    // The stage draws the same run: its dependency view shows one chain through the whole block.
    await expect(page.getByTestId('dag-critical-length')).toHaveAttribute('data-value', '16');
    await screenshot(page, 'editor-02-shared-run');

    await replaceText(page, PER_USER);
    const perUser = await buildAndRun(page);
    expect(perUser.failed).toBe(0);
    expect(perUser.edges).toBe(0);
    expect(perUser.chain).toBe(1);
    expect(perUser.reexecutions + perUser.aborts).toBe(0);
    await expect(page.getByTestId('dag-empty')).toBeVisible();
    await screenshot(page, 'editor-03-per-user-run');

    // The share link in the URL reopens the same source, and the edits were saved locally.
    const url = page.url();
    expect(url).toMatch(/#1\./);
    await page.goto('about:blank');
    await page.goto(url);
    await expect(page.getByTestId('compile-status')).toHaveText('Compiled: 1 contract', { timeout: 60_000 });
    await expect(page.locator('.monaco-editor .view-lines')).toContainText('mine[msg.sender]');
    expect(errors.page).toEqual([]);
    expect(errors.console).toEqual([]);
  });

  test('a shared link whose source does not compile opens with its errors shown', async ({ page, errors }) => {
    await page.goto('editor.html');
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await expect(page.getByTestId('compile-status')).toHaveText('Compiled: 1 contract', { timeout: 90_000 });
    await replaceText(page, SHARED_BROKEN.replace('contract Tally', 'contract SharedCounter'));
    await expect(page.getByTestId('compile-status')).toHaveText(/^1 error/);
    await expect.poll(() => page.url()).toMatch(/#1\./);
    const link = page.url();
    await page.evaluate(() => localStorage.clear());
    await page.goto('about:blank');
    await page.goto(link);
    await expect(page.getByTestId('compile-status')).toHaveText(/^1 error/, { timeout: 60_000 });
    await expect(page.locator('[data-testid="editor-markers"] li[data-line="8"]')).toHaveCount(1);
    await expect(page.getByTestId('problems')).toContainText('Undeclared identifier');
    expect(errors.page).toEqual([]);
  });
});
