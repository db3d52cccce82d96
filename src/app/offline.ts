/**
 * Registers the offline service worker (`public/sw.js`) in the production build only: in dev mode Vite serves
 * modules on the fly and a cache in front of them would serve stale code. Relative to the page, so the site works
 * from any sub-path. A browser without service workers (or a `file:` page) simply stays online-only.
 */
export function registerOffline(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || location.protocol === 'file:') return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch((e: unknown) => console.warn('offline support unavailable:', e));
  });
}
