/**
 * The service worker's pure parts, shared by the build plugin (vite.config.ts), the worker
 * (sw.ts) and their unit tests: which built files to precache, which cache entry a request
 * maps to, and the cross-origin isolation headers added to every same-origin response.
 * No DOM, no Node: only the fetch API's `Headers` and `Response`.
 */

/** Prefix of every cache the service worker owns; older versions are deleted on activation. */
export const CACHE_PREFIX = "initlab-";

/** The headers that make a document cross-origin isolated (`crossOriginIsolated`). */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  // Every response the worker rewrites is same-origin; saying so keeps it loadable under COEP.
  "Cross-Origin-Resource-Policy": "same-origin",
};

/** Font formats the browser falls back to only when it cannot read a `.woff2` of the same face. */
const FALLBACK_FONT = /\.(woff|ttf|otf|eot)$/;

/**
 * The files of a build to precache, as paths relative to the app's base, sorted: every
 * emitted file except source maps, the service worker itself, and the `.woff`/`.ttf`
 * fallbacks of a font that also ships as `.woff2` (every browser with service workers
 * reads woff2, so the fallbacks would only double the download). The base itself (`./`)
 * is not listed: navigations to it are answered with `index.html` (see `cacheKey`).
 */
export function precacheFiles(fileNames: readonly string[], serviceWorker = "sw.js"): string[] {
  const woff2 = new Set(fileNames.filter((f) => f.endsWith(".woff2")).map(fontFace));
  return [...new Set(fileNames)]
    .filter((f) => f !== serviceWorker && !f.endsWith(".map"))
    .filter((f) => !(FALLBACK_FONT.test(f) && woff2.has(fontFace(f))))
    .sort();
}

/**
 * `assets/KaTeX_Main-Bold-Cx986IdX.woff2` -> `assets/KaTeX_Main-Bold`: the face without Vite's
 * 8-character content hash (base64url, so it may hold `-` or `_`) and without the extension.
 */
function fontFace(fileName: string): string {
  const hashed = /-[\w-]{8}\.[a-z0-9]+$/;
  return hashed.test(fileName) ? fileName.replace(hashed, "") : fileName.replace(/\.[a-z0-9]+$/, "");
}

/**
 * The cache key (an absolute URL) of a GET request under the worker's `scope`: the request's
 * URL without fragment, and for a navigation to the app itself (the scope, or `index.html`
 * with any query) the scope's `index.html`, which the precache holds.
 */
export function cacheKey(requestUrl: string, scope: string, navigation: boolean): string {
  const url = new URL(requestUrl);
  url.hash = "";
  const index = new URL("index.html", scope).href;
  if (navigation) {
    const path = url.origin + url.pathname;
    if (path === new URL(scope).href || path === index) return index;
  }
  return url.href;
}

/**
 * The same response with the isolation headers added. An opaque response (status 0, from a
 * cross-origin no-cors fetch) cannot be read or rebuilt and is returned as it is.
 */
export function withIsolation(response: Response): Response {
  if (response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
