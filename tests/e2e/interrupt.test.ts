/**
 * Interrupt that keeps state, time.sleep and input() on the page served by
 * `vite preview` (COOP/COEP headers: the page is cross-origin isolated).
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { addAndRun, cellById, runCells, setupAppServer, waitForIdle, withApp } from "./harness.ts";

const app = setupAppServer();

async function interruptAndTime(page: Page): Promise<number> {
  const t0 = Date.now();
  await page.getByRole("button", { name: "Interrupt" }).click();
  await waitForIdle(page);
  return Date.now() - t0;
}

describe("interrupt keeps state", () => {
  test("crossOriginIsolated; KeyboardInterrupt in while True keeps x and earlier variables", async () => {
    await withApp(app, {}, async ({ page }) => {
      expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
      const first = await addAndRun(page, "y = 41");
      await waitForIdle(page);
      expect(await first.locator(".prompt-text").textContent()).not.toBe("In [*]:");
      const loop = await addAndRun(page, "x = 0\nwhile True:\n    x += 1");
      await expect.poll(() => loop.locator(".prompt-text").textContent()).toBe("In [*]:");
      await page.waitForTimeout(500);
      const ms = await interruptAndTime(page);
      console.log(`interrupt latency, while True: click -> idle ${ms} ms`);
      const text = (await loop.locator(".outputs").textContent()) ?? "";
      expect(text).toContain("KeyboardInterrupt");
      expect(text).toContain("Traceback (most recent call last)");
      expect(await page.locator(".notice").count()).toBe(0);
      const check = await addAndRun(page, "print(y, x > 0)");
      await waitForIdle(page);
      expect(await check.locator(".outputs").textContent()).toContain("41 True");
    });
  });

  test("np.dot 2000x2000 stops", async () => {
    await withApp(app, {}, async ({ page }) => {
      const cell = await addAndRun(
        page,
        "import numpy as np\nA = np.ones((2000, 2000))\nfor _ in range(20):\n    B = np.dot(A, A)",
      );
      await expect.poll(() => cell.locator(".prompt-text").textContent()).toBe("In [*]:");
      await page.waitForTimeout(700);
      const ms = await interruptAndTime(page);
      console.log(`interrupt latency, np.dot 2000x2000: click -> idle ${ms} ms`);
      expect(await cell.locator(".outputs").textContent()).toContain("KeyboardInterrupt");
    });
  });
});

test("the lesson's training cell stops", async () => {
  await withApp(app, {}, async ({ page }) => {
    await runCells(page, "imports", "mlp-def");
    const train = cellById(page, "train");
    await train.locator(".prompt").click();
    await page.keyboard.press("Escape");
    await page.keyboard.press("Control+Enter");
    await expect.poll(() => train.locator(".prompt-text").textContent()).toBe("In [*]:");
    await page.waitForTimeout(400);
    expect(await train.locator(".prompt-text").textContent()).toBe("In [*]:");
    const ms = await interruptAndTime(page);
    console.log(`interrupt latency, lesson training cell: click -> idle ${ms} ms`);
    expect(await train.locator(".outputs").textContent()).toContain("KeyboardInterrupt");
  });
});

describe("blocking calls", () => {
  test("time.sleep(0.5) waits; Interrupt cuts time.sleep(10) short", async () => {
    await withApp(app, {}, async ({ page }) => {
      const timed = await addAndRun(
        page,
        "import time\nt0 = time.perf_counter()\ntime.sleep(0.5)\nprint(round(time.perf_counter() - t0, 2))",
      );
      await waitForIdle(page);
      const slept = Number((await timed.locator(".outputs").textContent())?.trim());
      console.log(`time.sleep(0.5) took ${slept} s`);
      expect(slept).toBeGreaterThanOrEqual(0.49);
      expect(slept).toBeLessThan(2);
      const long = await addAndRun(page, "time.sleep(10)");
      await expect.poll(() => long.locator(".prompt-text").textContent()).toBe("In [*]:");
      await page.waitForTimeout(300);
      const ms = await interruptAndTime(page);
      console.log(`interrupt latency, time.sleep(10): click -> idle ${ms} ms`);
      expect(ms).toBeLessThan(5000);
      expect(await long.locator(".outputs").textContent()).toContain("KeyboardInterrupt");
    });
  });

  test("input() round-trips typed text and echoes it", async () => {
    await withApp(app, {}, async ({ page }) => {
      const cell = await addAndRun(page, "name = input('Your name: ')\nprint('hello', name)");
      const field = cell.getByRole("textbox", { name: "input: Your name: " });
      await field.waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe("stdin-field");
      await page.keyboard.type("Ada Lovelace");
      await page.keyboard.press("Enter");
      await waitForIdle(page);
      const text = (await cell.locator(".outputs").textContent()) ?? "";
      expect(text).toContain("Your name: Ada Lovelace");
      expect(text).toContain("hello Ada Lovelace");
      expect(await cell.locator(".stdin").count()).toBe(0);
    });
  });
});
