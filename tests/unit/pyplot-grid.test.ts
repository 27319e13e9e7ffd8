/**
 * The figure JSON of the lesson's histogram grid (`show_histograms` as in
 * scripts/lesson/lesson.src), built through `session.execute`: one bar trace of
 * bin counts per subplot, never the raw samples, at depth 10 and 30; and the
 * lesson's own function, which past 10 layers shows every k-th layer.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { createSession } from "../../src/kernel/session.ts";
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

describe.each([10, 30])("the 3 x %i histogram grid", (depth) => {
  const fig = figureOf(depth);

  it("has one bar trace a subplot, each on its own axes", () => {
    expect(fig.data).toHaveLength(3 * depth);
    expect(fig.data.every((t) => t.type === "bar")).toBe(true);
    expect(new Set(fig.data.map((t) => t.xaxis)).size).toBe(3 * depth);
    expect(Object.keys(fig.layout).filter((k) => /^xaxis\d*$/.test(k))).toHaveLength(3 * depth);
  });

  it("carries 30 bin counts per trace, not the 50,000 samples", () => {
    for (const t of fig.data) {
      expect(Array.isArray(t.x) && t.x.length).toBe(30);
      expect(Array.isArray(t.y) && t.y.length).toBe(30);
      const y = Array.isArray(t.y) ? t.y : [];
      expect(y.every((c) => typeof c === "number" && Number.isInteger(c) && c >= 0)).toBe(true);
      expect(y.reduce((a: number, c) => a + (typeof c === "number" ? c : 0), 0)).toBe(50_000);
      // No outlines: one path per bar, none for its border.
      expect(isRecord(t.marker) && isRecord(t.marker.line) && t.marker.line.width).toBe(0);
    }
    expect(JSON.stringify(fig).length).toBeLessThan(3 * depth * 3_000);
  });

  it("lays the layers out in rows by init, within the display width", () => {
    expect(fig.layout.width).toBeLessThanOrEqual(960);
    const annotations = Array.isArray(fig.layout.annotations) ? fig.layout.annotations.filter(isRecord) : [];
    expect(annotations.map((a) => a.text)).toContain(`He, layer ${depth}`);
    const x1 = fig.layout.xaxis;
    const x2 = fig.layout[`xaxis${depth + 1}`];
    // The first Axes of row 2 sits under the first of row 1.
    expect(isRecord(x1) && isRecord(x2) && x1.domain).toEqual(isRecord(x2) ? x2.domain : null);
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
      expect(fig.data).toHaveLength(3 * columns);
      expect(titles(fig)).toEqual(expect.arrayContaining(some));
      expect(titles(fig)).not.toContain(`naive, layer ${depth + 1}`);
      const title = fig.layout.title;
      expect(isRecord(title) ? title.text : undefined).toBe(suptitle);
    },
  );
});
