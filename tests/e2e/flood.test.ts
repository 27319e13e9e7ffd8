/**
 * Output floods never freeze the page: 20,000 prints (time printed, not
 * asserted), and Interrupt during `while True: print(i)`.
 */
import { describe, expect, test } from "vitest";
import { addCodeCell, setupAppServer, waitForIdle, withApp } from "./harness.ts";

const app = setupAppServer();

describe("output floods", () => {
  test("20,000 prints arrive whole", async () => {
    await withApp(app, {}, async ({ page }) => {
      const cell = await addCodeCell(page, "for i in range(20000):\n    print(i)");
      const t0 = Date.now();
      await page.keyboard.press("Control+Enter");
      await expect.poll(() => cell.locator(".prompt-text").textContent()).not.toBe("In [ ]:");
      await waitForIdle(page);
      console.log(`20,000 prints: run -> idle ${Date.now() - t0} ms`);
      const text = (await cell.locator(".outputs").textContent()) ?? "";
      expect(text.startsWith("0\n1\n2\n")).toBe(true);
      expect(text.trimEnd().endsWith("19998\n19999")).toBe(true);
    });
  });

  test("Interrupt answers during while True: print(i), and the output is capped", async () => {
    await withApp(app, {}, async ({ page }) => {
      const cell = await addCodeCell(page, "i = 0\nwhile True:\n    print(i)\n    i += 1");
      await page.keyboard.press("Control+Enter");
      await expect.poll(() => cell.locator(".prompt-text").textContent()).toBe("In [*]:");
      await page.waitForTimeout(3000);
      const t0 = Date.now();
      await page.getByRole("button", { name: "Interrupt" }).click();
      await waitForIdle(page);
      console.log(`interrupt latency, while True: print(i): click -> idle ${Date.now() - t0} ms`);
      const text = (await cell.locator(".outputs").textContent()) ?? "";
      expect(text).toContain("KeyboardInterrupt");
      expect(text.length).toBeLessThan(1_100_000);
    });
  });
});
