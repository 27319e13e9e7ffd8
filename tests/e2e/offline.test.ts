/**
 * The service worker in Chromium: cross-origin isolation under `vite preview` (headers from the
 * server) and under a static server that sends none (headers from the worker, after one reload),
 * the whole lesson run with the network off, the reload-once guard, and the new-version notice.
 */
import { resolve } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NOT_ISOLATED_STATUS } from "../../src/notebook/kernel-switch.ts";
import { NEW_VERSION, NOT_ISOLATED } from "../../src/sw/register.ts";
import { cellById, setupAppServer, waitForIdle, waitForLesson } from "./harness.ts";
import { type StaticServer, startStaticServer } from "./static-server.ts";

const DIST = resolve(import.meta.dirname, "../../dist");
const CACHE_NAME = /initlab-[0-9a-f]{16}/;
const NEXT_CACHE = "initlab-0123456789abcdef";

/** What the static server sends; the tests switch it to play a new deploy or a broken host. */
type Host = "deploy-1" | "deploy-2" | "no-sw" | "sw-without-headers";
let host: Host = "deploy-1";

function serve(path: string, body: Buffer): Buffer | null {
  switch (host) {
    case "deploy-1":
      return body;
    case "deploy-2":
      // A new build: a new worker version, and a changed page to tell the two apart.
      if (path === "sw.js") return Buffer.from(body.toString().replace(CACHE_NAME, NEXT_CACHE));
      if (path === "index.html") {
        return Buffer.from(
          body.toString().replace("<head>", '<head><meta name="initlab-deploy" content="2">'),
        );
      }
      return body;
    case "no-sw":
      return path === "sw.js" ? null : body;
    case "sw-without-headers":
      return path === "sw.js" ? Buffer.from(body.toString().replaceAll("Cross-Origin-", "X-Not-")) : body;
    default: {
      const never: never = host;
      return never;
    }
  }
}

const app = setupAppServer();
let server: StaticServer;

beforeAll(async () => {
  server = await startStaticServer(DIST, { transform: serve });
});

afterAll(async () => {
  await server?.stop();
});

interface Visit {
  context: BrowserContext;
  page: Page;
  errors: string[];
  /** How many times the page has loaded (the first load and every reload). */
  loads: () => number;
}

async function visit(url: string): Promise<Visit> {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  let loads = 0;
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("load", () => {
    loads++;
  });
  await page.goto(url);
  return { context, page, errors, loads: () => loads };
}

/** Polls `crossOriginIsolated` until true, across the worker's reload (which destroys the page's context). */
async function waitForIsolation(page: Page, timeout = 60_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const isolated = await page.evaluate(() => window.crossOriginIsolated).catch(() => false);
    if (isolated) return;
    if (Date.now() > deadline) throw new Error("the page never became crossOriginIsolated");
    await page.waitForTimeout(200);
  }
}

/** Waits until the service worker is active and controls the page (so the precache is complete). */
async function waitForControl(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 60_000,
  });
}

async function cacheNames(page: Page): Promise<string[]> {
  return page.evaluate(() => caches.keys());
}

function notice(page: Page, text: string) {
  return page.locator(".live-notices .notice", { hasText: text });
}

/** A page without isolation says so once, in the kernel status line (not as a notice). */
function notIsolated(page: Page) {
  return page.locator(".kernel-status", { hasText: NOT_ISOLATED_STATUS });
}

describe("cross-origin isolation", () => {
  test("under vite preview the page is isolated at once, and the worker still installs", async () => {
    const v = await visit(app.url);
    try {
      await waitForLesson(v.page);
      expect(await v.page.evaluate(() => window.crossOriginIsolated)).toBe(true);
      await waitForControl(v.page);
      expect(await cacheNames(v.page)).toEqual([expect.stringMatching(CACHE_NAME)]);
      expect(v.loads()).toBe(1);
      expect(await notIsolated(v.page).count()).toBe(0);
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });

  test("a static server sending no headers: the worker adds them and the page reloads once", async () => {
    host = "deploy-1";
    const direct = await fetch(server.url);
    expect(direct.headers.get("cross-origin-opener-policy")).toBeNull();
    expect(direct.headers.get("cross-origin-embedder-policy")).toBeNull();
    const v = await visit(server.url);
    try {
      await waitForIsolation(v.page);
      await waitForLesson(v.page);
      await waitForControl(v.page);
      await v.page.waitForTimeout(1000);
      expect(v.loads()).toBe(2);
      expect(await v.page.evaluate(() => window.crossOriginIsolated)).toBe(true);
      // The kernel worker's script came through the service worker too: it can share memory with the page.
      const kernel = v.page.workers().find((w) => /worker-[\w-]+\.js$/.test(w.url()));
      expect(kernel).toBeDefined();
      expect(await kernel?.evaluate(() => self.crossOriginIsolated)).toBe(true);
      expect(await notIsolated(v.page).count()).toBe(0);
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
    }
  });

  test('under a sub-path (base "./"), the worker\'s scope is that folder', async () => {
    const sub = await startStaticServer(DIST, { prefix: "/initlab/" });
    const v = await visit(sub.url);
    try {
      await waitForIsolation(v.page);
      await waitForLesson(v.page);
      await waitForControl(v.page);
      const scope = await v.page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
      expect(scope).toBe(sub.url);
      expect(v.loads()).toBe(2);
      expect(v.errors).toEqual([]);
    } finally {
      await v.context.close();
      await sub.stop();
    }
  });

  test("a worker that cannot isolate: one reload, then the app runs as it is and says so once", async () => {
    host = "sw-without-headers";
    const v = await visit(server.url);
    try {
      await notIsolated(v.page).waitFor({ timeout: 60_000 });
      await waitForLesson(v.page);
      await v.page.waitForTimeout(2000);
      expect(v.loads()).toBe(2);
      expect(await v.page.evaluate(() => window.crossOriginIsolated)).toBe(false);
      expect(await notIsolated(v.page).count()).toBe(1);
      await cellById(v.page, "imports").locator(".prompt").click();
      await v.page.keyboard.press("Escape");
      await v.page.keyboard.press("Control+Enter");
      await waitForIdle(v.page);
      expect(await cellById(v.page, "imports").locator(".prompt-text").textContent()).toBe("In [1]:");
    } finally {
      await v.context.close();
      host = "deploy-1";
    }
  });

  test("no service worker at all: no reload, the notice once", async () => {
    host = "no-sw";
    const v = await visit(server.url);
    try {
      await waitForLesson(v.page);
      await notIsolated(v.page).waitFor({ timeout: 30_000 });
      await v.page.waitForTimeout(1000);
      expect(v.loads()).toBe(1);
      expect(await notIsolated(v.page).count()).toBe(1);
      expect(await notice(v.page, NOT_ISOLATED).count()).toBe(0);
    } finally {
      await v.context.close();
      host = "deploy-1";
    }
  });
});

describe("offline after the first visit", () => {
  test("with the network off, a reload loads the page and Run all runs the lesson to the end", async () => {
    host = "deploy-1";
    const v = await visit(server.url);
    try {
      await waitForIsolation(v.page);
      await waitForLesson(v.page);
      await waitForControl(v.page);
      server.down = true;
      await v.context.setOffline(true);
      v.errors.length = 0;
      await v.page.reload();
      await waitForLesson(v.page);
      expect(await v.page.evaluate(() => window.crossOriginIsolated)).toBe(true);
      const start = Date.now();
      await v.page.getByRole("button", { name: "Run all", exact: true }).click();
      await waitForIdle(v.page, 300_000);
      console.log(
        `[measure] Run all of the whole lesson, offline: ${((Date.now() - start) / 1000).toFixed(1)} s`,
      );
      expect(await v.page.locator(".output-error").count()).toBe(0);
      const prompts = await v.page.locator("section.cell-code .prompt-text").allTextContents();
      expect(prompts.length).toBeGreaterThan(25);
      for (const prompt of prompts) expect(prompt).toMatch(/^In \[\d+\]:$/);
      const train = (await cellById(v.page, "train").locator(".output-stream").textContent()) ?? "";
      for (const name of ["naive", "Xavier", "He"]) {
        expect(train).toMatch(new RegExp(`${name}: loss \\d\\.\\d{3} -> \\d\\.\\d{3}`));
      }
      // Figures are drawn when they come into view (src/plots/PlotlyFigure.tsx): bring each there.
      const boxes = cellById(v.page, "deep-tanh").locator("figure.plotly-figure");
      for (const box of await boxes.all()) {
        await box.scrollIntoViewIfNeeded();
        await box.locator(".js-plotly-plot").waitFor({ timeout: 60_000 });
      }
      expect(await cellById(v.page, "deep-tanh").locator(".js-plotly-plot").count()).toBe(2);
      expect(v.errors).toEqual([]);
    } finally {
      server.down = false;
      await v.context.close();
    }
  }, 420_000);
});

describe("a new deploy", () => {
  test("is precached on the next visit and offered with a Reload button", async () => {
    host = "deploy-1";
    const v = await visit(server.url);
    try {
      await waitForIsolation(v.page);
      await waitForLesson(v.page);
      await waitForControl(v.page);
      const [first] = await cacheNames(v.page);
      expect(first).toMatch(CACHE_NAME);
      expect(first).not.toBe(NEXT_CACHE);

      host = "deploy-2";
      await v.page.reload();
      await waitForLesson(v.page);
      const offer = notice(v.page, NEW_VERSION);
      await offer.waitFor({ timeout: 60_000 });
      // Until the user accepts, the page is the version it was.
      expect(await v.page.locator('meta[name="initlab-deploy"]').count()).toBe(0);

      await offer.getByRole("button", { name: "Reload" }).click();
      await v.page.locator('meta[name="initlab-deploy"]').waitFor({ state: "attached", timeout: 60_000 });
      await waitForLesson(v.page);
      expect(await v.page.evaluate(() => window.crossOriginIsolated)).toBe(true);
      expect(await cacheNames(v.page)).toEqual([NEXT_CACHE]);
      expect(await notice(v.page, NEW_VERSION).count()).toBe(0);
      expect(v.errors).toEqual([]);
    } finally {
      host = "deploy-1";
      await v.context.close();
    }
  });
});
