/**
 * "Why did it conflict?": clicking a conflict arrow (or an aborted bar) explains the conflict in words — the key by
 * name, who wrote it, who read it, the values, the source line — and every run ends with a plain-words summary.
 */
import type { Page } from '@playwright/test';
import { OUTPUT, expect, test } from './fixtures.ts';

/** What the screen shows (not the whole page): what a room sees. */
const shot = (page: Page, name: string) => page.screenshot({ path: `${OUTPUT}/${name}.png` });

async function runDexRush(page: Page): Promise<void> {
  await page.goto('./?preset=dex-rush&txs=60&seed=1&strategy=block-stm&workers=2');
  const intro = page.getByTestId('intro-dismiss');
  if (await intro.isVisible().catch(() => false)) await intro.click();
  await page.getByTestId('run').click();
  await expect(page.getByTestId('results')).toHaveAttribute('data-run', '1', { timeout: 90_000 });
  await expect(page.getByTestId('run')).toBeEnabled({ timeout: 90_000 });
  // The whole run on the stage: every arrow drawn.
  await page.keyboard.press('End');
}

test('clicking a conflict arrow explains it in words: the key by name, writer, reader, values and source line', async ({ page, errors }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await runDexRush(page);
  const aborts = Number(await page.getByTestId('results').getAttribute('data-aborts'));
  expect(aborts, 'a DEX rush on one hot pool aborts on 2 workers').toBeGreaterThan(0);

  // After the run, the summary says where the aborts came from, the bound and what the run achieved.
  const story = page.getByTestId('run-story');
  await expect(story).toBeVisible();
  await expect(page.getByTestId('run-story-aborts')).toContainText(/Pool 0\.reserve[01]|Pool 0 token[01]\.balances\[Pool 0\]/);
  await expect(page.getByTestId('run-story-bound')).toContainText('weighed in gas');
  await expect(page.getByTestId('run-story-achieved')).toContainText('ceiling');

  const arrow = page.getByTestId('conflict-arrow').first();
  await arrow.scrollIntoViewIfNeeded();
  await arrow.click({ force: true });
  const why = page.getByTestId('conflict-explanation');
  await expect(why).toBeVisible();
  // The key in words, never only hex; who wrote it and who read it; and where in Pool.sol or Token.sol.
  await expect(why).toContainText(/wrote (Pool 0\.reserve[01]|Pool 0 token[01]\.balances\[[^\]]+\])/);
  await expect(why).toContainText(/had read it before that write|stopped there/);
  await expect(why).toContainText(/(Pool|Token)\.sol, lines? \d+/);
  const sentences = await why.getByTestId('conflict-sentence').allTextContents();
  expect(sentences.join(' ')).not.toMatch(/0x[0-9a-f]{4}…[0-9a-f]{4}\[/); // the hex form is only the detail line
  await why.scrollIntoViewIfNeeded();
  await shot(page, 'why-01-conflict-explained-1280x720');

  // Presentation mode at 1920×1080: the same explanation, large.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByTestId('presentation-toggle').click();
  await expect(page.locator('html')).toHaveClass(/presentation/);
  await why.scrollIntoViewIfNeeded();
  await shot(page, 'why-02-conflict-explained-presentation-1920x1080');
  expect(errors.page).toEqual([]);
});

test('clicking an aborted bar explains why that attempt was thrown away', async ({ page, errors }) => {
  await runDexRush(page);
  // An arrow ends at the end of the bar it invalidated: click just inside that bar, on the canvas under the arrows.
  const arrow = page.getByTestId('conflict-arrow').last();
  const tx = Number(await arrow.getAttribute('data-tx'));
  const [x, y] = ((await arrow.getAttribute('d')) ?? '').trim().split(' ').at(-1)!.split(',').map(Number);
  const svg = (await page.locator('[data-region=lanes] svg').first().boundingBox())!;
  // The arrows step aside, so the click is the bar's, not the arrow's.
  await page.addStyleTag({ content: '[data-testid=conflict-arrow], [data-testid=conflict-label] { pointer-events: none !important; }' });
  await page.mouse.click(svg.x + x! - 2, svg.y + y!);
  await expect(page.getByTestId('inspector-tx')).toHaveAttribute('data-tx', String(tx));
  const why = page.getByTestId('conflict-explanation');
  await expect(why).toBeVisible();
  await expect(why).toContainText(`Why tx ${tx} `);
  await expect(why).toContainText(/Pool 0\.reserve[01]|Pool 0 token[01]\.balances/);
  expect(errors.page).toEqual([]);
});
