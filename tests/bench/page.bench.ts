/**
 * The page in headless Chromium beside CPython + numpy, timed in the same run
 * (issue 12's targets, printed, never asserted):
 * - Run all of the lesson: from the click until every code cell has run and
 *   every figure in view is drawn; CPython runs the same cells
 *   (tests/lesson/run_cpython.py, its matplotlib a stand-in that draws nothing
 *   when matplotlib is not installed; numpy on one thread, as the kernel).
 * - One slider step of `depth` (its figures in view, the slider in the form
 *   dock) and of `learning_rate`: from the key press until every cell it
 *   re-runs (`downstream`, as the page computes it) has run and every figure
 *   of theirs in view has redrawn; CPython runs the same cells with the new
 *   value, after the cells before them.
 * - Drawing the 3 x 10 histogram grid on its own: `Plotly.newPlot` of the
 *   kernel's figure JSON until two frames later, beside an empty figure.
 * Each at the lesson's `n_samples` and at `n_samples = 1000` (through a share
 * link, `#v=1&p.deep-setup.n_samples=1000`). Needs `dist/` (`npm run bench` builds it).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { z } from "zod";
import { createSession } from "../../src/kernel/session.ts";
import { downstream } from "../../src/notebook/downstream.ts";
import { parseIpynb } from "../../src/notebook/ipynb.ts";
import type { Output } from "../../src/protocol.ts";
import { cellById, launchBrowser, openApp, startPreview, waitForLesson } from "../e2e/harness.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const NOTEBOOK = resolve(ROOT, "public/notebooks/8-4-initializers.ipynb");
const PLOTLY_MIME = "application/vnd.plotly.v1+json";

interface Cell {
  id: string;
  source: string;
}

function lessonCells(): Cell[] {
  const { doc } = parseIpynb(readFileSync(NOTEBOOK, "utf8"));
  return doc.cells.flatMap((c) => (c.cell_type === "code" ? [{ id: c.id, source: c.source }] : []));
}

/** `cell`'s source with the literal of `name = <literal>  #@param` replaced by `value`. */
function withParam(source: string, name: string, value: string): string {
  const line = new RegExp(`^(${name} = )[^#\\n]*?(\\s+#@param)`, "m");
  if (!line.test(source)) throw new Error(`no parameter ${name}`);
  return source.replace(line, `$1${value}$2`);
}

/** The part of an .ipynb this bench rewrites: each cell's id and source; the rest passes through. */
const ipynbCells = z
  .object({
    cells: z.array(
      z.object({ id: z.string(), source: z.union([z.string(), z.array(z.string())]) }).passthrough(),
    ),
  })
  .passthrough();

const timedReport = z.object({ cells: z.array(z.object({ id: z.string(), seconds: z.number() })) });

/** Per-cell CPython seconds of `cells` run in order in one namespace (run_cpython.py --time). */
function cpythonSeconds(cells: readonly Cell[]): Map<string, number> {
  const dir = mkdtempSync(join(tmpdir(), "initlab-bench-"));
  try {
    const path = join(dir, "lesson.ipynb");
    const nb = ipynbCells.parse(JSON.parse(readFileSync(NOTEBOOK, "utf8")));
    const byId = new Map(cells.map((c) => [c.id, c.source]));
    const edited = { ...nb, cells: nb.cells.map((c) => ({ ...c, source: byId.get(c.id) ?? c.source })) };
    writeFileSync(path, JSON.stringify(edited));
    // numpy on one thread, as the kernel computes: on a shared machine, BLAS threads fighting for the
    // same cores made CPython 3x slower, which would flatter the ratios.
    const env = { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };
    const out = execFileSync("python3", [resolve(ROOT, "tests/lesson/run_cpython.py"), path, "--time"], {
      encoding: "utf8",
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    return new Map(timedReport.parse(JSON.parse(out)).cells.map((c) => [c.id, c.seconds]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function sumMs(seconds: Map<string, number>, ids: readonly string[]): number {
  return ids.reduce((a, id) => a + (seconds.get(id) ?? Number.NaN) * 1000, 0);
}

/** Execution count of every code cell on the page (null while not run). */
function counts(page: Page): Promise<Record<string, number | null>> {
  return page.locator("section.cell-code").evaluateAll((els) => {
    const out: Record<string, number | null> = {};
    for (const el of els) {
      const m = /In \[(\d+)\]/.exec(el.querySelector(".prompt-text")?.textContent ?? "");
      out[el.getAttribute("data-cell-id") ?? ""] = m === null ? null : Number(m[1]);
    }
    return out;
  });
}

/** Plotly calls of every drawn figure of each cell, in order (figures not drawn count -1). */
function plotlyCalls(page: Page): Promise<Record<string, number[]>> {
  return page.locator("section.cell-code").evaluateAll((els) => {
    const out: Record<string, number[]> = {};
    for (const el of els) {
      out[el.getAttribute("data-cell-id") ?? ""] = Array.from(
        el.querySelectorAll("figure.plotly-figure"),
      ).map((f) =>
        f instanceof HTMLElement && f.dataset.drawn === "true" ? Number(f.dataset.plotlyCalls ?? "0") : -1,
      );
    }
    return out;
  });
}

/**
 * Milliseconds from the last keydown or click on the page (recorded by `armClock`) until `cells` have
 * run again (an execution count above `before`), the kernel is idle, and every figure of theirs that is
 * drawn has had a Plotly call more than in `calls` (or, newly drawn, has its SVG).
 */
async function settled(
  page: Page,
  cells: readonly string[],
  before: Record<string, number | null>,
  calls: Record<string, number[]>,
): Promise<number> {
  const handle = await page.waitForFunction(
    ({ cells, before, calls }) => {
      const status = document.querySelector(".kernel-status");
      if (status === null || !status.classList.contains("idle")) return false;
      for (const id of cells) {
        const section = document.querySelector(`section[data-cell-id="${id}"]`);
        if (section === null) return false;
        const m = /In \[(\d+)\]/.exec(section.querySelector(".prompt-text")?.textContent ?? "");
        if (m === null || Number(m[1]) <= (before[id] ?? 0)) return false;
        const figures = Array.from(section.querySelectorAll("figure.plotly-figure"));
        for (const [i, f] of figures.entries()) {
          if (!(f instanceof HTMLElement) || f.dataset.drawn !== "true") continue;
          const was = calls[id]?.[i] ?? -1;
          if (f.querySelector(".main-svg") === null) return false;
          if (was >= 0 && Number(f.dataset.plotlyCalls ?? "0") <= was) return false;
        }
      }
      const t0 = Reflect.get(window, "__benchT0");
      return typeof t0 === "number" ? performance.now() - t0 : false;
    },
    { cells, before, calls },
    { polling: "raf", timeout: 600_000 },
  );
  const ms = await handle.jsonValue();
  if (typeof ms !== "number") throw new Error("no start time");
  return ms;
}

/** Records `performance.now()` at the next keydown or click, as `window.__benchT0`. */
async function armClock(page: Page): Promise<void> {
  // No named inner functions in evaluated code: tsx's esbuild would wrap them in a `__name` helper the page lacks.
  await page.evaluate(() => {
    Reflect.deleteProperty(window, "__benchT0");
    for (const type of ["keydown", "pointerdown"]) {
      window.addEventListener(
        type,
        () => {
          if (Reflect.get(window, "__benchT0") === undefined)
            Reflect.set(window, "__benchT0", performance.now());
        },
        { capture: true, once: true },
      );
    }
  });
}

interface StepResult {
  label: string;
  pageMs: number;
  cpythonMs: number;
  cells: string[];
}

/** One key press on `name`'s slider; the cells it re-runs (the changed one first) and the times. */
async function sliderStep(
  page: Page,
  cells: Cell[],
  cellId: string,
  name: string,
  key: "ArrowLeft" | "ArrowRight",
  newValue: string,
  figureCell: string,
): Promise<StepResult> {
  const figure = cellById(page, figureCell).locator("figure.plotly-figure").first();
  await figure.evaluate((el) => el.scrollIntoView({ block: "center" }));
  await page.waitForTimeout(500);
  const dock = page.locator(".form-dock").getByRole("slider", { name, exact: true });
  const slider =
    (await dock.count()) > 0 ? dock : cellById(page, cellId).getByRole("slider", { name, exact: true });
  await slider.focus();
  const index = cells.findIndex((c) => c.id === cellId);
  const old = cells[index];
  if (old === undefined) throw new Error(`no cell ${cellId}`);
  const updated = cells.map((c) =>
    c.id === cellId ? { ...c, source: withParam(c.source, name, newValue) } : c,
  );
  const dependents = downstream(updated, cellId, { randomState: "reseed", previousSource: old.source });
  const rerun = [cellId, ...dependents.filter((d) => d !== cellId)];
  const before = await counts(page);
  const calls = await plotlyCalls(page);
  await armClock(page);
  await page.keyboard.press(key);
  const pageMs = await settled(page, rerun, before, calls);
  const after = await counts(page);
  const ran = Object.keys(after).filter((id) => after[id] !== before[id]);
  const source = (await cellById(page, cellId).textContent()) ?? "";
  if (!source.includes(`${name} = ${newValue}`)) throw new Error(`${name} did not become ${newValue}`);
  const seconds = cpythonSeconds(updated);
  cells.splice(0, cells.length, ...updated);
  const extra = ran.filter((id) => !rerun.includes(id));
  return {
    label: `${name} step`,
    pageMs,
    cpythonMs: sumMs(seconds, rerun),
    cells: extra.length > 0 ? [...rerun, `(also ran: ${extra.join(", ")})`] : rerun,
  };
}

function ratioLine(label: string, pageMs: number, cpythonMs: number, note = ""): string {
  return `${label.padEnd(34)} page ${pageMs.toFixed(0).padStart(6)} ms  CPython ${cpythonMs.toFixed(0).padStart(6)} ms  ratio ${(pageMs / cpythonMs).toFixed(2).padStart(5)}x${note}`;
}

async function lessonScenario(browser: Browser, url: string, nSamples: number | null): Promise<void> {
  const cells = lessonCells().map((c) =>
    nSamples !== null && c.id === "deep-setup"
      ? { ...c, source: withParam(c.source, "n_samples", String(nSamples)) }
      : c,
  );
  const hash = nSamples === null ? "" : `#v=1&p.deep-setup.n_samples=${nSamples}`;
  const tag = nSamples === null ? "lesson default" : `n_samples = ${nSamples}`;
  const opened = await openApp(browser, `${url}${hash}`, { width: 1280, height: 800 });
  try {
    const { page } = opened;
    await waitForLesson(page);
    await page.waitForSelector(".kernel-status.idle", { timeout: 60_000 });
    const ids = cells.map((c) => c.id);
    const before = await counts(page);
    const calls = await plotlyCalls(page);
    await armClock(page);
    await page.getByRole("button", { name: "Run all", exact: true }).click();
    const runAll = await settled(page, ids, before, calls);
    // Every figure in view is drawn too (none is, at the top of the page, but check).
    const cpython = cpythonSeconds(cells);
    console.log(ratioLine(`Run all (${tag})`, runAll, sumMs(cpython, ids)));
    const depth = await sliderStep(page, cells, "deep-setup", "depth", "ArrowLeft", "9", "deep-tanh");
    console.log(
      ratioLine(`depth 10 -> 9 (${tag})`, depth.pageMs, depth.cpythonMs, `  [${depth.cells.join(", ")}]`),
    );
    const lr = await sliderStep(page, cells, "train", "learning_rate", "ArrowRight", "0.11", "train");
    console.log(
      ratioLine(`learning_rate 0.1 -> 0.11 (${tag})`, lr.pageMs, lr.cpythonMs, `  [${lr.cells.join(", ")}]`),
    );
    if (opened.errors.length > 0) console.log(`page errors: ${opened.errors.join("; ").slice(0, 500)}`);
  } finally {
    await opened.context.close();
  }
}

/** The kernel's figure JSON of a 3 x `depth` tanh histogram grid like the lesson's. */
function gridFigure(depth: number): unknown {
  const code = `import numpy as np
import matplotlib.pyplot as plt
np.random.seed(0)
Hs = [np.tanh(np.random.randn(100, 500) / (l + 1)) for l in range(${depth})]
fig, axes = plt.subplots(3, ${depth}, figsize=(2 * ${depth}, 6))
for i, name in enumerate(["naive", "Xavier", "He"]):
    for l in range(${depth}):
        axes[i, l].hist(Hs[l].ravel(), 30, range=(-1, 1))
        axes[i, l].set_title(f"{name}, layer {l + 1}")
        axes[i, l].set_yticks([])
plt.suptitle("tanh: activations of each layer")
plt.show()
`;
  const outputs: Output[] = [];
  createSession().execute(code, { onOutput: (o) => outputs.push(o) });
  for (const o of outputs) if (o.output_type === "display_data") return o.data[PLOTLY_MIME];
  throw new Error("no figure");
}

/** Median and fastest of `runs` newPlot-to-second-frame times of `figure`, and its SVG nodes, in a bare page. */
async function drawTimes(
  page: Page,
  figure: unknown,
  runs: number,
): Promise<{ median: number; best: number; nodes: number }> {
  const result = await page.evaluate(
    async ({ figure, runs }) => {
      const plotly: unknown = Reflect.get(window, "Plotly");
      const newPlot: unknown =
        typeof plotly === "object" && plotly !== null ? Reflect.get(plotly, "newPlot") : null;
      const purge: unknown =
        typeof plotly === "object" && plotly !== null ? Reflect.get(plotly, "purge") : null;
      if (typeof newPlot !== "function" || typeof purge !== "function") throw new Error("no Plotly");
      const el = document.createElement("div");
      document.body.append(el);
      const times: number[] = [];
      let nodes = 0;
      for (let i = 0; i < runs; i++) {
        purge.call(plotly, el);
        await new Promise<void>((r) => requestAnimationFrame(() => r()));
        const t0 = performance.now();
        await newPlot.call(
          plotly,
          el,
          Reflect.get(Object(figure), "data"),
          Reflect.get(Object(figure), "layout"),
          {
            displaylogo: false,
          },
        );
        await new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
        times.push(performance.now() - t0);
        nodes = el.querySelectorAll("svg *").length;
      }
      purge.call(plotly, el);
      el.remove();
      times.sort((a, b) => a - b);
      return { median: times[Math.floor(times.length / 2)] ?? 0, best: times[0] ?? 0, nodes };
    },
    { figure, runs },
  );
  return result;
}

async function gridScenario(browser: Browser): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.setContent("<!doctype html><html><body></body></html>");
    await page.addScriptTag({
      path: resolve(ROOT, "node_modules/plotly.js-basic-dist-min/plotly-basic.min.js"),
    });
    const empty = await drawTimes(page, { data: [], layout: { width: 960, height: 450 } }, 9);
    console.log(
      `${"empty figure (Plotly's floor)".padEnd(34)} newPlot to 2nd frame median ${empty.median.toFixed(0)} ms, best ${empty.best.toFixed(0)} ms`,
    );
    for (const depth of [10, 30]) {
      const t = await drawTimes(page, gridFigure(depth), 9);
      console.log(
        `${`3 x ${depth} histogram grid`.padEnd(34)} newPlot to 2nd frame median ${t.median.toFixed(0)} ms, best ${t.best.toFixed(0)} ms, ${t.nodes} SVG nodes`,
      );
    }
  } finally {
    await page.close();
  }
}

export async function run(): Promise<void> {
  console.log(`load: ${execFileSync("uptime", { encoding: "utf8" }).trim()}`);
  const preview = await startPreview();
  const browser = await launchBrowser();
  try {
    await gridScenario(browser);
    await lessonScenario(browser, preview.url, null);
    await lessonScenario(browser, preview.url, 1000);
  } finally {
    await browser.close();
    await preview.stop();
  }
  console.log(`load: ${execFileSync("uptime", { encoding: "utf8" }).trim()}`);
}
