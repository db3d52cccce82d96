/**
 * The built site from a sub-path of a plain static server (no special headers, so no cross-origin isolation), and
 * offline once the service worker has cached it: the default scenario runs both times.
 */
import { expect, test } from './fixtures.ts';
import { serveStatic } from './staticServer.ts';

const DIST = process.env.PW_DIST ?? 'dist';

test('the build runs from a sub-path of a plain static server, then offline', async ({ page, context, errors }) => {
  const server = await serveStatic(DIST, '/sub/path/');
  try {
    await page.goto(`${server.url}?preset=dex-rush&txs=40&seed=1&strategy=block-stm&workers=2`);
    await expect(page.getByTestId('isolation-note')).toContainText('not cross-origin isolated');
    await page.getByTestId('run').click();
    await expect(page.getByTestId('results')).toHaveAttribute('data-run', '1', { timeout: 90_000 });
    const root = await page.getByTestId('state-root').textContent();

    // Wait until the service worker has cached every file of the build.
    const cached = await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      const manifest = (await (await fetch('precache.json')).json()) as { version: string; files: string[] };
      for (let i = 0; i < 600; i++) {
        const cache = await caches.open(`parallax-${manifest.version}`);
        const n = (await cache.keys()).length;
        if (n >= manifest.files.length + 2) return { n, files: manifest.files.length };
        await new Promise((r) => setTimeout(r, 250));
      }
      return { n: -1, files: manifest.files.length };
    });
    console.log(`service worker cached ${cached.n} responses for ${cached.files} files`);
    expect(cached.n).toBeGreaterThan(cached.files);

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId('engine-mode')).toContainText('background worker', { timeout: 30_000 });
    // The EVM workers got the secp256k1 WASM from the cache too: the idle warm-up ends without the pure-JS notice.
    await expect(page.getByTestId('engine-mode')).toHaveAttribute('data-warm', 'warm', { timeout: 120_000 });
    await expect(page.getByTestId('notice-ecrecover')).toHaveCount(0);
    await page.getByTestId('run').click();
    await expect(page.getByTestId('results')).toHaveAttribute('data-run', '1', { timeout: 90_000 });
    await expect(page.getByTestId('state-root')).toHaveText(root!);
    await page.screenshot({ path: 'e2e/output/screens/10-offline-sub-path.png', fullPage: true });
    expect(errors.page).toEqual([]);
  } finally {
    await context.setOffline(false);
    await server.close();
  }
});

test('offline under vite preview (the talk guide set-up): it says "offline ready", then reloads and runs offline', async ({ page, context, errors }) => {
  // vite preview answers with `Vary: Origin`: a cache lookup that honoured it missed every file (a blank page).
  const head = await page.request.get('./');
  console.log(`vite preview Vary: ${head.headers()['vary'] ?? '(none)'}`);
  await page.goto('./?preset=dex-rush&txs=40&seed=1&strategy=block-stm&workers=2');
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 150_000 });
  await context.setOffline(true);
  try {
    await page.reload();
    await expect(page.getByTestId('run')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('run').click();
    await expect(page.getByTestId('results')).toHaveAttribute('data-run', '1', { timeout: 90_000 });
    await page.screenshot({ path: 'e2e/output/screens/10-offline-vite-preview.png' });
    expect(errors.page).toEqual([]);
  } finally {
    await context.setOffline(false);
  }
});
