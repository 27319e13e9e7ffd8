/**
 * The kernel switch in Chromium against a real jupyter-server (issue 11): the page served by
 * `vite preview`, the server started by tests/jupyter/server.ts with the page's origin allowed
 * (the same flags the README gives a teacher, no XSRF switch-off).
 *
 * Figures: the image/png renderer comes with the `outputs` branch; until it is merged a
 * matplotlib figure from the server shows its text/plain "<Figure size …>", so the figure
 * checks accept an <img> or that text.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { haveJupyter, type RunningServer, startJupyter } from "../jupyter/server.ts";
import { addAndRun, cellById, outputText, setupAppServer, waitForIdle, withApp } from "./harness.ts";

const app = setupAppServer();
let server: RunningServer | undefined;

beforeAll(async () => {
  if (haveJupyter) server = await startJupyter(new URL(app.url).origin);
}, 60_000);
afterAll(() => server?.stop());

function running(): RunningServer {
  if (server === undefined) throw new Error("the jupyter server did not start");
  return server;
}

/** The printed text CPython + numpy gave for each lesson cell (tests/lesson/cpython-output.json). */
const cpython: { cells: { id: string; outputs: { type: string; text: string }[] }[] } = JSON.parse(
  readFileSync(resolve(import.meta.dirname, "../lesson/cpython-output.json"), "utf8"),
);
function cpythonStream(id: string): string {
  const cell = cpython.cells.find((c) => c.id === id);
  return (cell?.outputs ?? []).flatMap((o) => (o.type === "stream" ? [o.text] : [])).join("");
}

function status(page: Page): Locator {
  return page.locator(".kernel-status");
}

/** Opens "Jupyter server…", fills address and token, and asks for the kernel list. */
async function openDialog(page: Page, url: string, token: string): Promise<Locator> {
  await page.getByRole("button", { name: "Jupyter server…" }).click();
  const dialog = page.getByRole("dialog", { name: "Run on a Jupyter server" });
  await dialog.getByLabel("Server address").fill(url);
  await dialog.getByLabel("Token").fill(token);
  await dialog.getByRole("button", { name: "List kernels" }).click();
  return dialog;
}

/** Esc closes the dialog from the field that has the focus after an error. */
async function closeWithEscape(page: Page, dialog: Locator): Promise<void> {
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
}

/** Connects the page to `s`'s python3 kernel through the dialog. */
async function connect(page: Page, s: RunningServer): Promise<void> {
  const dialog = await openDialog(page, s.url, s.token);
  const spec = dialog.getByLabel("Kernel", { exact: true });
  await spec.waitFor({ timeout: 30_000 });
  expect(await spec.inputValue()).toBe("python3");
  await dialog.getByRole("button", { name: "Connect" }).click();
  await dialog.waitFor({ state: "hidden", timeout: 60_000 });
  const host = new URL(s.url).host;
  await expect.poll(() => status(page).textContent()).toContain(`Python 3 (ipykernel) on ${host}`);
}

/** Every cell's source, in order (CodeMirror lines are divs; only innerText keeps the newlines). */
async function sources(page: Page): Promise<string[]> {
  return (
    page
      .locator("section.cell .cm-content")
      // biome-ignore lint/performance/useDomNodeTextContent: see above.
      .evaluateAll((els) => els.map((e) => (e instanceof HTMLElement ? e.innerText : "")))
  );
}

describe.skipIf(!haveJupyter)("a Jupyter server's kernel", () => {
  test("the dialog: Enter opens it with focus inside, Esc closes it and focus comes back", async () => {
    await withApp(app, {}, async ({ page }) => {
      expect(await status(page).textContent()).toContain("Browser (Initlab)");
      const opener = page.getByRole("button", { name: "Jupyter server…" });
      await opener.focus();
      await page.keyboard.press("Enter");
      const dialog = page.getByRole("dialog", { name: "Run on a Jupyter server" });
      await dialog.waitFor();
      expect(await page.evaluate(() => document.activeElement?.getAttribute("inputmode"))).toBe("url");
      await closeWithEscape(page, dialog);
      await dialog.waitFor({ state: "hidden" });
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Jupyter server…");
    });
  });

  test("Run all of the lesson on the server kernel; a slider re-runs its dependents there", async () => {
    await withApp(app, {}, async ({ page }) => {
      await connect(page, running());
      await page.getByRole("button", { name: "Run all", exact: true }).click();
      await waitForIdle(page, 240_000);
      // Every code cell ran, with no error: real numpy's printed numbers, as CPython printed them.
      expect(await page.locator("section.cell-code .output-error").count()).toBe(0);
      for (const id of ["naive-x-stats", "naive-a-stats", "he-a-stats"]) {
        expect(await outputText(page, id), id).toContain(cpythonStream(id).trim().split("\n")[0]);
      }
      // matplotlib's figures: <img> once the image/png renderer is in, else the text fallback.
      const tanh = cellById(page, "deep-tanh");
      expect(
        (await tanh.locator("img").count()) + (await tanh.getByText("<Figure size").count()),
      ).toBeGreaterThan(0);
      expect(await outputText(page, "deep-tanh")).not.toMatch(/\n {3}11 /);

      const depth = cellById(page, "deep-setup").getByRole("slider", { name: "depth" });
      await depth.focus();
      await page.keyboard.press("ArrowRight");
      await expect.poll(async () => (await sources(page)).join("\n")).toContain("depth = 11  #@param");
      await expect.poll(() => outputText(page, "deep-tanh"), { timeout: 120_000 }).toMatch(/\n {3}11 /);
      await waitForIdle(page);
      expect(await outputText(page, "deep-relu")).toMatch(/\n {3}11 /);
      expect(await status(page).textContent()).toContain("Python 3 (ipykernel)");
    });
  }, 300_000);

  test("Interrupt stops while True on the server and the variables survive", async () => {
    await withApp(app, {}, async ({ page }) => {
      await connect(page, running());
      await addAndRun(page, "kept = 41");
      await waitForIdle(page);
      const loop = await addAndRun(page, "n = 0\nwhile True:\n    n += 1");
      await expect.poll(() => loop.locator(".prompt-text").textContent()).toBe("In [*]:");
      await page.waitForTimeout(500);
      await page.getByRole("button", { name: "Interrupt" }).click();
      await waitForIdle(page);
      expect(await loop.locator(".outputs").textContent()).toContain("KeyboardInterrupt");
      const check = await addAndRun(page, "print(kept + 1, n > 0)");
      await waitForIdle(page);
      expect(await check.locator(".outputs").textContent()).toContain("42 True");
    });
  }, 120_000);

  test("a wrong token, a wrong address, nothing listening, CORS refused: each its own message", async () => {
    await withApp(app, {}, async ({ page }) => {
      const s = running();
      const dialog = await openDialog(page, s.url, "not-the-token");
      const alert = dialog.getByRole("alert");
      await expect.poll(() => alert.textContent()).toContain("refused the token (403 Forbidden)");
      expect(await dialog.getByRole("button", { name: "Switch back to the browser kernel" }).count()).toBe(1);
      await closeWithEscape(page, dialog);

      // The page's own server is not a Jupyter server.
      await openDialog(page, app.url, "x");
      await expect.poll(() => alert.textContent()).toContain(`did not answer like a Jupyter server`);
      await closeWithEscape(page, dialog);

      await openDialog(page, "http://127.0.0.1:9/", "x");
      await expect
        .poll(() => alert.textContent())
        .toContain("Could not reach the Jupyter server at http://127.0.0.1:9/");
      await closeWithEscape(page, dialog);

      await openDialog(page, "not a url", "x");
      await expect.poll(() => alert.textContent()).toContain('"not a url" is not a server address');
      await closeWithEscape(page, dialog);

      const elsewhere = await startJupyter("https://another.example");
      try {
        await openDialog(page, elsewhere.url, elsewhere.token);
        await expect
          .poll(() => alert.textContent(), { timeout: 20_000 })
          .toContain(
            `refuses this page's origin (CORS). Start it with --ServerApp.allow_origin=${new URL(app.url).origin}`,
          );
        await dialog.getByRole("button", { name: "Switch back to the browser kernel" }).click();
        await dialog.waitFor({ state: "hidden" });
      } finally {
        elsewhere.stop();
      }
      expect(await status(page).textContent()).toContain("Browser (Initlab)");
    });
  }, 120_000);

  test("the server stops mid-session: the page says so, the notebook is untouched; back to the browser kernel", async () => {
    const doomed = await startJupyter(new URL(app.url).origin);
    try {
      await withApp(app, {}, async ({ page }) => {
        await connect(page, doomed);
        const first = await addAndRun(page, "import sys\nprint(sys.version_info[0])");
        await waitForIdle(page);
        expect(await first.locator(".outputs").textContent()).toContain("3");
        const before = await sources(page);

        doomed.stop();
        const notice = page.locator(".live-notices .notice", { hasText: "Jupyter server at" });
        await notice.waitFor({ timeout: 60_000 });
        expect(await notice.textContent()).toMatch(/does not answer|dropped|died/);
        await expect.poll(() => status(page).textContent()).toMatch(/Reconnecting…|disconnected/);
        expect(await sources(page)).toEqual(before);

        await notice.getByRole("button", { name: "Switch back to the browser kernel" }).click();
        await expect.poll(() => status(page).textContent()).toContain("Browser (Initlab)");
        expect(await page.locator(".live-notices .notice", { hasText: "Jupyter server at" }).count()).toBe(0);
        const again = await addAndRun(page, "print(6 * 7)");
        await waitForIdle(page);
        expect(await again.locator(".outputs").textContent()).toContain("42");
        expect(await sources(page)).toEqual([...before, "print(6 * 7)"]);
      });
    } finally {
      doomed.stop();
    }
  }, 120_000);
});
