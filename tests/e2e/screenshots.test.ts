/**
 * Screenshots of the lesson after Run all: light and dark, wide and narrow,
 * saved to test-results/screens/ to look at. With UPDATE_SCREENSHOT=1 the light
 * wide one also replaces docs/screenshot.png (the README picture).
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, expect, test } from "vitest";
import { runCells, setupAppServer, withApp } from "./harness.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const OUT = resolve(ROOT, "test-results/screens");

const app = setupAppServer();

beforeAll(() => {
  mkdirSync(OUT, { recursive: true });
});

const VIEWS = [
  { name: "light-wide", width: 1280, height: 1100, colorScheme: "light" },
  { name: "dark-wide", width: 1280, height: 1100, colorScheme: "dark" },
  { name: "light-narrow", width: 390, height: 844, colorScheme: "light" },
  { name: "dark-narrow", width: 390, height: 844, colorScheme: "dark" },
] as const;

test("screenshots in light and dark, wide and narrow", async () => {
  for (const view of VIEWS) {
    await withApp(app, view, async ({ page, errors }) => {
      // The seed part of the lesson is enough for the picture, and quick.
      await runCells(page, "imports", "xavier-a-stats");
      // Start at the lesson title: the picture shows math, code and the first printed array.
      // (cells keep a scroll margin below the sticky toolbar)
      await page.locator('section[data-cell-id="title"]').evaluate((el) => el.scrollIntoView());
      const path = resolve(OUT, `${view.name}.png`);
      await page.screenshot({ path });
      if (view.name === "light-wide" && process.env.UPDATE_SCREENSHOT === "1") {
        copyFileSync(path, resolve(ROOT, "docs/screenshot.png"));
      }
      expect(errors, view.name).toEqual([]);
    });
  }
});
