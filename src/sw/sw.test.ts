import { describe, expect, test } from "vitest";
import { cacheKey, ISOLATION_HEADERS, precacheFiles, withIsolation } from "./precache.ts";
import { isolationStep } from "./register.ts";

describe("precacheFiles", () => {
  test("keeps the app, drops maps, the worker itself and font fallbacks of a woff2 face", () => {
    const files = precacheFiles([
      "index.html",
      "sw.js",
      "assets/index-CIYEOJmA.js",
      "assets/index-CIYEOJmA.js.map",
      "assets/worker-CjdlprBZ.js",
      "assets/KaTeX_Main-Bold-Cx986IdX.woff2",
      "assets/KaTeX_Main-Bold-Jm3AIy58.woff",
      "assets/KaTeX_Main-Bold-waoOVXN0.ttf",
      "assets/KaTeX_Math-Italic-t53AETM-.woff2",
      "assets/KaTeX_Math-Italic-flOr_0UB.ttf",
      "assets/KaTeX_Size3-Regular-CTq5MqoE.woff",
      "assets/KaTeX_Size3-Regular-DgpXs0kz.ttf",
      "notebooks/8-4-initializers.ipynb",
      "index.html",
    ]);
    expect(files).toEqual([
      "assets/KaTeX_Main-Bold-Cx986IdX.woff2",
      "assets/KaTeX_Math-Italic-t53AETM-.woff2",
      // No woff2 of this face: its fallbacks are all there is.
      "assets/KaTeX_Size3-Regular-CTq5MqoE.woff",
      "assets/KaTeX_Size3-Regular-DgpXs0kz.ttf",
      "assets/index-CIYEOJmA.js",
      "assets/worker-CjdlprBZ.js",
      "index.html",
      "notebooks/8-4-initializers.ipynb",
    ]);
  });
});

describe("cacheKey", () => {
  const scope = "https://example.org/initlab/";
  test("a navigation to the app is its index.html, with any query and fragment", () => {
    for (const url of [scope, `${scope}?x=1#share=abc`, `${scope}index.html`, `${scope}index.html?y`]) {
      expect(cacheKey(url, scope, true)).toBe(`${scope}index.html`);
    }
  });
  test("other requests keep their URL without the fragment", () => {
    expect(cacheKey(`${scope}assets/a.js#x`, scope, false)).toBe(`${scope}assets/a.js`);
    expect(cacheKey(`${scope}?x=1`, scope, false)).toBe(`${scope}?x=1`);
    expect(cacheKey(`${scope}notebooks/n.ipynb`, scope, true)).toBe(`${scope}notebooks/n.ipynb`);
    expect(cacheKey("https://example.org/other/", scope, true)).toBe("https://example.org/other/");
  });
});

describe("withIsolation", () => {
  test("adds COOP, COEP and CORP and keeps status, other headers and body", async () => {
    const original = new Response("hello", {
      status: 201,
      statusText: "Created",
      headers: { "Content-Type": "text/plain", "Cross-Origin-Embedder-Policy": "unsafe-none" },
    });
    const rewritten = withIsolation(original);
    expect(rewritten.status).toBe(201);
    expect(rewritten.statusText).toBe("Created");
    expect(rewritten.headers.get("content-type")).toBe("text/plain");
    expect(rewritten.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(rewritten.headers.get("cross-origin-embedder-policy")).toBe("require-corp");
    expect(rewritten.headers.get("cross-origin-resource-policy")).toBe("same-origin");
    expect(await rewritten.text()).toBe("hello");
    expect(Object.keys(ISOLATION_HEADERS)).toHaveLength(3);
  });
  test("a bodiless response stays bodiless", () => {
    const rewritten = withIsolation(new Response(null, { status: 204 }));
    expect(rewritten.status).toBe(204);
    expect(rewritten.body).toBeNull();
  });
});

describe("isolationStep", () => {
  test("reloads once, then gives up", () => {
    expect(isolationStep({ isolated: true, canRegister: true, reloaded: false })).toBe("isolated");
    expect(isolationStep({ isolated: true, canRegister: false, reloaded: true })).toBe("isolated");
    expect(isolationStep({ isolated: false, canRegister: true, reloaded: false })).toBe("reload");
    expect(isolationStep({ isolated: false, canRegister: true, reloaded: true })).toBe("unavailable");
    expect(isolationStep({ isolated: false, canRegister: false, reloaded: false })).toBe("unavailable");
  });
});
