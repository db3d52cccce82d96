/*
 * Offline support: on install, cache every file of the build (listed in precache.json by the build) and serve
 * them cache-first. Page loads with any query (?preset=…) get the cached index.html. A new build has a new
 * version: its cache replaces the old one once installed. Paths are relative to this file, so the site works
 * from any sub-path. Only the production build registers it (see src/main.ts): dev mode is untouched.
 */
const PREFIX = 'parallax-';
const scope = new URL('./', self.location.href);
let current; // the cache this worker serves from: looked up once per worker start, not on every request

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const res = await fetch(new URL('precache.json', scope), { cache: 'no-store' });
      if (!res.ok) throw new Error(`precache.json: HTTP ${res.status}`);
      const { version, files } = await res.json();
      current = PREFIX + version;
      const cache = await caches.open(current);
      // precache.json too: the page reads it to say "offline ready", offline as well.
      const urls = ['./', 'precache.json', ...files].map((f) => new URL(f, scope).href);
      // A few at a time: hundreds of parallel requests would starve the page's own first load.
      for (let i = 0; i < urls.length; i += 8) await cache.addAll(urls.slice(i, i + 8));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      const keep = await currentCacheName();
      await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== keep).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

async function currentCacheName() {
  if (current) return current;
  const names = (await caches.keys()).filter((n) => n.startsWith(PREFIX));
  // The newest cache is the one this worker installed (caches.keys() lists in creation order).
  current = names[names.length - 1];
  return current;
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  event.respondWith(
    (async () => {
      const name = await currentCacheName();
      const cache = name && (await caches.open(name));
      if (cache) {
        const key = req.mode === 'navigate' ? new URL(url.pathname, scope).href : req;
        // ignoreVary: a server that answers with `Vary: Origin` (vite preview does) would otherwise make every cached
        // response miss, since the page's request carries no matching Origin header: a blank page offline.
        const hit =
          (await cache.match(key, { ignoreSearch: req.mode === 'navigate', ignoreVary: true })) ??
          (req.mode === 'navigate' ? await cache.match(scope.href, { ignoreVary: true }) : undefined);
        if (hit) return hit;
      }
      return fetch(req);
    })(),
  );
});
