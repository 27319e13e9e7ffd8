import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { createAnalysisCache } from "./deps.ts";
import { type DepCell, downstream } from "./downstream.ts";
import { type FormParam, type FormValue, parseForms, setParam } from "./forms.ts";
import { parseIpynb } from "./ipynb.ts";

const lessonText = readFileSync(
  new URL("../../public/notebooks/8-4-initializers.ipynb", import.meta.url),
  "utf8",
);
const LESSON: DepCell[] = parseIpynb(lessonText).doc.cells.map((c) => ({
  id: c.id,
  source: c.source,
  cell_type: c.cell_type,
}));
const codeIds = LESSON.filter((c) => c.cell_type === "code").map((c) => c.id);
const after = (id: string): string[] => codeIds.slice(codeIds.indexOf(id) + 1);

/** A value other than the current one, as a form or the scrubber would set it. */
function otherValue(p: FormParam): FormValue {
  if (p.options !== undefined) {
    const other = p.options.find((o) => o !== p.value);
    if (other === undefined) throw new Error(`${p.name} has one option`);
    return other;
  }
  if (typeof p.value === "number") return p.value + (p.step ?? 1);
  throw new Error(`${p.name}: no other value for ${String(p.value)}`);
}

// Worked out by hand from the cells, as a reader of the lesson would:
// - `seed` restarts the random stream: every later cell that draws re-runs; the cells that only
//   define functions (xavier-def, he-def, mlp-def) do not.
// - `n_samples`, `width`, `depth` reach the deep cells through `X` and through the bodies of
//   `forward`, `show_histograms`, `show_layer_stats`; the training cell reads none of them, and
//   `inits`, `activate` (re-created unchanged by deep-setup) do not pass anything on.
// - `naive_scale` is read by `naive_init`'s body, which `inits` holds: the training cell trains
//   with `inits["naive"]`, so it re-runs too.
// - The parameters of `gradients` and `train` reach no later cell.
const EXPECTED: Record<string, string[]> = {
  "seed:seed": after("seed").filter((id) => !["xavier-def", "he-def", "mlp-def"].includes(id)),
  "deep-setup:n_samples": ["deep-tanh", "deep-relu", "theory", "gradients"],
  "deep-setup:width": ["deep-tanh", "deep-relu", "theory", "gradients"],
  "deep-setup:depth": ["deep-tanh", "deep-relu", "theory", "gradients"],
  "deep-setup:naive_scale": ["deep-tanh", "deep-relu", "theory", "gradients", "train"],
  "gradients:activation": [],
  "gradients:grad_range": [],
  "train:activation": [],
  "train:init_name": [],
  "train:hidden": [],
  "train:n_hidden": [],
  "train:batch": [],
  "train:steps": [],
  "train:learning_rate": [],
};

const PARAMS = LESSON.flatMap((cell) =>
  cell.cell_type === "code" ? parseForms(cell.source).params.map((p) => ({ cell, p })) : [],
);

describe("downstream on the lesson's cells", () => {
  test("the table covers every #@param of the lesson", () => {
    expect(PARAMS.map(({ cell, p }) => `${cell.id}:${p.name}`).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  const cache = createAnalysisCache();
  test.each(PARAMS.map(({ cell, p }) => [`${cell.id}:${p.name}`, cell, p] as const))(
    "moving %s re-runs exactly its readers",
    (key, cell, p) => {
      const source = setParam(cell.source, p.name, otherValue(p));
      expect(source).not.toBe(cell.source);
      const cells = LESSON.map((c) => (c.id === cell.id ? { ...c, source } : c));
      const got = downstream(cells, cell.id, { cache, randomState: "reseed", previousSource: cell.source });
      expect(got).toEqual(EXPECTED[key]);
    },
  );

  test("depth re-runs the deep cells and not mlp-def or the training cell", () => {
    const cell = LESSON.find((c) => c.id === "deep-setup");
    if (cell === undefined) throw new Error("no deep-setup");
    const source = setParam(cell.source, "depth", 11);
    const cells = LESSON.map((c) => (c.id === cell.id ? { ...c, source } : c));
    const got = downstream(cells, cell.id, { randomState: "reseed", previousSource: cell.source });
    expect(got).toContain("deep-tanh");
    expect(got).not.toContain("mlp-def");
    expect(got).not.toContain("train");
  });

  test("without the previous source every statement of the changed cell counts as changed", () => {
    // Then `activate` may have changed, and mlp-def and the training cell, which call it, re-run.
    expect(downstream(LESSON, "deep-setup", { randomState: "reseed" })).toEqual([
      "deep-tanh",
      "deep-relu",
      "theory",
      "gradients",
      "train",
    ]);
  });
});

describe("downstream: functions and their globals", () => {
  test("a caller depends on the globals its callee reads, through several functions", () => {
    const cells: DepCell[] = [
      { id: "p", source: "k = 2" },
      { id: "f", source: "def f(x):\n    return x * k\n\ndef g(x):\n    return f(x) + 1" },
      { id: "use", source: "y = g(3)" },
      { id: "other", source: "z = 1" },
    ];
    expect(downstream(cells, "p", { previousSource: "k = 1" })).toEqual(["use"]);
  });

  test("a changed function body re-runs its callers and the holders' readers", () => {
    const cells: DepCell[] = [
      { id: "f", source: "def f(x):\n    return x * 3" },
      { id: "hold", source: "fs = {'f': f}" },
      { id: "use", source: "y = fs['f'](3)" },
    ];
    expect(downstream(cells, "f", { previousSource: "def f(x):\n    return x * 2" })).toEqual([
      "hold",
      "use",
    ]);
  });

  test("a re-created object that a later cell mutates is a new value", () => {
    const cells: DepCell[] = [
      { id: "a", source: "n = 2\nacc = []" },
      { id: "fill", source: "acc.append(1)" },
      { id: "read", source: "print(len(acc))" },
    ];
    expect(downstream(cells, "a", { previousSource: "n = 1\nacc = []" })).toEqual(["fill", "read"]);
  });

  test("an unchanged statement that draws random numbers makes a new value when its cell re-runs", () => {
    const cells: DepCell[] = [
      { id: "a", source: "n = 2\nX = np.random.randn(3)" },
      { id: "read", source: "print(X)" },
    ];
    expect(
      downstream(cells, "a", { randomState: "reseed", previousSource: "n = 1\nX = np.random.randn(3)" }),
    ).toEqual(["read"]);
    expect(
      downstream(cells, "a", { randomState: "ignore", previousSource: "n = 1\nX = np.random.randn(3)" }),
    ).toEqual([]);
  });
});
