import { execFileSync } from 'node:child_process';
import { expect, screenshot, test } from './fixtures.ts';

test.describe('the self-check page', () => {
  test('generates the same scenario bytes as Node and compiles Solidity in a browser worker', async ({ page, errors }) => {
    const nodeDigest = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/preset-digest.ts'], { encoding: 'utf8' }).trim();
    expect(nodeDigest).toMatch(/^[0-9a-f]{64}$/);
    await page.goto('selfcheck.html');
    await expect(page.locator('#done')).toHaveText('done', { timeout: 90_000 });
    await expect(page.locator('#preset-digest')).toHaveText(nodeDigest);
    await expect(page.locator('#compile-good')).toContainText('ok,');
    await expect(page.locator('#compile-cached')).toHaveText('served from the cache');
    await expect(page.locator('#compile-error')).toContainText('Broken.sol:3:');
    await screenshot(page, '07-selfcheck');
    expect(errors.page).toEqual([]);
    expect(errors.console).toEqual([]);
  });
});
