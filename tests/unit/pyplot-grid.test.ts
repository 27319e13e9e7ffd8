/**
 * The figure JSON of the lesson's histogram grid (`show_histograms` as in
 * scripts/lesson/lesson.src), built through `session.execute`: packed (one
 * axis pair and one filled-outline trace per row, a frame per subplot) with
 * bin counts, never the raw samples, at depth 10 and 30; what stays one axis
 * pair per Axes; and the lesson's own function, which past 10 layers shows
 * every k-th layer.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { createSession } from "../../src/kernel/session.ts";
import { niceTicks } from "../../src/kernel/modules/pyplot/packed-grid.ts";
import type { Output } from "../../src/protocol.ts";

const PLOTLY_MIME = "application/vnd.plotly.v1+json";

function gridCode(depth: number): string {
  return `import numpy as np
import matplotlib.pyplot as plt
np.random.seed(0)
depth = ${depth}
Hs = [np.tanh(np.random.randn(100, 500) / (l + 1)) for l in range(depth)]
fig, axes = plt.subplots(3, depth, figsize=(2 * depth, 6))
for i, name in enumerate(["naive", "Xavier", "He"]):
    for l in range(depth):
        ax = axes[i, l]
        ax.hist(Hs[l].ravel(), 30, range=(-1, 1))
        ax.set_title(f"{name}, layer {l + 1}")
        ax.set_yticks([])
plt.suptitle("tanh: activations of each layer")
plt.tight_layout()
plt.show()
`;
}

interface Figure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function figureOf(depth: number): Figure {
  const outputs: Output[] = [];
  const result = createSession().execute(gridCode(depth), { onOutput: (o) => outputs.push(o) });
  expect(result.ok).toBe(true);
  const figures = outputs.flatMap((o) =>
    o.output_type === "display_data" && isRecord(o.data[PLOTLY_MIME]) ? [o.data[PLOTLY_MIME]] : [],
  );
  expect(figures).toHaveLength(1);
  const f = figures[0];
  if (!isRecord(f) || !Array.isArray(f.data) || !isRecord(f.layout)) throw new Error("not a figure");
  return { data: f.data.filter(isRecord), layout: f.layout };
}

/** The numbers of a JSON array, nulls kept. */
function nums(x: unknown): (number | null)[] {
  return Array.isArray(x) ? x.map((v) => (typeof v === "number" ? v : null)) : [];
}

/** Bin counts as the hover text tells them (`[a, b): count`), one per bin: a bin's text on each of its corners. */
function hoverCounts(t: Record<string, unknown>): number[] {
  const text = Array.isArray(t.hovertext) ? t.hovertext : [];
  const out: number[] = [];
  let last = "";
  for (const h of text) {
    if (typeof h !== "string" || h === "" || h === last) continue;
    last = h;
    out.push(Number(h.slice(h.indexOf(":") + 1)));
  }
  return out;
}

describe.each([10, 30])("the 3 x %i histogram grid, packed", (depth) => {
  const fig = figureOf(depth);
  const shapes = Array.isArray(fig.layout.shapes) ? fig.layout.shapes.filter(isRecord) : [];

  it("has one axis pair and one filled-outline trace per row, not one per subplot", () => {
    expect(fig.data).toHaveLength(3);
    expect(fig.data.every((t) => t.type === "scatter" && t.fill === "toself")).toBe(true);
    expect(fig.data.map((t) => t.xaxis)).toEqual(["x", "x2", "x3"]);
    expect(Object.keys(fig.layout).filter((k) => /^xaxis\d*$/.test(k))).toHaveLength(3);
    // Every subplot keeps its frame.
    expect(shapes.filter((s) => s.type === "rect")).toHaveLength(3 * depth);
  });

  it("carries 30 bin counts per subplot, not the 50,000 samples", () => {
    for (const t of fig.data) {
      const x = nums(t.x);
      // Per subplot: the baseline, two corners per bin, the baseline, and a null that ends the outline.
      expect(x).toHaveLength(depth * (2 * 30 + 3));
      expect(x.filter((v) => v === null)).toHaveLength(depth);
      const counts = hoverCounts(t);
      expect(counts).toHaveLength(depth * 30);
      expect(counts.every((c) => Number.isInteger(c) && c >= 0)).toBe(true);
      // Hover text shows 4 significant digits, so the counts add up to the samples within rounding.
      const total = counts.reduce((a, c) => a + c, 0);
      expect(Math.abs(total - depth * 50_000)).toBeLessThan(depth * 30 * 5);
      // Heights are fractions of each subplot's own y range, [0, max * 1.05] as matplotlib's autoscale.
      const y = nums(t.y).filter((v): v is number => v !== null);
      expect(Math.min(...y)).toBe(0);
      expect(Math.max(...y)).toBeCloseTo(1 / 1.05, 12);
    }
    // About 4 kB a subplot (coordinates and hover text of 62 corners), against about 1 MB for the samples.
    expect(JSON.stringify(fig).length).toBeLessThan(3 * depth * 5_000);
  });

  it("lays the layers out in rows by init, within the display width, ticks under the last row only", () => {
    expect(fig.layout.width).toBeLessThanOrEqual(960);
    const annotations = Array.isArray(fig.layout.annotations) ? fig.layout.annotations.filter(isRecord) : [];
    expect(annotations.map((a) => a.text)).toContain(`He, layer ${depth}`);
    // The first frame of row 2 sits under the first of row 1.
    const [first, second] = [shapes[0], shapes[depth]];
    expect(first?.x0).toBe(second?.x0);
    expect(first?.x1).toBe(second?.x1);
    expect(Number(first?.y0)).toBeGreaterThan(Number(second?.y1));
    const x1 = fig.layout.xaxis;
    const x3 = fig.layout.xaxis3;
    if (!isRecord(x1) || !isRecord(x3)) throw new Error("no axes");
    // Every subplot has its tick marks; the labels, the same in every row, show under the last row.
    expect(nums(x1.tickvals)).toEqual(nums(x3.tickvals));
    expect(nums(x3.tickvals).length).toBeGreaterThanOrEqual(depth);
    expect(Array.isArray(x1.ticktext) && x1.ticktext.every((t) => t === "")).toBe(true);
    expect(Array.isArray(x3.ticktext) && x3.ticktext).toContain("0");
  });
});

describe("what the packed grid leaves to one axis pair per Axes", () => {
  it.each([
    ["visible y ticks", "ax.hist(v, 10)"],
    ["a line", "ax.hist(v, 10); ax.set_yticks([]); ax.plot([0, 1], [0, 1])"],
    ["an x label", "ax.hist(v, 10); ax.set_yticks([]); ax.set_xlabel('x')"],
  ])("a 2 x 3 grid with %s", (_what, body) => {
    const outputs: Output[] = [];
    const code = `import numpy as np
import matplotlib.pyplot as plt
v = np.linspace(0, 1, 50)
fig, axes = plt.subplots(2, 3)
for ax in axes.ravel():
    ${body}
plt.show()
`;
    expect(createSession().execute(code, { onOutput: (o) => outputs.push(o) }).ok).toBe(true);
    const f = outputs.flatMap((o) => (o.output_type === "display_data" ? [o.data[PLOTLY_MIME]] : []))[0];
    if (!isRecord(f) || !isRecord(f.layout)) throw new Error("not a figure");
    expect(Object.keys(f.layout).filter((k) => /^xaxis\d*$/.test(k))).toHaveLength(6);
  });
});

describe("niceTicks", () => {
  it.each([
    [-1.1, 1.1, 3, [-1, 0, 1]],
    [-1.1, 1.1, 5, [-1, -0.5, 0, 0.5, 1]],
    [0, 2.1, 3, [0, 1, 2]],
    [-1.5, 1.5, 4, [-1, 0, 1]],
    [0.05, 0.35, 4, [0.1, 0.2, 0.3]],
    [-1.1, 1.1, 1, [0]],
  ])("niceTicks(%d, %d, %d)", (lo, hi, max, expected) => {
    expect(niceTicks(lo, hi, max)).toEqual(expected);
  });
});

describe("the lesson's show_histograms (scripts/lesson/lesson.src)", () => {
  const src = readFileSync(resolve(import.meta.dirname, "../../scripts/lesson/lesson.src"), "utf8");
  const start = src.indexOf("def show_histograms");
  const fn = src.slice(start, src.indexOf("\n\n", start));

  function lessonGrid(depth: number): Figure {
    const outputs: Output[] = [];
    const code = `import numpy as np
import matplotlib.pyplot as plt
np.random.seed(1)
depth = ${depth}
results = {name: (None, [np.tanh(np.random.randn(20, 50)) for l in range(depth)]) for name in ["naive", "Xavier", "He"]}
${fn}
show_histograms(results, "tanh", (-1, 1))
`;
    const result = createSession().execute(code, { onOutput: (o) => outputs.push(o) });
    expect(result.ok).toBe(true);
    const f = outputs.flatMap((o) => (o.output_type === "display_data" ? [o.data[PLOTLY_MIME]] : []))[0];
    if (!isRecord(f) || !Array.isArray(f.data) || !isRecord(f.layout)) throw new Error("not a figure");
    return { data: f.data.filter(isRecord), layout: f.layout };
  }

  function titles(fig: Figure): unknown[] {
    const annotations = Array.isArray(fig.layout.annotations) ? fig.layout.annotations.filter(isRecord) : [];
    return annotations.map((a) => a.text);
  }

  it.each([
    [1, 1, ["naive, layer 1"], "tanh: activations of each layer"],
    [10, 1, ["naive, layer 1", "He, layer 10"], "tanh: activations of each layer"],
    [30, 3, ["naive, layer 3", "He, layer 30"], "tanh: activations of every 3 layers (10 of 30)"],
    [25, 3, ["naive, layer 1", "He, layer 25"], "tanh: activations of every 3 layers (9 of 25)"],
  ])(
    "at depth %i shows every %i-th layer, ending with the last, and says so",
    (depth, step, some, suptitle) => {
      const fig = lessonGrid(depth);
      const columns = Math.ceil(depth / step);
      const shapes = Array.isArray(fig.layout.shapes) ? fig.layout.shapes : [];
      // One trace per Axes, or, packed, one trace per row and a frame per Axes.
      expect(fig.data.length === 3 * columns || shapes.length === 3 * columns).toBe(true);
      expect(titles(fig)).toEqual(expect.arrayContaining(some));
      expect(titles(fig)).not.toContain(`naive, layer ${depth + 1}`);
      const title = fig.layout.title;
      expect(isRecord(title) ? title.text : undefined).toBe(suptitle);
    },
  );
});
