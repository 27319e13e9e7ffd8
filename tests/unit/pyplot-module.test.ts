import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultPrintOptions, arrayRepr, arrayStr } from "../../src/kernel/nd/format.ts";
import { NDArray } from "../../src/kernel/nd/ndarray.ts";
import { ALT_KEY, PLOTLY_MIME, parseFormat, pyplotModule } from "../../src/kernel/modules/pyplot/module.ts";
import type { MimeBundle } from "../../src/protocol.ts";
import {
  callValue,
  type KernelContext,
  type Kwargs,
  PyFloat,
  PyList,
  PyModule,
  PyObject,
  PySlice,
  PyTuple,
  type PyValue,
  pyRepr,
  pyToStr,
  raise,
  type SlotKey,
  toArray,
} from "../../src/kernel/py/values.ts";

interface Displayed {
  data: MimeBundle;
  metadata: Record<string, unknown> | undefined;
}

/** A kernel context without the interpreter: records displays and runs cell-end hooks on demand. */
function fakeKernel() {
  const slots = new Map<SlotKey<unknown>, unknown>();
  const hooks: (() => void)[] = [];
  const displayed: Displayed[] = [];
  const options = defaultPrintOptions();
  const ctx: KernelContext = {
    write: () => {},
    sleep() {},
    readLine: () => null,
    display: (data, metadata) => {
      displayed.push({ data, metadata });
    },
    slot<T>(key: SlotKey<T>): T {
      if (!slots.has(key)) slots.set(key, key.init(ctx));
      // The map holds exactly what key.init returned for this key.
      return slots.get(key) as T;
    },
    onCellEnd: (hook) => {
      hooks.push(hook);
    },
    formatArray: (a, mode) => (mode === "repr" ? arrayRepr(a, options) : arrayStr(a, options)),
    now: () => 0,
    importModule: (name) => raise("ModuleNotFoundError", name),
  };
  const plt = pyplotModule(ctx);
  const attr = (obj: PyModule | PyValue, name: string): PyValue => {
    if (obj instanceof PyModule) {
      const v = obj.attrs.get(name);
      if (v === undefined) throw new Error(`no ${name}`);
      return v;
    }
    if (obj instanceof PyObject) {
      const v = obj.getattr(name, ctx);
      if (v === undefined) throw new Error(`no ${name}`);
      return v;
    }
    throw new Error(`no ${name}`);
  };
  const call = (
    obj: PyModule | PyValue,
    name: string,
    args: PyValue[] = [],
    kw: Record<string, PyValue> = {},
  ) => {
    const kwargs: Kwargs = new Map(Object.entries(kw));
    return callValue(ctx, attr(obj, name), args, kwargs.size > 0 ? kwargs : null);
  };
  const endCell = () => {
    for (const h of hooks) h();
  };
  const item = (obj: PyValue, key: PyValue): PyValue => {
    if (obj instanceof PyTuple && typeof key === "number") return obj.items[key] ?? null;
    if (!(obj instanceof PyObject)) throw new Error("not subscriptable");
    const v = obj.getitem(key, ctx);
    if (v === undefined) throw new Error("not subscriptable");
    return v;
  };
  return {
    ctx,
    plt,
    call,
    attr,
    item,
    displayed,
    endCell,
    repr: (v: PyValue) => pyRepr(v, ctx),
    str: (v: PyValue) => pyToStr(v, ctx),
  };
}

const X = Float64Array.from({ length: 200 }, (_, i) => ((i * 7919) % 1000) / 100 - 5);
const xs = (shape: number[] = [200]) => NDArray.fromData("float64", Float64Array.from(X), shape);
const tuple = (...items: PyValue[]) => new PyTuple(items);
const f = (v: number) => new PyFloat(v);

const fixture: { cases: Record<string, { repr: string; rects: string[][] }> } = JSON.parse(
  readFileSync(new URL("../fixtures/pyplot/hist_fixture.json", import.meta.url), "utf8"),
);

describe("plt.hist", () => {
  it("returns (counts, bins, patches) as matplotlib does", () => {
    const k = fakeKernel();
    const runs: [string, PyValue[], Record<string, PyValue>][] = [
      ["default", [xs()], {}],
      ["bins_range", [xs(), 7], { range: tuple(-3, 3) }],
      ["density", [xs(), 5], { density: true }],
      ["columns", [xs([50, 4]), 4], {}],
      ["edges", [xs(), new PyList([-5, -1, 0, 1, 5])], {}],
    ];
    const got = runs.map(([, args, kw]) => {
      const r = k.call(k.plt, "hist", args, kw);
      const patches = r instanceof PyTuple ? (r.items[2] ?? null) : null;
      const containers = args[0] instanceof NDArray && args[0].ndim === 2 ? [0, 1, 2, 3] : [null];
      const rects = containers.map((c) => {
        const container = c === null ? patches : k.item(patches, c);
        return [0, 1].map((i) => k.repr(k.item(container, i)));
      });
      return { repr: k.repr(r), rects };
    });
    expect(got).toEqual(
      runs.map(([name]) => {
        const c = fixture.cases[name]!;
        return { repr: c.repr, rects: c.rects.map((r) => r.slice(0, 2)) };
      }),
    );
  });
});

describe("plt.subplots", () => {
  it("returns a figure and a squeezed object array of Axes that indexes like numpy", () => {
    const k = fakeKernel();
    const r = k.call(k.plt, "subplots", [2, 3], { figsize: tuple(9, 4) });
    if (!(r instanceof PyTuple)) throw new Error("tuple");
    const [fig = null, axes = null] = r.items;
    const ax12 = k.item(axes, tuple(1, 2));
    k.call(ax12, "set_title", ["last"]);
    const row = k.item(axes, 0);
    const col = k.item(axes, tuple(new PySlice(null, null, null), -1));
    expect({
      fig: k.repr(fig),
      shape: k.repr(k.attr(axes, "shape")),
      ax12: k.repr(ax12),
      same: k.item(axes, tuple(-1, -1)) === ax12,
      row: k.repr(row),
      col: k.repr(col),
      flat: k.repr(k.attr(k.attr(axes, "flat"), "shape")),
      ravel: k.repr(k.attr(k.call(axes, "ravel"), "shape")),
      rows: toArray(axes, k.ctx).length,
      one: k.repr(k.call(k.plt, "subplots")),
      line: k.repr(k.attr(k.item(k.call(k.plt, "subplots", [1, 2]), 1), "shape")),
    }).toEqual({
      fig: "<Figure size 900x400 with 6 Axes>",
      shape: "(2, 3)",
      ax12: "<Axes: title={'center': 'last'}>",
      same: true,
      row: "array([<Axes: >, <Axes: >, <Axes: >], dtype=object)",
      col: "array([<Axes: >, <Axes: title={'center': 'last'}>], dtype=object)",
      flat: "(6,)",
      ravel: "(6,)",
      rows: 2,
      one: "(<Figure size 640x480 with 1 Axes>, <Axes: >)",
      line: "(2,)",
    });
    expect(() => k.item(axes, tuple(2, 0))).toThrow("index 2 is out of bounds for axis 0 with size 2");
    expect(() => k.item(axes, tuple(0, 0, 0))).toThrow(
      "too many indices for array: array is 2-dimensional, but 3 were indexed",
    );
  });
});

describe("pyplot return values", () => {
  it("prints Text, Line2D lists, ticks and figures as matplotlib does", () => {
    const k = fakeKernel();
    const title = k.call(k.plt, "title", ["1-layer"]);
    const xl = k.call(k.plt, "xlabel", ["x"]);
    const yl = k.call(k.plt, "ylabel", ["y"]);
    const sup = k.call(k.plt, "suptitle", ["all"]);
    const yt = k.call(k.plt, "yticks", [new PyList([]), new PyList([])]);
    const lim = k.call(k.plt, "xlim", [0, 1]);
    const lines = k.call(k.plt, "plot", [new PyList([1, 2, 3])]);
    const gca = k.call(k.plt, "gca");
    expect([title, xl, yl, sup, yt, lim, gca].map(k.repr)).toEqual([
      "Text(0.5, 1.0, '1-layer')",
      "Text(0.5, 0, 'x')",
      "Text(0, 0.5, 'y')",
      "Text(0.5, 0.98, 'all')",
      "([], [])",
      "(0.0, 1.0)",
      "<Axes: title={'center': '1-layer'}, xlabel='x', ylabel='y'>",
    ]);
    expect(k.repr(lines)).toMatch(/^\[<matplotlib\.lines\.Line2D object at 0x[0-9a-f]{12}>\]$/);
    expect(k.repr(k.call(k.plt, "gcf"))).toBe("<Figure size 640x480 with 1 Axes>");
  });

  it("rejects what matplotlib rejects", () => {
    const k = fakeKernel();
    expect(() => k.call(k.plt, "subplot", [2, 2, 5])).toThrow(
      "num must be an integer with 1 <= num <= 4, not 5",
    );
    expect(() => k.call(k.plt, "plot", [new PyList([1, 2]), new PyList([1, 2, 3])])).toThrow(
      "x and y must have same first dimension, but have shapes (2,) and (3,)",
    );
    expect(() => k.call(k.plt, "plot", [new PyList([1, 2])], { colour: "r" })).toThrow(
      "Line2D.set() got an unexpected keyword argument 'colour'",
    );
    expect(() => k.call(k.plt, "yscale", ["loog"])).toThrow("'loog' is not a valid value for scale");
  });
});

describe("emission", () => {
  it("emits each open figure once at plt.show() or cell end, then closes it", () => {
    const k = fakeKernel();
    k.call(k.plt, "figure", [], { figsize: tuple(f(10), f(3)) });
    k.call(k.plt, "subplot", [1, 2, 1]);
    k.call(k.plt, "hist", [xs(), 4]);
    k.call(k.plt, "title", ["w"]);
    k.call(k.plt, "show");
    k.call(k.plt, "figure");
    k.endCell();
    k.endCell();
    expect(
      k.displayed.map((d) => [d.data["text/plain"], PLOTLY_MIME in d.data, d.metadata?.[ALT_KEY] ?? null]),
    ).toEqual([
      [
        "<Figure size 1000x300 with 1 Axes>",
        true,
        'Figure with 1 plot. Plot: title "w". Histogram of 200 values (mean -0.045, std 2.91): 4 bins from -5 to 4.87, counts 50, 49, 49, 52.',
      ],
      ["<Figure size 640x480 with 0 Axes>", false, null],
    ]);
  });
});

describe("parseFormat", () => {
  it("splits matplotlib format strings into colour, marker and line style", () => {
    expect(["ro--", "b", "o", "k:", "C2-.", "s-"].map(parseFormat)).toEqual([
      { color: "#ff0000", marker: "o", linestyle: "dashed" },
      { color: "#0000ff", marker: null, linestyle: null },
      { color: null, marker: "o", linestyle: "none" },
      { color: "#000000", marker: null, linestyle: "dotted" },
      { color: "#2ca02c", marker: null, linestyle: "dashdot" },
      { color: null, marker: "s", linestyle: "solid" },
    ]);
    expect(() => parseFormat("rq")).toThrow("'rq' is not a valid format string (unrecognized character 'q')");
  });
});

describe("plt.subplot", () => {
  it("accepts the three-digit form and reuses an existing Axes", () => {
    const k = fakeKernel();
    const a = k.call(k.plt, "subplot", [231]);
    const b = k.call(k.plt, "subplot", [2, 3, 1]);
    k.call(k.plt, "subplot", [2, 3, 6]);
    expect([a === b, k.repr(k.call(k.plt, "gcf"))]).toEqual([true, "<Figure size 640x480 with 2 Axes>"]);
    expect(() => k.call(k.plt, "subplot", [2311])).toThrow(
      "Integer subplot specification must be a three-digit number, not 2311",
    );
  });
});
