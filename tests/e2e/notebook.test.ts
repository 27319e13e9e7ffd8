/**
 * The teacher's path through the lesson in Chromium: Run all, Shift+Enter,
 * edit a parameter, restart, and the keyboard shortcuts.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { cellById, outputText, prompts, runCells, setupAppServer, waitForIdle, withApp } from "./harness.ts";

const app = setupAppServer();

/** The cells of the original seed lesson that print a mean and a variance. */
const STATS_CELLS = [
  "naive-x-stats",
  "naive-w-stats",
  "naive-a-stats",
  "xavier-x-stats",
  "xavier-w-stats",
  "xavier-a-stats",
];
const NUMBER = /^-?\d+(\.\d+)?(e[-+]?\d+)?$/;

async function statsLines(page: Page, id: string): Promise<string[]> {
  return (await outputText(page, id)).trim().split("\n");
}

async function runAll(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Run all", exact: true }).click();
  await waitForIdle(page);
}

async function replaceSource(page: Page, id: string, source: string): Promise<void> {
  const editor = cellById(page, id).locator(".cm-content");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(source);
}

describe("the lesson in the browser", () => {
  test("Run all fills every seed cell's output, without errors", async () => {
    await withApp(app, {}, async ({ page, errors }) => {
      await runAll(page);
      expect(await outputText(page, "naive-a")).toContain("array([[");
      expect(await outputText(page, "xavier-a")).toContain("array([[");
      for (const id of STATS_CELLS) {
        const lines = await statsLines(page, id);
        expect(lines, id).toHaveLength(2);
        for (const line of lines) expect(line, id).toMatch(NUMBER);
      }
      expect(await page.locator(".output-error").count()).toBe(0);
      expect(await page.locator(".cancelled").count()).toBe(0);
      const counts = await prompts(page);
      expect(counts).toEqual(counts.map((_, i) => `In [${i + 1}]:`));
      expect(errors).toEqual([]);
    });
  });

  test("Run all stops at the first error: the cells after it are not run", async () => {
    await withApp(app, {}, async ({ page }) => {
      await replaceSource(
        page,
        "naive-forward",
        "x = np.random.randn(4, 10)\nw = np.random.rand(10, 5) * undefined_scale",
      );
      await page.keyboard.press("Escape");
      await runAll(page);
      const error = cellById(page, "naive-forward").locator(".output-error");
      await expect(error.textContent()).resolves.toContain(
        "NameError: name 'undefined_scale' is not defined",
      );
      // The cells queued behind it were dropped, as Jupyter drops them: no count, no output.
      for (const id of ["naive-a", "naive-x-stats", "xavier-a"]) {
        await expect(outputText(page, id), id).resolves.toBe("");
        await expect(cellById(page, id).locator(".prompt-text").textContent(), id).resolves.toBe("In [ ]:");
      }
      expect(await page.locator(".cancelled").count()).toBeGreaterThan(20);
    });
  });

  test("Shift+Enter walks through the cells and runs the code ones", async () => {
    await withApp(app, {}, async ({ page }) => {
      const first = cellById(page, "imports");
      await first.click({ position: { x: 5, y: 5 } });
      await page.keyboard.press("Escape");
      // Up to the end of the seed part: imports .. xavier-a-stats.
      const ids = await page
        .locator("section.cell")
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-cell-id")));
      const last = ids.indexOf("xavier-a-stats");
      for (let i = 0; i <= last; i++) await page.keyboard.press("Shift+Enter");
      await waitForIdle(page);
      expect(await outputText(page, "naive-a")).toContain("array([[");
      expect(await cellById(page, "xavier-a-stats").locator(".prompt-text").textContent()).toBe("In [13]:");
      expect(await page.locator(".output-error").count()).toBe(0);
      const selected = await page.locator("section.cell.selected").getAttribute("data-cell-id");
      expect(selected).toBe(ids[last + 1]);
    });
  });

  test("editing * 0.01 to * 1.0 and re-running makes the activations grow", async () => {
    await withApp(app, {}, async ({ page }) => {
      await runCells(page, "imports", "naive-a-stats");
      const before = await statsLines(page, "naive-a-stats");
      // biome-ignore lint/performance/useDomNodeTextContent: CodeMirror lines are divs; only innerText keeps the newlines.
      const source = await cellById(page, "naive-forward").locator(".cm-content").innerText();
      expect(source).toContain("* 0.01");
      await replaceSource(page, "naive-forward", source.replace("* 0.01", "* 1.0"));
      await page.keyboard.press("Escape");
      await runCells(page, "naive-forward", "naive-a-stats");
      const after = await statsLines(page, "naive-a-stats");
      expect(after).not.toEqual(before);
      expect(Number(after[1])).toBeGreaterThan(Number(before[1]) * 100);
      expect(await outputText(page, "naive-a")).toContain("array([[");
    });
  });

  test("Restart kernel resets the execution counts", async () => {
    await withApp(app, {}, async ({ page }) => {
      await runCells(page, "imports", "naive-a");
      expect(await cellById(page, "naive-a").locator(".prompt-text").textContent()).toBe("In [5]:");
      // Restart asks first, since it loses the variables.
      page.once("dialog", (dialog) => void dialog.accept());
      await page.getByRole("button", { name: "Restart kernel" }).click();
      await expect.poll(() => page.locator(".notice").textContent()).toMatch(/restarted/);
      await cellById(page, "imports").click({ position: { x: 5, y: 5 } });
      await page.keyboard.press("Escape");
      await page.keyboard.press("Control+Enter");
      await waitForIdle(page);
      expect(await cellById(page, "imports").locator(".prompt-text").textContent()).toBe("In [1]:");
    });
  });

  test("Interrupt stops a long cell with KeyboardInterrupt (an isolated page keeps the kernel)", async () => {
    await withApp(app, {}, async ({ page }) => {
      await cellById(page, "imports").click({ position: { x: 5, y: 5 } });
      await page.getByRole("button", { name: "Add code cell" }).click();
      const added = page.locator("section.cell.selected");
      await added.locator(".cm-content").click();
      await page.keyboard.insertText("n = 0\nwhile True:\n    n += 1");
      await page.keyboard.press("Control+Enter");
      await expect.poll(() => added.locator(".prompt-text").textContent()).toBe("In [*]:");
      // The page stays responsive while the worker is busy.
      await page.getByRole("button", { name: "Larger text" }).click();
      expect(await page.locator(".font-size").textContent()).toBe("18px");
      expect(await added.locator(".prompt-text").textContent()).toBe("In [*]:");
      await page.getByRole("button", { name: "Interrupt" }).click();
      await waitForIdle(page);
      expect(await added.locator(".outputs").textContent()).toContain("KeyboardInterrupt");
    });
  });

  test("keyboard only: modes, insert, type change, delete and undo, help", async () => {
    await withApp(app, {}, async ({ page }) => {
      const count = () => page.locator("section.cell").count();
      const selectedId = () => page.locator("section.cell.selected").getAttribute("data-cell-id");
      const total = await count();
      // The first cell holds the focus from the start, in command mode.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-cell-id")))
        .toBe("imports");
      await page.keyboard.press("j");
      expect(await selectedId()).toBe("seed");
      await page.keyboard.press("ArrowDown");
      expect(await selectedId()).toBe("title");
      await page.keyboard.press("k");
      expect(await selectedId()).toBe("seed");
      await page.keyboard.press("b");
      expect(await count()).toBe(total + 1);
      const added = await selectedId();
      await page.keyboard.press("m");
      expect(await page.locator("section.cell.selected").getAttribute("aria-label")).toMatch(
        /^Markdown cell 3$/,
      );
      await page.keyboard.press("y");
      expect(await page.locator("section.cell.selected").getAttribute("aria-label")).toMatch(/^Code cell 3$/);
      await page.keyboard.press("Enter");
      await page.keyboard.insertText("print(6 * 7)");
      await page.keyboard.press("Escape");
      expect(await page.locator(".mode-badge").textContent()).toBe("Command mode");
      await page.keyboard.press("Control+Enter");
      await waitForIdle(page);
      expect(await outputText(page, added ?? "")).toBe("42\n");
      await page.keyboard.press("a");
      expect(await count()).toBe(total + 2);
      await page.keyboard.press("d");
      await page.keyboard.press("d");
      expect(await count()).toBe(total + 1);
      await page.keyboard.press("z");
      expect(await count()).toBe(total + 2);
      await page.keyboard.press("h");
      const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
      await help.waitFor();
      expect(await help.textContent()).toContain("Shift+Enter");
      await page.keyboard.press("Escape");
      await help.waitFor({ state: "hidden" });
      await page.keyboard.press("Alt+Enter");
      expect(await count()).toBe(total + 3);
      expect(await page.locator(".mode-badge").textContent()).toBe("Edit mode");
    });
  });

  test("a toolbar click while editing returns to command mode", async () => {
    await withApp(app, {}, async ({ page }) => {
      await cellById(page, "naive-a").locator(".cm-content").click();
      expect(await page.locator(".mode-badge").textContent()).toBe("Edit mode");
      await page.getByRole("button", { name: "Move cell down" }).click();
      expect(await page.locator(".mode-badge").textContent()).toBe("Command mode");
      const ids = await page
        .locator("section.cell")
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-cell-id")));
      expect(ids.indexOf("naive-a")).toBe(ids.indexOf("naive-x-stats") + 1);
      await page.keyboard.press("k");
      expect(await page.locator("section.cell.selected").getAttribute("data-cell-id")).toBe("naive-x-stats");
    });
  });
});
