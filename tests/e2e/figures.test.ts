/**
 * Figures in Chromium at 1280x800: the 3x10 histogram grid is one Plotly call
 * (packed: one subplot per row) with a bounded number of SVG nodes (its draw time is printed, not asserted),
 * no mode bar offers a cloud link, an off-screen figure waits until it is
 * scrolled into view, and the `depth` slider stays in view beside the tanh
 * histograms it drives.
 */
import type { Locator } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { cellById, type OpenedPage, openApp, setupAppServer, waitForIdle, waitForLesson } from "./harness.ts";

const app = setupAppServer();
let opened: OpenedPage;

beforeAll(async () => {
  opened = await openApp(app.browser, app.url, { width: 1280, height: 800 });
  await waitForLesson(opened.page);
  await opened.page.getByRole("button", { name: "Run all", exact: true }).click();
  await waitForIdle(opened.page, 300_000);
}, 360_000);

afterAll(async () => {
  await opened?.context.close();
});

/**
 * SVG nodes per subplot a drawn 3x10 grid may use, a guard against regressions
 * (a Plotly subplot per Axes, a path per bar, gridlines, dense ticks). The grid
 * is packed (kernel pyplot/packed-grid.ts): one Plotly subplot per row, a
 * filled outline per histogram, a frame, a few ticks and a title per Axes.
 * Measured: about 600 for 30 subplots (20 each), against 5,620 when every
 * Axes was a Plotly subplot with a path per bar.
 */
const NODES_PER_SUBPLOT = 40;

/** The subplot frames the drawn figure has: one per histogram of the packed grid. */
async function frames(figure: Locator): Promise<number> {
  return figure.locator(".js-plotly-plot").evaluate((el) => {
    const layout: unknown = Reflect.get(el, "layout");
    const shapes: unknown =
      typeof layout === "object" && layout !== null ? Reflect.get(layout, "shapes") : null;
    return Array.isArray(shapes) ? shapes.length : -1;
  });
}

async function traces(figure: Locator): Promise<number> {
  return figure.locator(".js-plotly-plot").evaluate((el) => {
    const data: unknown = Reflect.get(el, "data");
    return Array.isArray(data) ? data.length : -1;
  });
}

test("an off-screen figure is drawn only once it is scrolled into view", async () => {
  const { page } = opened;
  await page.evaluate(() => window.scrollTo(0, 0));
  const figure = cellById(page, "train").locator("figure.plotly-figure").first();
  await figure.waitFor({ state: "attached" });
  expect(await figure.getAttribute("data-drawn")).toBe("false");
  expect(await figure.locator(".js-plotly-plot").count()).toBe(0);
  await figure.scrollIntoViewIfNeeded();
  await figure.locator(".js-plotly-plot .main-svg").first().waitFor({ timeout: 30_000 });
  expect(await figure.getAttribute("data-drawn")).toBe("true");
});

test("the 3x10 tanh grid: one Plotly call, one trace a row, a frame a subplot, bounded SVG", async () => {
  const { page } = opened;
  await page.evaluate(() => window.scrollTo(0, 0));
  const figure = cellById(page, "deep-tanh").locator("figure.plotly-figure").first();
  expect(await figure.getAttribute("data-drawn")).toBe("false");
  // Time from the scroll to the second frame after Plotly drew, in the page.
  const ms = await figure.evaluate(
    (el) =>
      new Promise<number>((resolve) => {
        const t0 = performance.now();
        el.scrollIntoView({ block: "center" });
        const poll = (): void => {
          if (el.querySelector(".js-plotly-plot .main-svg .scatterlayer .trace") === null) {
            requestAnimationFrame(poll);
            return;
          }
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
        };
        poll();
      }),
  );
  const nodes = await figure.evaluate((el) => el.querySelectorAll("svg *").length);
  console.log(`[measure] 3x10 tanh histogram grid: scroll to drawn ${ms.toFixed(0)} ms, ${nodes} SVG nodes`);
  expect(await frames(figure)).toBe(30);
  expect(await traces(figure)).toBe(3);
  expect(await figure.getAttribute("data-plotly-calls")).toBe("1");
  // Titles, frames and ticks: at least a few nodes a subplot.
  expect(nodes).toBeGreaterThan(30 * 4);
  expect(nodes).toBeLessThan(30 * NODES_PER_SUBPLOT);
});

test("no mode bar offers Share chart or any cloud link; Download PNG stays", async () => {
  const { page } = opened;
  const drawn = page.locator(".js-plotly-plot");
  expect(await drawn.count()).toBeGreaterThan(0);
  const cloud = page.locator(
    '.modebar [data-title*="Share" i], .modebar [data-title*="Chart Studio" i], .modebar [data-title*="cloud" i], a[href*="plot.ly"], a[href*="chart-studio"]',
  );
  expect(await cloud.count()).toBe(0);
  expect(await page.getByText("Share chart").count()).toBe(0);
  expect(await page.locator('.modebar [data-title^="Download plot"]').count()).toBe(await drawn.count());
});

test("at 1280x800 the depth slider and the tanh histograms are in view together", async () => {
  const { page } = opened;
  const figure = cellById(page, "deep-tanh").locator("figure.plotly-figure").first();
  await figure.evaluate((el) => el.scrollIntoView({ block: "center" }));
  const dock = page.locator(".form-dock");
  await dock.waitFor({ timeout: 5_000 });
  const slider = dock.getByRole("slider", { name: "depth" });
  const s = await slider.boundingBox();
  const f = await figure.boundingBox();
  const d = await dock.boundingBox();
  const header = await page.locator(".topbar").boundingBox();
  expect(s && f && d && header).toBeTruthy();
  if (s === null || f === null || d === null || header === null) return;
  console.log(
    `[measure] 1280x800: header to ${header.y + header.height}, figure ${f.y}..${f.y + f.height}, dock from ${d.y}`,
  );
  expect(s.y).toBeGreaterThanOrEqual(0);
  expect(s.y + s.height).toBeLessThanOrEqual(800);
  // The whole grid shows between the sticky header and the dock.
  expect(f.y).toBeGreaterThanOrEqual(header.y + header.height - 1);
  expect(f.y + f.height).toBeLessThanOrEqual(d.y + 1);
  // Keyboard: the docked slider moves depth in the cell's source, and the grid
  // in view is redrawn in place (the same element, Plotly.react) with 3 x 9 subplots.
  const graph = figure.locator(".js-plotly-plot");
  await graph.evaluate((el) => el.setAttribute("data-before", "1"));
  const callsBefore = Number(await figure.getAttribute("data-plotly-calls"));
  await slider.focus();
  await page.keyboard.press("ArrowLeft");
  await expect
    .poll(async () => (await cellById(page, "deep-setup").textContent()) ?? "", { timeout: 5_000 })
    .toContain("depth = 9");
  await expect.poll(() => frames(figure), { timeout: 120_000 }).toBe(27);
  await waitForIdle(page);
  expect(await graph.getAttribute("data-before")).toBe("1");
  expect(Number(await figure.getAttribute("data-plotly-calls"))).toBeGreaterThan(callsBefore);
  expect(await slider.evaluate((el) => document.activeElement === el)).toBe(true);
});
