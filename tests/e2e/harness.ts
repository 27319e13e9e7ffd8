/**
 * Browser-test harness: serves the built `dist/` with `vite preview` and drives
 * a system Chromium through playwright-core. It never downloads a browser.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(path)) {
    throw new Error(`Chromium not found: install it with "apt-get install chromium" or set CHROMIUM_PATH`);
  }
  return path;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

export interface Preview {
  url: string;
  stop(): Promise<void>;
}

/** Starts `vite preview` on the already-built dist/ at a free port. */
export async function startPreview(): Promise<Preview> {
  if (!existsSync(resolve(ROOT, "dist/index.html"))) {
    throw new Error("dist/ is missing: run `npm run build` (or `npm run test:e2e`, which builds first)");
  }
  const port = await freePort();
  const vite = resolve(ROOT, "node_modules/vite/bin/vite.js");
  const child: ChildProcess = spawn(
    process.execPath,
    [vite, "preview", "--host", "127.0.0.1", "--port", String(port), "--strictPort"],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    log += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    log += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview exited early:\n${log}`);
    try {
      const response = await fetch(url);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`vite preview did not start within 30 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) {
          done();
          return;
        }
        child.once("exit", () => done());
        child.kill();
      }),
  };
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors seen so far. */
  errors: string[];
}

/** Viewport and colour scheme of a browser context (1280 x 900, light by default). */
export interface ViewOptions {
  width?: number;
  height?: number;
  colorScheme?: "light" | "dark";
}

/** A fresh context (no shared storage) with one page at the app URL. */
export async function openApp(browser: Browser, url: string, options: ViewOptions = {}): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? "light",
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(url);
  return { context, page, errors };
}

/** The cell region for a cell id from the lesson file. */
export function cellById(page: Page, id: string) {
  return page.locator(`section[data-cell-id="${id}"]`);
}

/** The prompt of every code cell, in order ("In [3]:"). */
export async function prompts(page: Page): Promise<string[]> {
  return page.locator("section.cell-code .prompt-text").allTextContents();
}

/** Waits until no code cell is queued or running and the kernel says idle. */
export async function waitForIdle(page: Page, timeout = 180_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const busy = Array.from(document.querySelectorAll(".prompt-text")).some(
        (p) => p.textContent === "In [*]:",
      );
      const status = document.querySelector(".kernel-status");
      return !busy && status !== null && status.classList.contains("idle");
    },
    undefined,
    { timeout, polling: 100 },
  );
}

/** The text of a cell's outputs. */
export async function outputText(page: Page, id: string): Promise<string> {
  const outputs = cellById(page, id).locator(".outputs");
  return (await outputs.count()) === 0 ? "" : ((await outputs.textContent()) ?? "");
}

/** Waits for the lesson to be on screen. */
export async function waitForLesson(page: Page): Promise<void> {
  await page.getByRole("heading", { level: 1, name: "8-4. Initializers" }).waitFor({ timeout: 30_000 });
}

/** Selects `fromId` and presses Shift+Enter until `toId` has run (markdown cells are passed over). */
export async function runCells(page: Page, fromId: string, toId: string): Promise<void> {
  const ids = await page
    .locator("section.cell")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-cell-id") ?? ""));
  const from = ids.indexOf(fromId);
  const to = ids.indexOf(toId);
  if (from < 0 || to < from) throw new Error(`runCells: no cells ${fromId}..${toId}`);
  await cellById(page, fromId).locator(".prompt").click();
  await page.keyboard.press("Escape");
  for (let i = from; i <= to; i++) await page.keyboard.press("Shift+Enter");
  await waitForIdle(page);
}

/** The preview server and browser of one test file, available once its `beforeAll` hooks ran. */
export interface AppServer {
  readonly url: string;
  readonly browser: Browser;
}

/**
 * Registers the `beforeAll` that starts `vite preview` and Chromium for the calling test file and the
 * `afterAll` that stops them. Hooks the file registers later run inside these (vitest runs `afterAll`
 * hooks in reverse order), so they may open and close pages.
 */
export function setupAppServer(): AppServer {
  let preview: Preview | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    preview = await startPreview();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
  });
  return {
    get url() {
      if (preview === undefined) throw new Error("setupAppServer: the preview server is not running");
      return preview.url;
    },
    get browser() {
      if (browser === undefined) throw new Error("setupAppServer: the browser is not running");
      return browser;
    },
  };
}

/**
 * Opens the app in a fresh context (at `options.url`, the server's URL by default), waits for the
 * lesson, runs `run`, and closes the context even when `run` throws.
 */
export async function withApp(
  server: AppServer,
  options: ViewOptions & { url?: string },
  run: (opened: OpenedPage) => Promise<void>,
): Promise<void> {
  const opened = await openApp(server.browser, options.url ?? server.url, options);
  try {
    await waitForLesson(opened.page);
    await run(opened);
  } finally {
    await opened.context.close();
  }
}

/** Adds a code cell at the end and types `code` into it; returns the cell (selected, in edit mode). */
export async function addCodeCell(page: Page, code: string) {
  await page
    .locator("section.cell")
    .last()
    .click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Add code cell" }).click();
  const added = page.locator("section.cell.selected");
  await added.locator(".cm-content").click();
  await page.keyboard.insertText(code);
  return added;
}

/** Adds a code cell at the end, types `code`, runs it (Ctrl+Enter); returns the cell. */
export async function addAndRun(page: Page, code: string) {
  const added = await addCodeCell(page, code);
  await page.keyboard.press("Control+Enter");
  return added;
}
