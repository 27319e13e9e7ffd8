/**
 * Figures, printed, never asserted: time to the first rendered cell, time for
 * Run all, and the gzipped size of the JavaScript in dist/.
 */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { expect, test } from "vitest";
import { openApp, setupAppServer, waitForIdle } from "./harness.ts";

const app = setupAppServer();

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

test("figures: first cell, Run all, bundle size", async () => {
  const dir = resolve(import.meta.dirname, "../../dist/assets");
  const files = readdirSync(dir).filter((f) => f.endsWith(".js"));
  let raw = 0;
  let gz = 0;
  const rows: string[] = [];
  for (const file of files) {
    const bytes = readFileSync(resolve(dir, file));
    const zipped = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gz += zipped;
    rows.push(`  ${file.padEnd(40)} ${kb(bytes.length).padStart(10)} ${kb(zipped).padStart(10)} gz`);
  }

  const { context, page } = await openApp(app.browser, app.url);
  await page.locator("section.cell").first().waitFor({ timeout: 30_000 });
  const firstCellMs = await page.evaluate(() => performance.now());
  await page.locator(".kernel-status.idle").waitFor({ timeout: 30_000 });
  const kernelReadyMs = await page.evaluate(() => performance.now());
  const started = Date.now();
  await page.getByRole("button", { name: "Run all", exact: true }).click();
  await waitForIdle(page);
  const runAllMs = Date.now() - started;
  await context.close();

  console.log(
    [
      "Initlab figures",
      `  page load -> first rendered cell: ${firstCellMs.toFixed(0)} ms`,
      `  page load -> kernel ready:        ${kernelReadyMs.toFixed(0)} ms`,
      `  Run all (whole lesson):           ${runAllMs} ms`,
      `  JS in dist/: ${kb(raw)} raw, ${kb(gz)} gzipped, ${files.length} files`,
      ...rows,
    ].join("\n"),
  );
  expect(files.length).toBeGreaterThan(0);
});
