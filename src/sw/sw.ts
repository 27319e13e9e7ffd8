/**
 * The service worker (built to `sw.js` at the app's base by the plugin in vite.config.ts).
 *
 * - Isolation: it answers every same-origin GET, adding COOP/COEP/CORP, so a static host that
 *   sends no headers still yields a `crossOriginIsolated` page (after one reload, see register.ts).
 * - Offline: it precaches the whole build (the list and the version are baked in by the plugin)
 *   and answers from that cache first, so after one visit the app loads and runs with no network.
 * - Updates: a new build is a new `sw.js`; it precaches into a new cache and waits until the page
 *   asks it to take over (the "A new version is ready" notice), then deletes the older caches.
 */
import { CACHE_PREFIX, cacheKey, withIsolation } from "./precache.ts";

declare const self: ServiceWorkerGlobalScope;
/** Filled in by the build: the cache of this version and the files to put in it. */
declare const __INITLAB_SW__: { cache: string; files: string[] };

const { cache: CACHE, files: FILES } = __INITLAB_SW__;

self.addEventListener("install", (event) => {
  event.waitUntil(precache());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
      }
      // Control the page that registered us, so its later requests come from the cache too.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  const data: unknown = event.data;
  if (typeof data === "object" && data !== null && Reflect.get(data, "type") === "skip-waiting") {
    void self.skipWaiting();
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  // DevTools issues these; fetch() rejects them outside same-origin mode.
  if (request.cache === "only-if-cached" && request.mode !== "same-origin") return;
  event.respondWith(respond(request));
});

async function precache(): Promise<void> {
  const cache = await caches.open(CACHE);
  // "no-cache" revalidates with the server: a stale index.html from the HTTP cache would point
  // at the previous build's assets, which this version's cache does not hold.
  const scope = self.registration.scope;
  await cache.addAll(FILES.map((file) => new Request(new URL(file, scope), { cache: "no-cache" })));
}

/** Cache first (this version's), then the network, then any older cache; always with the headers. */
async function respond(request: Request): Promise<Response> {
  const key = cacheKey(request.url, self.registration.scope, request.mode === "navigate");
  const cached = await (await caches.open(CACHE)).match(key);
  if (cached !== undefined) return withIsolation(cached);
  try {
    return withIsolation(await fetch(request));
  } catch (error) {
    const older = await caches.match(key);
    if (older !== undefined) return withIsolation(older);
    throw error;
  }
}
