/**
 * The Scale lab against the production build: a small preset runs for real, the lab simulates the strategies on
 * 1–128 workers from its trace (in the coordinator worker) and charts them, labelled SIMULATED; a click on a point
 * opens that simulated run on the stage with its badge, where it replays like any run, and its exported trace keeps
 * `simulated`. A broken lab link names the field; asking for more workers than the machine has threads offers a
 * simulated run. The sharding part: shards × latency on a synthetic block with communities, a point opened on the
 * stage. Screenshots at 1280×720 and 1920×1080 go to e2e/output/screens/.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: `e2e/output/screens/${name}.png`, fullPage });
const SMALL = './?preset=many-pools&txs=60&seed=1&strategy=block-stm&workers=2';

async function dismissIntro(page: Page): Promise<void> {
  await page.addInitScript(() => localStorage.setItem('parallax.intro-dismissed', '1'));
}

async function runForReal(page: Page): Promise<void> {
  await expect(page.getByTestId('engine-mode')).toContainText('background worker', { timeout: 30_000 });
  await page.getByTestId('run').click();
  await expect(page.getByTestId('results')).toHaveAttribute('data-run', '1', { timeout: 90_000 });
  await expect(page.getByTestId('run')).toBeEnabled({ timeout: 90_000 });
}

test.describe('the Scale lab', () => {
  test('a real run, the lab charts simulated strategies on 1–128 workers, and a point opens its simulated run on the stage', async ({ page, errors }) => {
    await dismissIntro(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(SMALL);
    await runForReal(page);
    // The lab is not part of the first paint: its code loads when it opens.
    expect(requests.filter((u) => /ScaleLab|ScaleChart/.test(u))).toEqual([]);

    await page.getByTestId('scale-lab-button').click();
    await expect(page).toHaveURL(/[?&]scale=1(&|$)/);
    const lab = page.getByTestId('scale-lab');
    await expect(lab).toBeVisible();
    await expect(page.getByTestId('scale-simulated')).toHaveText('SIMULATED');
    await expect(page.getByTestId('scale-status')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    const chart = page.getByTestId('scale-chart');
    await expect(chart).toHaveAttribute('data-points', '40'); // five strategies × 1, 2, 4, …, 128 workers
    await expect(page.getByTestId('chart-simulated')).toContainText('SIMULATED');
    const workers = await page.getByTestId('scale-point').evaluateAll((els) => [...new Set(els.map((e) => Number(e.getAttribute('data-workers'))))].sort((a, b) => a - b));
    expect(workers).toEqual([1, 2, 4, 8, 16, 32, 64, 128]);
    await expect(page.getByTestId('ceiling-line')).toHaveCount(1);
    await expect(page.getByTestId('scale-status')).toContainText('recorded block-stm × 2 run of many-pools');
    await expect(page.getByTestId('scale-explain')).toContainText(/stops gaining|still gains/);
    await expect(page.getByTestId('scale-explain')).toContainText('Amdahl');
    await page.evaluate(() => document.querySelector('[data-testid="scale-lab"]')?.scrollIntoView({ block: 'start' }));
    await shot(page, 'scale-01-lab-1280x720');

    // gas/s on the y axis, and the js profile with a bigger machine: the chart follows the knobs.
    await page.getByTestId('scale-y-gas').check();
    await expect(page).toHaveURL(/scale-y=gas/);
    await page.getByTestId('scale-profile-js').check();
    await page.getByTestId('scale-cores').fill('16');
    await expect(page).toHaveURL(/scale-profile=js&scale-cores=16/);
    await expect(page.getByTestId('scale-status')).toContainText('js profile, 16 cores', { timeout: 90_000 });
    await expect(page.getByTestId('scale-status')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    await expect(page.getByTestId('chart-simulated')).toContainText('SIMULATED · js profile');
    await page.getByTestId('scale-y-tx').check();

    // A point: that simulated run on the stage, with its badge, replaying like any run.
    // By keyboard (each point is a button): the measured costs can put another strategy's point exactly on top of this
    // one (shards-graph at 158 tx/s over block-stm's 160 in one run), where a mouse click lands on the other.
    const point = page.locator('[data-testid="scale-point"][data-strategy="block-stm"][data-workers="32"]');
    await point.focus();
    await page.keyboard.press('Enter');
    const badge = page.getByTestId('simulated-badge');
    await expect(badge).toBeVisible({ timeout: 60_000 });
    await expect(badge).toContainText('SIMULATED');
    await expect(badge).toContainText('profile js');
    await expect(badge).toContainText('block-stm × 32 virtual workers');
    await expect(page.getByTestId('stage')).toHaveAttribute('data-simulated', 'true');
    await expect(page.getByTestId('simulated-run')).toContainText('block-stm × 32 workers');
    await expect(page).toHaveURL(/scale-point=block-stm:32/);
    await expect(page.getByTestId('results')).toHaveCount(0); // a simulated run has no real result
    // It animates: the playback reaches every commit.
    await expect(page.getByTestId('metric-committed')).toHaveAttribute('data-value', '60', { timeout: 60_000 });
    await shot(page, 'scale-02-simulated-stage-1280x720');

    // Its exported trace says it is simulated.
    await page.getByTestId('exports').click();
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-trace-json').click()]);
    expect(file.suggestedFilename()).toMatch(/block-stm-32-simulated\.trace\.json$/);
    const chunks: Buffer[] = [];
    for await (const c of await file.createReadStream()) chunks.push(c as Buffer);
    const trace = JSON.parse(Buffer.concat(chunks).toString()) as { workers: number; simulated?: { profile: string; source: string } };
    expect(trace.workers).toBe(32);
    expect(trace.simulated?.profile).toBe('js');
    expect(trace.simulated?.source).toMatch(/recorded block-stm × 2 run/);

    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.evaluate(() => document.querySelector('[data-testid="scale-lab"]')?.scrollIntoView({ block: 'start' }));
    await shot(page, 'scale-03-lab-and-stage-1920x1080');
    await shot(page, 'scale-04-full-page-1920x1080', true);

    // Back to the real run: no badge.
    await page.getByTestId('back-to-real').click();
    await expect(badge).toHaveCount(0);
    await expect(page.getByTestId('results')).toBeVisible();
    await expect(page).not.toHaveURL(/scale-point/);

    // A preset's contention: regenerate it with a hot spot and run it for real; the lab simulates from that run.
    await page.getByTestId('scale-hotspot').fill('0.5');
    await page.getByTestId('scale-regenerate').click();
    await expect(page).toHaveURL(/hotSpot=0.5/);
    await expect(page.getByTestId('results')).toHaveAttribute('data-run', '2', { timeout: 90_000 });
    await expect(page.getByTestId('scale-status')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    await expect(page.getByTestId('scale-explain')).toContainText('Hot keys');

    // A synthetic block: contention from the accounts knob.
    await page.getByTestId('scale-block-p2p').check();
    await page.getByTestId('scale-txs').fill('300');
    await page.getByTestId('scale-accounts').fill('20');
    await expect(page.getByTestId('scale-status')).toContainText('300 peer-to-peer transfers among 20 accounts', { timeout: 90_000 });
    await expect(page.getByTestId('scale-status')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    await page.evaluate(() => document.querySelector('[data-testid="scale-lab"]')?.scrollIntoView({ block: 'start' }));
    await shot(page, 'scale-05-synthetic-1920x1080');

    await page.getByTestId('scale-close').click();
    await expect(page.getByTestId('scale-lab')).toHaveCount(0);
    await expect(page).not.toHaveURL(/scale/);
    expect(errors.page).toEqual([]);
    expect(errors.console).toEqual([]);
  });

  test('the sharding question: a synthetic block with communities, shards × latency, and a point opens its simulated run', async ({ page, errors }) => {
    await dismissIntro(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    // A broken value in a link names the field, and the lab opens with its defaults.
    await page.goto('./?scale=1&scale-block=p2p&scale-communities=16&scale-cross=2');
    await expect(page.getByTestId('notice-scale-link')).toContainText('scale-cross: expected a number from 0 to 1, got "2"');
    await expect(page).not.toHaveURL(/scale-cross/);

    await page.goto('./?scale=1&scale-block=p2p&scale-txs=1000&scale-accounts=4000&scale-communities=16&scale-cross=0.05');
    await expect(page.getByTestId('scale-communities')).toHaveValue('16');
    await expect(page.getByTestId('scale-cross')).toHaveValue('0.05');
    await expect(page.getByTestId('scale-status')).toContainText('in 16 communities, 5 % of transfers leaving theirs', { timeout: 90_000 });
    // The knobs refuse a broken value, naming the field, and keep the last good one.
    await page.getByTestId('scale-cross').fill('1.5');
    await expect(page.getByTestId('scale-knob-error')).toHaveText('cross-shard share: expected a number from 0 to 1, got "1.5"');
    await expect(page).toHaveURL(/scale-cross=0.05/);
    await page.getByTestId('scale-cross').fill('0.05');
    await expect(page.getByTestId('scale-knob-error')).toHaveCount(0);
    // The sharding sweep follows the workers sweep: 2 strategies × 1, 2, 4, …, 64 shards × 0, 250, 1,000 µs.
    await expect(page.getByTestId('shard-status')).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
    await expect(page.getByTestId('shard-chart')).toHaveAttribute('data-points', '42');
    await expect(page.getByTestId('shard-chart-simulated')).toContainText('SIMULATED · native profile');
    const attrs = (name: string) => page.getByTestId('shard-point').evaluateAll((els, n) => [...new Set(els.map((e) => Number(e.getAttribute(n))))].sort((a, b) => a - b), name);
    expect(await attrs('data-shards')).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect(await attrs('data-latency')).toEqual([0, 250, 1000]);
    // Hash placement crosses shards for most transfers; graph placement keeps the communities together.
    const crossed = async (strategy: string) => Number(await page.locator(`[data-testid="shard-point"][data-strategy="${strategy}"][data-shards="64"][data-latency="0"]`).getAttribute('data-crossed'));
    expect(await crossed('shards')).toBeGreaterThan(0.8);
    expect(await crossed('shards-graph')).toBeLessThan(0.2);
    await expect(page.getByTestId('shard-crossed')).toHaveCount(14);
    const explain = page.getByTestId('shard-explain');
    await expect(explain).toContainText('This block puts its accounts in 16 communities and sends 5 % of its transfers outside');
    await expect(explain).toContainText('What the network costs');
    await expect(explain).toContainText('Where adding shards stops paying');
    await page.evaluate(() => document.querySelector('[data-testid="shard-panel"]')?.scrollIntoView({ block: 'start' }));
    await shot(page, 'scale-08-sharding-1280x720');

    // A point: that run on the stage, at its own latency, kept in the link.
    await page.locator('[data-testid="shard-point"][data-strategy="shards-graph"][data-shards="16"][data-latency="250"]').click();
    const badge = page.getByTestId('simulated-badge');
    await expect(badge).toContainText('shards-graph × 16 virtual workers', { timeout: 60_000 });
    await expect(page.getByTestId('stage')).toHaveAttribute('data-simulated', 'true');
    await expect(page.getByTestId('simulated-run')).toContainText('16 shards on machines 250 µs apart');
    await expect(page).toHaveURL(/scale-point=shards-graph:16:250/);
    await expect(page.locator('[data-testid="shard-point"][data-strategy="shards-graph"][data-shards="16"][data-latency="250"]')).toHaveClass(/selected/);
    await shot(page, 'scale-09-sharding-point-1280x720');

    // Presentation mode on a big screen: the labels stay inside the chart and readable.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByTestId('presentation-toggle').click();
    await expect(page.locator('html')).toHaveClass(/presentation/);
    await page.evaluate(() => document.querySelector('[data-testid="shard-panel"]')?.scrollIntoView({ block: 'start' }));
    await shot(page, 'scale-10-sharding-presentation-1920x1080');
    expect(errors.page).toEqual([]);
    expect(errors.console).toEqual([]);
  });

  test('a broken lab link names the field; more workers than threads offers a simulated run', async ({ page, errors }) => {
    await dismissIntro(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${SMALL}&scale=1&scale-profile=rust`);
    await expect(page.getByTestId('notice-scale-link')).toContainText('scale-profile: expected js or native, got "rust"');
    await expect(page.getByTestId('scale-lab')).toBeVisible();
    await expect(page).not.toHaveURL(/rust/);
    await page.getByTestId('scale-close').click();

    const threads = await page.evaluate(() => navigator.hardwareConcurrency || 2);
    const asked = Math.min(128, threads * 4);
    await page.getByTestId('workers').fill(String(asked));
    await expect(page.getByTestId('error-workers')).toBeVisible();
    await expect(page.getByTestId('offer-simulate')).toContainText(`simulated run of block-stm on ${asked} workers`);
    await shot(page, 'scale-06-offer-1280x720');
    await page.getByTestId('offer-simulate-open').click();
    // No real run of this scenario yet: the page records one, then opens the simulated run.
    const badge = page.getByTestId('simulated-badge');
    await expect(badge).toContainText(`block-stm × ${asked} virtual workers`, { timeout: 120_000 });
    await expect(page).toHaveURL(new RegExp(`scale-point=block-stm:${asked}`));
    await shot(page, 'scale-07-offered-run-1280x720');
    expect(errors.page).toEqual([]);
    expect(errors.console).toEqual([]);
  });
});
