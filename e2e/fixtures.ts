/** Shared pieces of the end-to-end tests: a page that records browser errors, and where screenshots go. */
import { type Page, test as base, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';

export const OUTPUT = 'e2e/output';

/** Browser console errors and uncaught page errors seen during a test. */
export interface BrowserErrors {
  console: string[];
  page: string[];
}

export const test = base.extend<{ errors: BrowserErrors }>({
  errors: async ({ page }, use) => {
    const errors: BrowserErrors = { console: [], page: [] };
    page.on('console', (m) => {
      if (m.type() === 'error') errors.console.push(m.text());
    });
    page.on('pageerror', (e) => errors.page.push(`${e.name}: ${e.message}`));
    await use(errors);
  },
});

export { expect };

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${OUTPUT}/${name}.png`, fullPage: true });
}

/** The number a results-panel value shows (`12,345` → 12345n). */
export async function shownNumber(page: Page, testid: string): Promise<bigint> {
  const text = (await page.getByTestId(testid).textContent()) ?? '';
  return BigInt(text.replace(/[^0-9]/g, '') || 'NaN');
}

/** The header a bundled mainnet block must reproduce, read from the file the site serves. */
export function blockHeader(number: number): { gasUsed: bigint; receiptsRoot: string; txCount: number } {
  const json = JSON.parse(readFileSync(`public/blocks/${number}.json`, 'utf8')) as {
    block: { gasUsed: string; receiptsRoot: string; transactions: unknown[] };
  };
  return { gasUsed: BigInt(json.block.gasUsed), receiptsRoot: json.block.receiptsRoot, txCount: json.block.transactions.length };
}
