/**
 * Nothing the user typed is lost: two tabs on one notebook, a reload right
 * after a keystroke, and Reset lesson undone after a reload.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { cellById, setupAppServer, waitForLesson } from "./harness.ts";

const app = setupAppServer();

async function typeAtEnd(page: Page, id: string, text: string): Promise<void> {
  const editor = cellById(page, id).locator(".cm-content");
  await editor.scrollIntoViewIfNeeded();
  await editor.click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.insertText(text);
  await page.keyboard.press("Escape");
}

async function source(page: Page, id: string): Promise<string> {
  return (await cellById(page, id).locator(".cm-content").textContent()) ?? "";
}

async function saved(page: Page): Promise<void> {
  await page.locator(".save-status", { hasText: "Saved" }).waitFor({ timeout: 10_000 });
}

async function newTab(context: import("playwright-core").BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(app.url);
  await waitForLesson(page);
  return page;
}

describe("nothing typed is lost", () => {
  test("two tabs edit different cells: both edits survive, and the earlier tab is told", async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const one = await newTab(context);
      const two = await newTab(context);
      await typeAtEnd(two, "naive-x-stats", "\n# edit from tab two");
      await saved(two);
      await typeAtEnd(one, "naive-w-stats", "\n# edit from tab one");
      await saved(one);
      await two.getByText("This notebook changed in another tab.").waitFor({ timeout: 10_000 });
      const three = await newTab(context);
      expect(await source(three, "naive-x-stats")).toContain("# edit from tab two");
      expect(await source(three, "naive-w-stats")).toContain("# edit from tab one");
      // The notice's Reload shows the merged notebook in the tab that was behind.
      await two.getByRole("button", { name: "Reload" }).click();
      await waitForLesson(two);
      expect(await source(two, "naive-w-stats")).toContain("# edit from tab one");
      expect(await source(two, "naive-x-stats")).toContain("# edit from tab two");
    } finally {
      await context.close();
    }
  });

  test("a reload at once after a keystroke keeps the edit", async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await newTab(context);
      for (let i = 0; i < 3; i++) {
        await typeAtEnd(page, "naive-x-stats", `\n# typed ${i}`);
        await page.reload();
        await waitForLesson(page);
        expect(await source(page, "naive-x-stats")).toContain(`# typed ${i}`);
      }
    } finally {
      await context.close();
    }
  });

  test("after Reset lesson and a reload, Restore previous brings the edits back", async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await newTab(context);
      await typeAtEnd(page, "naive-x-stats", "\n# keep me");
      await saved(page);
      await page.getByRole("button", { name: "Reset lesson" }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Reset lesson" }).click();
      await page.waitForFunction(
        () =>
          !document
            .querySelector('section[data-cell-id="naive-x-stats"] .cm-content')
            ?.textContent?.includes("keep me"),
      );
      await page.waitForTimeout(1500); // the reset notebook is autosaved
      await page.reload();
      await waitForLesson(page);
      expect(await source(page, "naive-x-stats")).not.toContain("# keep me");
      await page.getByRole("button", { name: "Restore previous" }).click();
      await page.getByText("Restored the notebook replaced on").waitFor();
      expect(await source(page, "naive-x-stats")).toContain("# keep me");
    } finally {
      await context.close();
    }
  });
});
