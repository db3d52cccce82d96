import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const SCREENS = 'e2e/output/screens';
const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage });
const rootVar = (page: Page, name: string) => page.evaluate((n) => getComputedStyle(document.documentElement).getPropertyValue(n).trim(), name);
const figure = async (page: Page, name: string) => Number(((await page.locator(`[data-testid=lesson-reveal] [data-figure=${name}]`).first().textContent()) ?? '').replace(/,/g, ''));

test.describe('learning and presenting', () => {
  test('the intro explains the stage on a first visit and stays dismissed after a reload', async ({ page, errors }) => {
    await page.goto('./');
    const intro = page.getByTestId('intro');
    await expect(intro).toBeVisible();
    await expect(intro).toContainText('Lanes');
    await expect(intro).toContainText('committed after re-execution');
    await shot(page, 'learn-01-intro');
    await page.getByTestId('intro-dismiss').click();
    await expect(intro).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('lessons-toggle')).toBeVisible();
    await expect(intro).toHaveCount(0);
    // It comes back on request.
    await page.getByTestId('intro-toggle').click();
    await expect(intro).toBeVisible();
    expect(errors.page).toEqual([]);
  });

  test('a lesson asks for a prediction, runs its scenario, and reveals the answer with the run’s own figures', async ({ page, errors }) => {
    await page.goto('./');
    await page.getByTestId('intro-dismiss').click();
    await page.keyboard.press('l');
    const card = page.getByTestId('lesson');
    await expect(card).toBeVisible();
    await expect(card).toHaveAttribute('data-lesson', 'conflicts');
    await expect(page.getByTestId('lesson-run')).toBeDisabled();

    await card.getByLabel('Only increments of the shared counter').check();
    await expect(page.getByTestId('lesson-run')).toBeEnabled();
    await page.getByTestId('lesson-run').click();
    // The lesson's setup became the page's setup (the link carries it) and the stage runs it.
    await expect(page).toHaveURL(/preset=independent-payments/);
    await expect(page).toHaveURL(/mix=counter:0.5,user-counter:0.5/);
    // The answer waits for the replay: while the stage replays the finished run, the card says so.
    await expect(page.getByTestId('results')).toHaveAttribute('data-run', '1', { timeout: 90_000 });
    await expect(page.getByTestId('lesson-waiting')).toBeVisible();
    await expect(page.getByTestId('lesson-reveal')).toHaveCount(0);
    const reveal = page.getByTestId('lesson-reveal');
    await expect(reveal).toBeVisible({ timeout: 90_000 });
    // …and it comes once the playhead has reached the end of the run: the figures it quotes are the ones shown.
    await expect(page.getByTestId('metric-committed')).toHaveAttribute('data-value', '120');
    await expect(reveal).toContainText('You predicted it.');

    // The reveal quotes this run: the same figures the result and the stage's metrics show.
    await expect(page.getByTestId('tx-count')).toHaveText('120');
    expect(await figure(page, 'txCount')).toBe(120);
    await page.keyboard.press('End');
    const executions = Number(await page.getByTestId('metric-executions').getAttribute('data-value'));
    expect(executions).toBeGreaterThanOrEqual(120);
    expect(await figure(page, 'executions')).toBe(executions);
    expect(await figure(page, 'reexecutions')).toBe(Number(await page.getByTestId('metric-reexecutions').getAttribute('data-value')));

    // The spotlight rings the lanes.
    const ring = page.getByTestId('spotlight');
    await expect(ring).toHaveAttribute('data-region-target', 'lanes');
    const lanes = (await page.locator('[data-region=lanes]').first().boundingBox())!;
    const box = (await ring.boundingBox())!;
    expect(Math.abs(box.x + 6 - lanes.x)).toBeLessThan(2);
    expect(Math.abs(box.width - 12 - lanes.width)).toBeLessThan(2);
    await shot(page, 'learn-02-lesson-revealed');

    await page.getByTestId('lesson-next').click();
    await expect(card).toHaveAttribute('data-lesson', 'recovery');
    await expect(card).toHaveAttribute('data-phase', 'question');
    await page.keyboard.press('Escape');
    await expect(card).toHaveCount(0);
    expect(errors.page).toEqual([]);
  });

  test('presentation mode: large type, high contrast, readable at 1280×720', async ({ page, errors }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('./?lesson=hot-pool');
    await expect(page.getByTestId('lesson')).toHaveAttribute('data-lesson', 'hot-pool');
    await page.getByTestId('intro-dismiss').click();
    const before = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    await page.getByTestId('presentation-toggle').click();
    await expect(page.locator('html')).toHaveClass(/presentation/);
    const after = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    expect(parseFloat(after)).toBeGreaterThan(parseFloat(before));
    expect(parseFloat(after)).toBeGreaterThanOrEqual(20);
    await expect(page.locator('footer')).toBeHidden();
    await shot(page, 'learn-03-presentation-1280x720');
    await page.keyboard.press('p');
    await expect(page.locator('html')).not.toHaveClass(/presentation/);
    expect(errors.page).toEqual([]);
  });

  test('? shows every shortcut, Esc closes it; the theme toggles --bg and is remembered', async ({ page, errors }) => {
    await page.goto('./');
    await page.getByTestId('intro-dismiss').click();
    await page.keyboard.press('?');
    const sheet = page.getByTestId('shortcuts-sheet');
    await expect(sheet).toBeVisible();
    for (const text of ['Space', 'Shift + n', 'Home', 'Esc', 'Presentation mode']) await expect(sheet).toContainText(text);
    await shot(page, 'learn-04-shortcuts');
    await page.keyboard.press('Escape');
    await expect(sheet).toHaveCount(0);

    const first = await page.locator('html').getAttribute('data-theme');
    const bg1 = await rootVar(page, '--bg');
    await shot(page, `learn-05-theme-${first}`);
    await page.getByTestId('theme-toggle').click();
    const second = await page.locator('html').getAttribute('data-theme');
    expect(second).not.toBe(first);
    expect(await rootVar(page, '--bg')).not.toBe(bg1);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe('');
    await shot(page, `learn-06-theme-${second}`);
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', second!);
    // A key typed into a field is text, not a shortcut.
    await page.getByTestId('lessons-toggle').focus();
    const field = page.locator('input[type=number], input[type=text]').first();
    if (await field.count()) {
      await field.focus();
      await page.keyboard.press('t');
      await expect(page.locator('html')).toHaveAttribute('data-theme', second!);
    }
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('t');
    await expect(page.locator('html')).toHaveAttribute('data-theme', first!);
    expect(errors.page).toEqual([]);
  });
});

test('every lesson runs its setup here and its reveal fills every paragraph with the run’s figures', async ({ page, errors }) => {
  test.setTimeout(400_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./');
  await page.getByTestId('intro-dismiss').click();
  await page.getByTestId('presentation-toggle').click();
  await page.keyboard.press('l');
  const card = page.getByTestId('lesson');
  for (let i = 0; i < 6; i++) {
    const id = await card.getAttribute('data-lesson');
    await card.locator('input[type=radio]').first().check();
    await page.getByTestId('lesson-run').click();
    const reveal = page.getByTestId('lesson-reveal');
    await expect(reveal).toBeVisible({ timeout: 120_000 });
    expect(await reveal.getAttribute('data-filled'), `lesson ${id}`).toBe(await reveal.getAttribute('data-paragraphs'));
    await expect(page.getByTestId('spotlight')).toBeVisible();
    await shot(page, `learn-lesson-${i + 1}-${id}`);
    if (i === 0) {
      // Presentation in the other theme too, with a run on the stage.
      await page.keyboard.press('t');
      await shot(page, 'learn-07-presentation-other-theme');
      await page.keyboard.press('t');
    }
    if (i < 5) await page.getByTestId('lesson-next').click();
  }
  expect(errors.page).toEqual([]);
});
