/**
 * Hostile share links in the real page: a decompression bomb and a quadratic-regex workload. Before, a 2 KB link
 * blocked the tab ~30 s and took ~4 GB, and a 421-character one froze the editor for a minute once it compiled.
 * Now each opens with a notice at once. The budgets are loose (a busy 2-core machine must not flake them); the
 * bugs they guard against were 10–100× over them. The same links are decoded in Node by
 * src/editor/hostileLinks.test.ts.
 */
import { type Page } from '@playwright/test';
import { packText, toBase64Url } from '../src/app/pack.ts';
import { deflateBomb } from '../src/app/testing/deflateBomb.ts';
import { expect, test } from './fixtures.ts';

/** The longest main-thread task since the page started, in ms, and the JS heap now, in MB. */
async function cost(page: Page): Promise<{ longestTaskMs: number; heapMb: number }> {
  return page.evaluate(() => ({
    longestTaskMs: (window as unknown as { __longestTask: number }).__longestTask,
    heapMb: ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 2 ** 20,
  }));
}

const TASK_BUDGET_MS = 5_000;
const HEAP_BUDGET_MB = 400;

/** An editor share string (the format of src/editor/share.ts) holding `json`. */
const share = (json: unknown) => `1.${packText(JSON.stringify(json))}`;
const COUNTER = '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\n\ncontract C {\n    uint256 public n;\n    function bump() external { n += 1; }\n}\n';

test.describe('hostile share links', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { __longestTask: number };
      w.__longestTask = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longestTask = Math.max(w.__longestTask, e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
  });

  const bombs: [string, string][] = [
    ['a 300 MB bomb in the editor string', `#code=1.${toBase64Url(deflateBomb(300e6))}`],
    ['a 1.4 GB bomb packed once more (the old link form, 2 KB)', `#code=${packText(`1.${toBase64Url(deflateBomb(1.4e9))}`)}`],
  ];
  for (const [name, hash] of bombs) {
    test(`${name} is refused with a notice, fast and small`, async ({ page, errors }) => {
      await page.goto(`./?strategy=block-stm&workers=2${hash}`);
      await expect(page.getByTestId('editor-notice').first()).toContainText('The shared contract could not be opened', { timeout: 90_000 });
      const c = await cost(page);
      expect(c.longestTaskMs).toBeLessThan(TASK_BUDGET_MS);
      expect(c.heapMb).toBeLessThan(HEAP_BUDGET_MB);
      expect(errors.page).toEqual([]);
    });
  }

  test('a workload with a million-digit balance opens without it, and the page never freezes', async ({ page, errors }) => {
    const workload = {
      contract: 'C.sol:C',
      constructorArgs: [],
      senders: 4,
      balance: `1.${'0'.repeat(900_000)}1 ether`,
      seed: 1,
      setup: [],
      calls: [{ fn: 'bump()', count: 4, args: [], value: { kind: 'constant', value: '0' }, gas: 100_000 }],
    };
    const hash = `#code=${share({ f: [['C.sol', COUNTER]], a: 'C.sol', w: workload })}`;
    expect(hash.length).toBeLessThan(2_000);
    await page.goto(`./?strategy=block-stm&workers=2${hash}`);
    await expect(page.getByTestId('editor-notice').first()).toContainText('balance: expected at most 200 characters', { timeout: 90_000 });
    // It compiles; before, the automatic build from the link then ran /0+$/ over the balance for minutes.
    await expect(page.getByTestId('compile-status')).toHaveText('Compiled: 1 contract', { timeout: 90_000 });
    const c = await cost(page);
    expect(c.longestTaskMs).toBeLessThan(TASK_BUDGET_MS);
    expect(c.heapMb).toBeLessThan(HEAP_BUDGET_MB);
    expect(errors.page).toEqual([]);
  });
});
