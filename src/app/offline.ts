/**
 * Registers the offline service worker (`public/sw.js`) in the production build only: in dev mode Vite serves
 * modules on the fly and a cache in front of them would serve stale code. Relative to the page, so the site works
 * from any sub-path. A browser without service workers (or a `file:` page) simply stays online-only.
 *
 * It also says when the site is ready to work offline — every file of the build in the worker's cache — so a
 * speaker knows before unplugging: `onOfflineState`.
 */
export type OfflineState = 'off' | 'caching' | 'ready';

let state: OfflineState = 'off';
const listeners = new Set<(s: OfflineState) => void>();

function set(s: OfflineState): void {
  state = s;
  for (const l of listeners) l(s);
}

/** Calls `cb` with the current state and every change; returns the unsubscribe. */
export function onOfflineState(cb: (s: OfflineState) => void): () => void {
  cb(state);
  listeners.add(cb);
  return () => listeners.delete(cb);
}

export function registerOffline(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || location.protocol === 'file:') return;
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register('./sw.js')
      .then(() => watchCache())
      .catch((e: unknown) => console.warn('offline support unavailable:', e));
  });
}

/** Polls the worker's cache until it holds every file the build lists (the worker caches them on install). */
async function watchCache(): Promise<void> {
  set('caching');
  await navigator.serviceWorker.ready;
  const manifest = (await (await fetch('precache.json')).json()) as { version: string; files: string[] };
  for (let delay = 250; ; delay = Math.min(delay * 2, 5_000)) {
    const cache = await caches.open(`parallax-${manifest.version}`);
    // The files, plus the page itself ('./') and the manifest.
    if ((await cache.keys()).length >= manifest.files.length + 2) return set('ready');
    await new Promise((r) => setTimeout(r, delay));
  }
}
