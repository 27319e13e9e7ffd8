import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchBrowser, openApp, type Preview, startPreview } from "./harness.ts";

let preview: Preview;
let browser: Browser;

beforeAll(async () => {
  preview = await startPreview();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

test("the page shows the lesson title", async () => {
  const { context, page, errors } = await openApp(browser, preview.url);
  const heading = page.getByRole("heading", { level: 1, name: "8-4. Initializers" });
  await heading.waitFor({ timeout: 20_000 });
  expect(await heading.textContent()).toBe("8-4. Initializers");
  expect(await page.title()).toBe("8-4. Initializers · Initlab");
  expect(errors).toEqual([]);
  await context.close();
});
