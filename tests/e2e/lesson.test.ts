/**
 * The whole lesson in Chromium: Run all, then every figure is drawn by Plotly,
 * the per-layer grids hold one histogram per layer and init, and no cell errs.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cellById, type OpenedPage, openApp, setupAppServer, waitForIdle, waitForLesson } from "./harness.ts";

const app = setupAppServer();
let opened: OpenedPage;
let runAllSeconds = 0;

beforeAll(async () => {
  opened = await openApp(app.browser, app.url);
  await waitForLesson(opened.page);
  const start = Date.now();
  await opened.page.getByRole("button", { name: "Run all", exact: true }).click();
  await waitForIdle(opened.page, 300_000);
  runAllSeconds = (Date.now() - start) / 1000;
  console.log(`[measure] Run all of the whole lesson: ${runAllSeconds.toFixed(1)} s`);
}, 360_000);

afterAll(async () => {
  await opened?.context.close();
});

/** What Plotly drew for each figure of a cell: bar-trace axes, subplot frames (a packed grid) and subplot titles. */
interface DrawnFigure {
  barAxes: string[];
  frames: number;
  titles: string[];
}

async function drawnFigures(page: Page, cellId: string): Promise<DrawnFigure[]> {
  // Figures are drawn when they come into view: bring each one there first.
  const boxes = cellById(page, cellId).locator("figure.plotly-figure");
  await boxes.first().waitFor({ timeout: 60_000 });
  for (const box of await boxes.all()) {
    await box.scrollIntoViewIfNeeded();
    await box.locator(".js-plotly-plot").waitFor({ timeout: 60_000 });
  }
  const plots = cellById(page, cellId).locator(".js-plotly-plot");
  return plots.evaluateAll((elements) =>
    elements.map((element) => {
      // Plotly keeps the figure it drew on the element as `data` and `layout`.
      const data: unknown = Reflect.get(element, "data");
      const layout: unknown = Reflect.get(element, "layout");
      const barAxes: string[] = [];
      if (Array.isArray(data)) {
        for (const trace of data) {
          if (typeof trace === "object" && trace !== null && Reflect.get(trace, "type") === "bar") {
            const axis: unknown = Reflect.get(trace, "xaxis");
            barAxes.push(typeof axis === "string" ? axis : "x");
          }
        }
      }
      const titles: string[] = [];
      const annotations: unknown =
        typeof layout === "object" && layout !== null ? Reflect.get(layout, "annotations") : undefined;
      if (Array.isArray(annotations)) {
        for (const a of annotations) {
          const text: unknown = typeof a === "object" && a !== null ? Reflect.get(a, "text") : undefined;
          if (typeof text === "string") titles.push(text);
        }
      }
      const shapes: unknown =
        typeof layout === "object" && layout !== null ? Reflect.get(layout, "shapes") : undefined;
      const frames = Array.isArray(shapes)
        ? shapes.filter(
            (s: unknown) => typeof s === "object" && s !== null && Reflect.get(s, "name") === "initlab-frame",
          ).length
        : 0;
      return { barAxes, frames, titles };
    }),
  );
}

const INITS = ["naive", "Xavier", "He"];
const DEPTH = 10;

function expectGrid(figure: DrawnFigure | undefined): void {
  expect(figure).toBeDefined();
  if (figure === undefined) return;
  // One histogram per subplot, one subplot per init and layer: the packed grid
  // (kernel pyplot/packed-grid.ts) draws each in a frame of its own, no bar traces.
  expect(figure.frames).toBe(INITS.length * DEPTH);
  expect(figure.barAxes).toEqual([]);
  for (const name of INITS) {
    for (let layer = 1; layer <= DEPTH; layer++) {
      expect(figure.titles).toContain(`${name}, layer ${layer}`);
    }
  }
}

describe("the complete lesson", () => {
  test("no cell shows an error and the page logged none", async () => {
    const { page, errors } = opened;
    expect(await page.locator(".output-error").count()).toBe(0);
    expect(errors).toEqual([]);
    // Every code cell ran: no prompt is empty or still waiting.
    const prompts = await page.locator("section.cell-code .prompt-text").allTextContents();
    expect(prompts.length).toBeGreaterThan(25);
    for (const prompt of prompts) expect(prompt).toMatch(/^In \[\d+\]:$/);
  });

  test("the deep experiments draw one histogram per layer and init", async () => {
    for (const cell of ["deep-tanh", "deep-relu"]) {
      const figures = await drawnFigures(opened.page, cell);
      // The grid of histograms, then the mean and std line plots.
      expect(figures).toHaveLength(2);
      expectGrid(figures[0]);
      expect(figures[1]?.barAxes).toEqual([]);
    }
  });

  test("the gradients draw a per-layer grid and a line plot", async () => {
    const figures = await drawnFigures(opened.page, "gradients");
    expect(figures).toHaveLength(2);
    expectGrid(figures[0]);
  });

  test("theory, spirals and training each draw their figure", async () => {
    for (const cell of ["theory", "spirals", "train"]) {
      expect(await drawnFigures(opened.page, cell), cell).toHaveLength(1);
    }
    const train = (await cellById(opened.page, "train").locator(".output-stream").textContent()) ?? "";
    for (const name of INITS) expect(train).toMatch(new RegExp(`${name}: loss \\d\\.\\d{3} -> \\d\\.\\d{3}`));
  });
});
