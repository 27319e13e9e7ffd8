/**
 * `matplotlib` and `matplotlib.pyplot` for the kernel: pyplot's state machine
 * and the Figure/Axes objects, built on the figure model of `figure.ts`.
 *
 * Figures are emitted as `display_data` (Plotly JSON + `<Figure size ...>`
 * text, alt text in `metadata["initlab/alt"]`) at `plt.show()` and at the end
 * of every cell, then closed, as Jupyter's inline backend does. `hist` bins
 * with the array library's `np.histogram` and returns `(counts, bins,
 * patches)` as matplotlib does; the figure keeps only counts and edges.
 */
import { histogram } from "../../nd/stats.ts";
import { NDArray } from "../../nd/ndarray.ts";
import { toNDArray } from "../numpy/convert.ts";
import {
  type BuiltinImpl,
  isStr,
  type KernelContext,
  type Kwargs,
  makeBuiltin,
  makeMethod,
  makeModule,
  NpScalar,
  PyDict,
  PyFloat,
  PyList,
  type PyModule,
  PyObject,
  PyTuple,
  type PyValue,
  parseArgs,
  pyFloat,
  raise,
  SlotKey,
  strRepr,
  toArray,
  toIndex,
  toNumber,
  truthy,
  typeName,
} from "../../py/values.ts";
import * as F from "./figure.ts";
import { ObjectArray } from "./object-array.ts";
import { toPlotly } from "./to-plotly.ts";
import {
  type AddressBook,
  AddressedObj,
  BarContainerObj,
  nextAddress,
  RectangleObj,
  SilentListObj,
  TextObj,
} from "./objects.ts";

export const PLOTLY_MIME = "application/vnd.plotly.v1+json";
/** The output metadata key holding a figure's text alternative. */
export const ALT_KEY = "initlab/alt";

/** One session's pyplot: the figure state and the Python objects that stand for its figures and Axes. */
interface Session {
  readonly plt: F.PyplotState;
  readonly figures: WeakMap<F.Figure, FigureObj>;
  readonly axes: WeakMap<F.Axes, AxesObj>;
  readonly addresses: AddressBook;
}

const SESSION = new SlotKey<Session>("pyplot", () => ({
  plt: F.createPyplotState(),
  figures: new WeakMap(),
  axes: new WeakMap(),
  addresses: { next: 0 },
}));

function session(ctx: KernelContext): Session {
  return ctx.slot(SESSION);
}

function figureObj(s: Session, f: F.Figure): FigureObj {
  let o = s.figures.get(f);
  if (o === undefined) {
    o = new FigureObj(s, f);
    s.figures.set(f, o);
  }
  return o;
}

function axesObj(s: Session, a: F.Axes): AxesObj {
  let o = s.axes.get(a);
  if (o === undefined) {
    o = new AxesObj(s, a);
    s.axes.set(a, o);
  }
  return o;
}

/** Emits every open figure (in creation order) and closes them all: `plt.show()` and cell end. */
export function flushFigures(ctx: KernelContext): void {
  const s = session(ctx);
  for (const fig of [...s.plt.figures]) {
    const text = F.figureText(fig);
    // IPython draws no image for a figure without Axes: only its text shows.
    if (fig.axes.length === 0) ctx.display({ "text/plain": text });
    else ctx.display({ [PLOTLY_MIME]: toPlotly(fig), "text/plain": text }, { [ALT_KEY]: F.altText(fig) });
  }
  F.closeFigure(s.plt, "all");
}

// ---------------------------------------------------------------------------
// Argument helpers

/** Calls `impl` with the arguments bound by `parseArgs` notation. */
function fn(
  name: string,
  params: readonly string[],
  impl: (v: (PyValue | undefined)[], ctx: KernelContext) => PyValue,
): BuiltinImpl {
  return (args, kwargs, ctx) => impl(parseArgs(name, params, args, kwargs), ctx);
}

function present(v: PyValue | undefined): v is PyValue {
  return v !== undefined && v !== null;
}

function str(v: PyValue | undefined, what: string): string {
  if (v === undefined || v === null) return "";
  if (isStr(v)) return v;
  if (typeof v === "number" || v instanceof PyFloat || v instanceof NpScalar) return String(toNumber(v));
  return raise("TypeError", `${what} must be a string, not ${typeName(v)}`);
}

function num(v: PyValue, what: string): number {
  return toNumber(v, `a real number (${what})`);
}

function optNum(v: PyValue | undefined, what: string): number | null {
  return present(v) ? num(v, what) : null;
}

/** A 1-D list of floats from an array_like (NaN kept). */
function floats(v: PyValue): number[] {
  const a = toNDArray(v, "float64");
  return Array.from(a.toFlatArray());
}

/** `figsize=(w, h)` in inches. */
function figsizeArg(v: PyValue | undefined): readonly [number, number] | undefined {
  if (!present(v)) return undefined;
  const items = v instanceof PyTuple || v instanceof PyList ? v.items : null;
  if (items === null || items.length !== 2) {
    return raise("ValueError", "figure size must be a sequence of two numbers (width, height) in inches");
  }
  const w = num(items[0] ?? null, "figsize");
  const h = num(items[1] ?? null, "figsize");
  if (!(w > 0 && h > 0 && Number.isFinite(w) && Number.isFinite(h))) {
    return raise("ValueError", `figure size must be positive finite not (${w}, ${h})`);
  }
  return [w, h];
}

function shareArg(v: PyValue | undefined, name: string): F.ShareMode {
  if (v === undefined || v === false || v === null) return "none";
  if (v === true) return "all";
  if (isStr(v) && (v === "all" || v === "row" || v === "col" || v === "none")) return v;
  return raise(
    "ValueError",
    `${strRepr(isStr(v) ? v : typeName(v))} is not a valid value for ${name}; supported values are 'all', 'row', 'col', 'none'`,
  );
}

/** A matplotlib colour: a name/hex string, `C0`, or an (r, g, b[, a]) tuple of 0..1 floats. */
function colorArg(v: PyValue | undefined): string | null {
  if (!present(v)) return null;
  if (isStr(v)) return F.resolveColor(v);
  if (v instanceof PyTuple || v instanceof PyList) {
    const c = v.items.map((x) => num(x, "color"));
    if ((c.length === 3 || c.length === 4) && c.every((x) => x >= 0 && x <= 1)) {
      const [r = 0, g = 0, b = 0, a = 1] = c;
      const to255 = (x: number): number => Math.round(x * 255);
      return `rgba(${to255(r)},${to255(g)},${to255(b)},${a})`;
    }
  }
  return raise("ValueError", `Invalid RGBA argument: ${typeName(v)}`);
}

const LINESTYLES: Record<string, F.LineStyle> = {
  "-": "solid",
  solid: "solid",
  "--": "dashed",
  dashed: "dashed",
  ":": "dotted",
  dotted: "dotted",
  "-.": "dashdot",
  dashdot: "dashdot",
  "": "none",
  " ": "none",
  None: "none",
  none: "none",
};

const MARKERS = new Set<string>(["o", ".", "s", "^", "v", "<", ">", "x", "+", "*", "D", "d"]);

function isMarker(m: string): m is F.MarkerName {
  return MARKERS.has(m);
}

function linestyleArg(v: PyValue | undefined): F.LineStyle | undefined {
  if (v === undefined) return undefined;
  if (v === null) return "none";
  const ls = isStr(v) ? LINESTYLES[v] : undefined;
  if (ls === undefined) {
    return raise(
      "ValueError",
      `${pyReprText(v)} is not a valid value for ls; supported values are '-', '--', '-.', ':', 'None', ' ', '', 'solid', 'dashed', 'dashdot', 'dotted'`,
    );
  }
  return ls;
}

function markerArg(v: PyValue | undefined): F.MarkerName | null | undefined {
  if (v === undefined) return undefined;
  if (v === null || v === "" || v === "None" || v === "none" || v === " ") return null;
  if (isStr(v) && isMarker(v)) return v;
  return raise("ValueError", `Unrecognized marker style ${pyReprText(v)}`);
}

function pyReprText(v: PyValue): string {
  return isStr(v) ? strRepr(v) : typeName(v);
}

/** What a format string sets; null where it says nothing. */
export interface PlotFormat {
  color: string | null;
  marker: F.MarkerName | null;
  linestyle: F.LineStyle | null;
}

/** matplotlib's `_process_plot_format`: `'ro--'` -> colour, marker, linestyle. */
export function parseFormat(fmt: string): PlotFormat {
  let color: string | null = null;
  let marker: F.MarkerName | null = null;
  let linestyle: F.LineStyle | null = null;
  let i = 0;
  const bad = (what: string): never =>
    raise("ValueError", `${strRepr(fmt)} is not a valid format string (${what})`);
  while (i < fmt.length) {
    const two = fmt.slice(i, i + 2);
    const c = fmt[i] ?? "";
    if (two === "--" || two === "-.") {
      if (linestyle !== null) bad("two linestyle symbols");
      linestyle = two === "--" ? "dashed" : "dashdot";
      i += 2;
    } else if (c === "-" || c === ":") {
      if (linestyle !== null) bad("two linestyle symbols");
      linestyle = c === "-" ? "solid" : "dotted";
      i += 1;
    } else if (/^C\d$/.test(two)) {
      if (color !== null) bad("two color symbols");
      color = F.resolveColor(two);
      i += 2;
    } else if ("bgrcmykw".includes(c)) {
      if (color !== null) bad("two color symbols");
      color = F.resolveColor(c);
      i += 1;
    } else if (isMarker(c)) {
      if (marker !== null) bad("two marker symbols");
      marker = c;
      i += 1;
    } else {
      bad(`unrecognized character ${strRepr(c)}`);
    }
  }
  if (linestyle === null && marker !== null) linestyle = "none";
  return { color, marker, linestyle };
}

/** Keyword arguments of an artist call: known ones read, harmless styling ones ignored, others rejected. */
class StyleKw {
  private readonly map: Map<string, PyValue>;
  constructor(
    kwargs: PyDict | Kwargs | null | undefined,
    /** matplotlib's class in `Line2D.set() got an unexpected keyword argument 'foo'`. */
    private readonly artist: string,
  ) {
    this.map = new Map();
    if (kwargs instanceof PyDict) {
      for (const [k, v] of kwargs.entries()) if (isStr(k)) this.map.set(k, v);
    } else if (kwargs) for (const [k, v] of kwargs) this.map.set(k, v);
  }
  take(...names: string[]): PyValue | undefined {
    let out: PyValue | undefined;
    for (const n of names) {
      if (this.map.has(n)) {
        out = this.map.get(n);
        this.map.delete(n);
      }
    }
    return out;
  }
  /** Raises for what is left, except the styling keywords we accept and do not draw. */
  done(ignored: readonly string[]): void {
    for (const k of this.map.keys()) {
      if (!ignored.includes(k)) {
        raise("AttributeError", `${this.artist}.set() got an unexpected keyword argument '${k}'`);
      }
    }
  }
}

const IGNORED_STYLE = [
  "zorder",
  "edgecolor",
  "ec",
  "facecolor",
  "fc",
  "antialiased",
  "aa",
  "markerfacecolor",
  "mfc",
  "markeredgecolor",
  "mec",
  "markeredgewidth",
  "mew",
  "fill",
  "hatch",
  "clip_on",
  "rasterized",
  "drawstyle",
  "solid_capstyle",
  "dash_capstyle",
];

function meanStd(xs: ArrayLike<number>): F.SampleStats {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i] ?? Number.NaN;
    if (Number.isFinite(v)) {
      n++;
      sum += v;
    }
  }
  const mean = n > 0 ? sum / n : Number.NaN;
  let ss = 0;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i] ?? Number.NaN;
    if (Number.isFinite(v)) ss += (v - mean) * (v - mean);
  }
  return { count: n, mean, std: n > 0 ? Math.sqrt(ss / n) : Number.NaN };
}

// ---------------------------------------------------------------------------
// Axes commands (shared by `ax.method` and `plt.function`)

/**
 * matplotlib's `_reshape_2D` for hist: a 1-D array (or a flat list) is one
 * dataset, a 2-D array one dataset per column, a list of arrays one each.
 */
function histDatasets(x: PyValue, ctx: KernelContext): NDArray[] {
  if (x instanceof NDArray) {
    if (x.ndim <= 1) return [x];
    if (x.ndim === 2) {
      const [r = 0, c = 0] = x.shape;
      const flat = x.toContiguousData();
      const cols: NDArray[] = [];
      for (let j = 0; j < c; j++) {
        const col = new Float64Array(r);
        for (let i = 0; i < r; i++) col[i] = flat[i * c + j] ?? Number.NaN;
        cols.push(NDArray.fromData("float64", col, [r]));
      }
      return cols;
    }
    return raise("ValueError", "x must have 2 or fewer dimensions");
  }
  const items = toArray(x, ctx);
  const nested = items.some((v) => v instanceof NDArray || v instanceof PyList || v instanceof PyTuple);
  if (!nested) return [toNDArray(x)];
  return items.map((v) => toNDArray(v));
}

function histCommand(
  _s: Session,
  axes: F.Axes,
  args: PyValue[],
  kwargs: Kwargs | null,
  ctx: KernelContext,
): PyValue {
  const [
    x,
    binsArg,
    rangeArg,
    densityArg,
    weights,
    cumulative,
    bottom,
    histtype,
    align,
    orientation,
    rwidth,
    logArg,
    color,
    label,
    stacked,
    extra,
  ] = parseArgs(
    "hist",
    [
      "x",
      "bins?",
      "range?",
      "density?",
      "weights?",
      "cumulative?",
      "bottom?",
      "histtype?",
      "align?",
      "orientation?",
      "rwidth?",
      "log?",
      "color?",
      "label?",
      "stacked?",
      "**kwargs",
    ],
    args,
    kwargs,
  );
  for (const [name, v, ok] of [
    ["weights", weights, null],
    ["cumulative", cumulative, false],
    ["bottom", bottom, null],
    ["rwidth", rwidth, null],
    ["stacked", stacked, false],
  ] as const) {
    if (present(v) && v !== ok)
      raise("NotImplementedError", `hist(${name}=...) is not supported in this notebook`);
  }
  if (present(orientation) && orientation !== "vertical") {
    raise("NotImplementedError", "hist(orientation='horizontal') is not supported in this notebook");
  }
  if (present(align) && align !== "mid")
    raise("NotImplementedError", "hist(align=...) other than 'mid' is not supported in this notebook");
  if (
    present(histtype) &&
    !(isStr(histtype) && ["bar", "barstacked", "step", "stepfilled"].includes(histtype))
  ) {
    raise(
      "ValueError",
      `${pyReprText(histtype)} is not a valid value for histtype; supported values are 'bar', 'barstacked', 'step', 'stepfilled'`,
    );
  }
  const style = new StyleKw(extra instanceof PyDict ? extra : null, "Rectangle");
  const alpha = optNum(style.take("alpha"), "alpha");
  const colorValue = style.take("color", "c") ?? color;
  style.take("linewidth", "lw", "linestyle", "ls");
  style.done(IGNORED_STYLE);
  const density = densityArg !== undefined && truthy(densityArg);
  const datasets = x === undefined ? [] : histDatasets(x, ctx);
  const values = datasets.map((d) => d.toContiguousData());
  // matplotlib bins all datasets over the range of all finite values (nanmin/nanmax) when none is given.
  let range: [number, number] | null = null;
  if (present(rangeArg)) {
    const r = toArray(rangeArg, ctx).map((v) => num(v, "range"));
    if (r.length !== 2) return raise("ValueError", "too many values to unpack (expected 2)");
    range = [r[0] ?? 0, r[1] ?? 0];
  } else {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const d of values) {
      for (let i = 0; i < d.length; i++) {
        const v = d[i] ?? Number.NaN;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    if (lo <= hi) range = [lo, hi];
  }
  let bins: number | NDArray = 10;
  if (present(binsArg)) {
    if (isStr(binsArg))
      return raise(
        "NotImplementedError",
        `hist(bins=${strRepr(binsArg)}) is not supported in this notebook; give a number of bins`,
      );
    bins =
      typeof binsArg === "number" || binsArg instanceof NpScalar || typeof binsArg === "boolean"
        ? toIndex(binsArg)
        : toNDArray(binsArg, "float64");
  }
  const nx = datasets.length;
  // One set of edges for every dataset, as matplotlib: numpy's edges of all the data over `range`.
  let edges: number[];
  let countsOf: (j: number) => number[];
  const first = datasets[0];
  if (nx === 1 && first !== undefined) {
    const h = histogram(first, bins, range);
    edges = h.edges.toFlatArray();
    countsOf = () => h.hist.toFlatArray();
  } else {
    const all = concat(values);
    edges = histogram(NDArray.fromData("float64", all, [all.length]), bins, range).edges.toFlatArray();
    const edgesNd = NDArray.fromData("float64", Float64Array.from(edges), [edges.length]);
    // Equal-width bins over the same range give numpy the same edges, counted without sorting.
    const lo = edges[0] ?? 0;
    const hi = edges[edges.length - 1] ?? 0;
    countsOf = (j) => {
      const d = datasets[j] ?? NDArray.fromData("float64", new Float64Array(0), [0]);
      const h = typeof bins === "number" ? histogram(d, bins, [lo, hi]) : histogram(d, edgesNd, null);
      return h.hist.toFlatArray();
    };
  }
  const labels = labelList(label, nx);
  // Several datasets take one colour each from a list (`color=["C0", "r"]`).
  const colors =
    nx > 1 && (colorValue instanceof PyList || colorValue instanceof PyTuple) && colorValue.items.some(isStr)
      ? colorValue.items.map((c) => colorArg(c))
      : new Array<string | null>(nx).fill(colorArg(colorValue));
  const tops: number[][] = [];
  const containers: BarContainerObj[] = [];
  values.forEach((d, j) => {
    let counts = countsOf(j);
    if (density) {
      // numpy: n / db / n.sum()
      const total = counts.reduce((p, c) => p + c, 0);
      counts = counts.map((c, i) => c / ((edges[i + 1] ?? 0) - (edges[i] ?? 0)) / total);
    }
    tops.push(counts);
    const artist = F.addHist(
      axes,
      { counts, edges, density, stats: meanStd(d), dodge: nx > 1 ? { index: j, count: nx } : null },
      { color: colors[j] ?? null, alpha, label: labels[j] ?? null },
    );
    const rects = counts.map((c, i) => {
      const { left, width } = F.histBarGeometry(artist, i);
      return new RectangleObj(left, 0, width, c);
    });
    containers.push(new BarContainerObj(rects));
  });
  if (logArg !== undefined && truthy(logArg)) axes.yscale = "log";
  const binsOut = NDArray.fromData("float64", Float64Array.from(edges), [edges.length]);
  if (nx === 1) {
    const t = tops[0] ?? [];
    return new PyTuple([
      NDArray.fromData("float64", Float64Array.from(t), [t.length]),
      binsOut,
      containers[0] ?? null,
    ]);
  }
  const nb = edges.length - 1;
  const topsArr = NDArray.fromData("float64", Float64Array.from(tops.flat()), [nx, nb]);
  return new PyTuple([topsArr, binsOut, new SilentListObj("BarContainer", containers)]);
}

function concat(parts: readonly ArrayLike<number>[]): Float64Array {
  const n = parts.reduce((p, a) => p + a.length, 0);
  const out = new Float64Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function labelList(label: PyValue | undefined, n: number): (string | null)[] {
  if (!present(label)) return new Array<string | null>(n).fill(null);
  if (label instanceof PyList || label instanceof PyTuple) return label.items.map((v) => str(v, "label"));
  return [str(label, "label"), ...new Array<string | null>(Math.max(0, n - 1)).fill(null)];
}

/** `plot([x], y, [fmt], [x2], y2, [fmt2], ..., **kwargs)`: returns the list of Line2D. */
function plotCommand(
  s: Session,
  axes: F.Axes,
  args: PyValue[],
  kwargs: Kwargs | null,
  _ctx: KernelContext,
): PyValue {
  const style = new StyleKw(kwargs, "Line2D");
  const colorKw = colorArg(style.take("color", "c"));
  const label = style.take("label");
  const lsKw = linestyleArg(style.take("linestyle", "ls"));
  const markerKw = markerArg(style.take("marker"));
  const lw = optNum(style.take("linewidth", "lw"), "linewidth");
  const ms = optNum(style.take("markersize", "ms"), "markersize");
  const alpha = optNum(style.take("alpha"), "alpha");
  if (present(style.take("data")))
    raise("NotImplementedError", "plot(data=...) is not supported in this notebook");
  style.done(IGNORED_STYLE);
  const lines: PyValue[] = [];
  let rest = [...args];
  while (rest.length > 0) {
    let group = rest.slice(0, 2);
    rest = rest.slice(2);
    if (rest.length > 0 && isStr(rest[0] ?? null)) {
      group = [...group, rest[0] ?? null];
      rest = rest.slice(1);
    }
    let fmt: PlotFormat = { color: null, marker: null, linestyle: null };
    const last = group[group.length - 1] ?? null;
    if (isStr(last)) {
      fmt = parseFormat(last);
      group = group.slice(0, -1);
    }
    const yv = group.length === 2 ? (group[1] ?? null) : (group[0] ?? null);
    const yArr = toNDArray(yv, "float64");
    const columns = yArr.ndim === 2 ? (yArr.shape[1] ?? 0) : 1;
    const nrows = yArr.ndim === 0 ? 1 : (yArr.shape[0] ?? 0);
    const yFlat = yArr.toFlatArray();
    const x = group.length === 2 ? floats(group[0] ?? null) : Array.from({ length: nrows }, (_, i) => i);
    if (x.length !== nrows) {
      return raise(
        "ValueError",
        `x and y must have same first dimension, but have shapes (${x.length},) and (${yArr.shape.join(", ")}${yArr.ndim === 1 ? "," : ""})`,
      );
    }
    const labels = labelList(label, columns);
    for (let j = 0; j < columns; j++) {
      const y: number[] = [];
      for (let i = 0; i < nrows; i++) y.push(yFlat[i * columns + j] ?? Number.NaN);
      const marker = markerKw !== undefined ? markerKw : fmt.marker;
      const linestyle = lsKw ?? fmt.linestyle ?? (marker !== null && fmt.marker !== null ? "none" : "solid");
      const line = F.addLine(
        axes,
        { x, y, stats: meanStd(y) },
        {
          color: colorKw ?? fmt.color,
          alpha,
          label: labels[j] ?? null,
          linestyle,
          marker,
          linewidth: lw,
          markersize: ms,
        },
      );
      lines.push(line2D(s, line));
    }
  }
  return new PyList(lines);
}

function line2D(s: Session, line: F.LineArtist): PyValue {
  return new AddressedObj(
    "Line2D",
    "matplotlib.lines.Line2D",
    nextAddress(s.addresses),
    new Map<string, () => PyValue>([
      ["get_color", () => line.color],
      ["get_label", () => line.label ?? ""],
      ["get_xdata", () => NDArray.fromData("float64", Float64Array.from(line.x), [line.x.length])],
      ["get_ydata", () => NDArray.fromData("float64", Float64Array.from(line.y), [line.y.length])],
    ]),
  );
}

/** `bar(x, height, width=0.8, bottom=None, *, align='center', **kwargs)`: returns a BarContainer. */
function barCommand(
  _s: Session,
  axes: F.Axes,
  args: PyValue[],
  kwargs: Kwargs | null,
  ctx: KernelContext,
): PyValue {
  const [xv, hv, wv, bv, align, color, label, extra] = parseArgs(
    "bar",
    ["x", "height", "width?", "bottom?", "*", "align?", "color?", "label?", "**kwargs"],
    args,
    kwargs,
  );
  const style = new StyleKw(extra instanceof PyDict ? extra : null, "Rectangle");
  const alpha = optNum(style.take("alpha"), "alpha");
  style.take("linewidth", "lw", "tick_label", "yerr", "xerr", "capsize");
  style.done(IGNORED_STYLE);
  const xItems =
    xv instanceof NDArray ? floats(xv) : toArray(xv ?? null, ctx).map((v) => (isStr(v) ? v : num(v, "x")));
  const n = xItems.length;
  const spread = (v: PyValue | undefined, dflt: number, what: string): number[] => {
    if (!present(v)) return new Array<number>(n).fill(dflt);
    if (typeof v === "number" || v instanceof PyFloat || v instanceof NpScalar || typeof v === "boolean") {
      return new Array<number>(n).fill(num(v, what));
    }
    const a = floats(v);
    if (a.length === 1) return new Array<number>(n).fill(a[0] ?? dflt);
    if (a.length !== n) {
      return raise(
        "ValueError",
        `shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape (${n},) and arg 1 with shape (${a.length},).`,
      );
    }
    return a;
  };
  const heights = spread(hv, 0, "height");
  const widths = spread(wv, 0.8, "width");
  const bottoms = present(bv) ? spread(bv, 0, "bottom") : null;
  const edge = align === "edge";
  if (present(align) && align !== "center" && !edge) {
    raise(
      "ValueError",
      `${pyReprText(align)} is not a valid value for align; supported values are 'center', 'edge'`,
    );
  }
  const x = xItems.map((v, i) => (edge && typeof v === "number" ? v + (widths[i] ?? 0) / 2 : v));
  const artist = F.addBar(
    axes,
    { x, heights, widths, bottoms },
    { color: colorArg(color), alpha, label: present(label) ? str(label, "label") : null },
  );
  const rects = heights.map((h, i) => {
    const xi = artist.x[i];
    const c = typeof xi === "number" ? xi : i;
    const w = widths[i] ?? 0.8;
    return new RectangleObj(c - w / 2, bottoms?.[i] ?? 0, w, h);
  });
  return new BarContainerObj(rects);
}

function limitsCommand(
  axes: F.Axes,
  axis: "x" | "y",
  args: PyValue[],
  kwargs: Kwargs | null,
  name: string,
): PyValue {
  const [a, b, left, right, emit, auto] = parseArgs(
    name,
    [
      "left?",
      "right?",
      "*",
      axis === "x" ? "left_kw?" : "bottom?",
      axis === "x" ? "right_kw?" : "top?",
      "emit?",
      "auto?",
    ],
    args,
    renameKw(kwargs, axis),
  );
  void emit;
  void auto;
  let lo: PyValue | undefined = a;
  let hi: PyValue | undefined = b;
  if (lo !== undefined && b === undefined && (lo instanceof PyTuple || lo instanceof PyList)) {
    const items = lo.items;
    lo = items[0];
    hi = items[1];
  }
  if (left !== undefined) lo = left;
  if (right !== undefined) hi = right;
  const current = axis === "x" ? axes.xlim : axes.ylim;
  if (lo === undefined && hi === undefined) return limitsTuple(axes, axis);
  const next: F.Limits = [
    lo === undefined ? (current?.[0] ?? null) : optNum(lo, name),
    hi === undefined ? (current?.[1] ?? null) : optNum(hi, name),
  ];
  if (axis === "x") axes.xlim = next;
  else axes.ylim = next;
  return limitsTuple(axes, axis);
}

/** `set_xlim(left=, right=)` / `set_ylim(bottom=, top=)` keywords mapped onto one signature. */
function renameKw(kwargs: Kwargs | null, axis: "x" | "y"): Kwargs | null {
  if (kwargs === null) return null;
  const out: Kwargs = new Map();
  for (const [k, v] of kwargs) {
    if (axis === "x" && k === "left") out.set("left_kw", v);
    else if (axis === "x" && k === "right") out.set("right_kw", v);
    else if (axis === "x" && k === "xmin") out.set("left_kw", v);
    else if (axis === "x" && k === "xmax") out.set("right_kw", v);
    else if (axis === "y" && k === "ymin") out.set("bottom", v);
    else if (axis === "y" && k === "ymax") out.set("top", v);
    else out.set(k, v);
  }
  return out;
}

/** The limits as matplotlib reports them; an automatic end is estimated from the data with 5% margins. */
function limitsTuple(axes: F.Axes, axis: "x" | "y"): PyValue {
  const lim = axis === "x" ? axes.xlim : axes.ylim;
  const auto = F.autoLimits(axes, axis);
  const lo = lim?.[0] ?? auto[0];
  const hi = lim?.[1] ?? auto[1];
  return new PyTuple([pyFloat(lo), pyFloat(hi)]);
}

function scaleCommand(axes: F.Axes, axis: "x" | "y", v: PyValue | undefined, name: string): PyValue {
  const scale: F.AxisScale | null = v === "linear" ? "linear" : v === "log" ? "log" : null;
  if (scale === null) {
    if (isStr(v ?? null) && ["symlog", "logit", "function", "functionlog", "asinh"].includes(String(v))) {
      return raise("NotImplementedError", `${name}(${strRepr(String(v))}) is not supported in this notebook`);
    }
    return raise(
      "ValueError",
      `${pyReprText(v ?? null)} is not a valid value for scale; supported values are 'asinh', 'function', 'functionlog', 'linear', 'log', 'logit', 'symlog'`,
    );
  }
  if (axis === "x") axes.xscale = scale;
  else axes.yscale = scale;
  return null;
}

/** `xticks(ticks=None, labels=None)`: returns `(locs, labels)` lists; `xticks([])` hides the ticks. */
function ticksCommand(
  s: Session,
  axes: F.Axes,
  axis: "x" | "y",
  ticks: PyValue | undefined,
  labels: PyValue | undefined,
  pair: boolean,
  ctx: KernelContext,
): PyValue {
  // Text positions print as the locator's numbers: ints for int ticks, floats otherwise.
  let intTicks: boolean | null = null;
  if (present(ticks)) {
    const tickArr = toNDArray(ticks);
    intTicks = tickArr.dtype === "int64" || tickArr.dtype === "bool";
    const values = floats(ticks);
    const texts = present(labels) ? toArray(labels, ctx).map((v) => str(v, "label")) : null;
    if (texts !== null && texts.length !== values.length) {
      return raise(
        "ValueError",
        `The number of FixedLocator locations (${values.length}), usually from a call to set_ticks, does not match the number of labels (${texts.length}).`,
      );
    }
    const t: F.Ticks = { values, labels: texts };
    if (axis === "x") axes.xticks = t;
    else axes.yticks = t;
  }
  const t = axis === "x" ? axes.xticks : axes.yticks;
  const values = t?.values ?? [];
  const tickObjs = values.map(
    () =>
      new AddressedObj(
        axis === "x" ? "XTick" : "YTick",
        `matplotlib.axis.${axis === "x" ? "XTick" : "YTick"}`,
        nextAddress(s.addresses),
      ),
  );
  if (!pair) return new PyList(tickObjs);
  const texts = t?.labels ?? F.tickLabels(values);
  const textObjs = values.map((v, i) => {
    const pos = (intTicks ?? Number.isInteger(v)) ? v : pyFloat(v);
    return axis === "x" ? new TextObj(pos, 0, texts[i] ?? "") : new TextObj(0, pos, texts[i] ?? "");
  });
  return new PyTuple([new PyList(tickObjs), new PyList(textObjs)]);
}

function legendCommand(
  s: Session,
  axes: F.Axes,
  args: PyValue[],
  kwargs: Kwargs | null,
  ctx: KernelContext,
): PyValue {
  if (args.length > 0) {
    // legend(labels) / legend(handles, labels): relabel the Axes' artists in order.
    const labels = toArray(args[args.length - 1] ?? null, ctx).map((v) => str(v, "label"));
    let i = 0;
    for (let k = 0; k < axes.artists.length && i < labels.length; k++) {
      const a = axes.artists[k];
      if (a !== undefined && (a.kind === "hist" || a.kind === "line" || a.kind === "bar")) {
        axes.artists[k] = { ...a, label: labels[i] ?? null };
        i++;
      }
    }
  }
  void kwargs;
  axes.legend = true;
  return new AddressedObj("Legend", "matplotlib.legend.Legend", nextAddress(s.addresses));
}

function axhlineCommand(s: Session, axes: F.Axes, args: PyValue[], kwargs: Kwargs | null): PyValue {
  const [y, , , extra] = parseArgs("axhline", ["y?", "xmin?", "xmax?", "**kwargs"], args, kwargs);
  const style = new StyleKw(extra instanceof PyDict ? extra : null, "Line2D");
  const color = colorArg(style.take("color", "c"));
  const ls = linestyleArg(style.take("linestyle", "ls"));
  const lw = optNum(style.take("linewidth", "lw"), "linewidth");
  style.take("alpha", "label");
  style.done(IGNORED_STYLE);
  const yv = present(y) ? num(y, "y") : 0;
  F.addHLine(axes, yv, { color, linestyle: ls ?? "solid", linewidth: lw });
  return new AddressedObj("Line2D", "matplotlib.lines.Line2D", nextAddress(s.addresses));
}

// ---------------------------------------------------------------------------
// Axes

/** `ax`: `<Axes: title={'center': 't'}, xlabel='x'>`, with matplotlib's Axes methods. */
export class AxesObj extends PyObject {
  readonly typeName = "Axes";
  constructor(
    readonly s: Session,
    readonly model: F.Axes,
  ) {
    super();
  }

  override repr(): string {
    const a = this.model;
    const fields: string[] = [];
    if (a.title !== "") fields.push(`title={'center': ${strRepr(a.title)}}`);
    if (a.xlabel !== "") fields.push(`xlabel=${strRepr(a.xlabel)}`);
    if (a.ylabel !== "") fields.push(`ylabel=${strRepr(a.ylabel)}`);
    return `<Axes: ${fields.join(", ")}>`;
  }

  override getattr(name: string): PyValue | undefined {
    const impl = axesMethod(this.s, this.model, name);
    if (impl !== undefined) return makeMethod("Axes", name, impl);
    if (name === "figure") return figureObj(this.s, this.model.figure);
    return undefined;
  }
}

/** `set_title(label)`, `set_xlabel(xlabel)`, `set_ylabel(ylabel)`: stores the text, returns its Text. */
function textSetter(
  name: string,
  param: string,
  set: (text: string) => void,
  made: (text: string) => TextObj,
): BuiltinImpl {
  return fn(name, [param, "fontdict?", "loc?", "pad?", "**kwargs"], ([label]) => {
    const text = str(label ?? null, param);
    set(text);
    return made(text);
  });
}

/** The implementation of `ax.<name>`, or undefined for no such method. */
function axesMethod(s: Session, axes: F.Axes, name: string): BuiltinImpl | undefined {
  switch (name) {
    case "hist":
      return (args, kwargs, ctx) => histCommand(s, axes, args, kwargs, ctx);
    case "plot":
      return (args, kwargs, ctx) => plotCommand(s, axes, args, kwargs, ctx);
    case "bar":
      return (args, kwargs, ctx) => barCommand(s, axes, args, kwargs, ctx);
    case "set_title":
      return textSetter(
        name,
        "label",
        (t) => {
          axes.title = t;
        },
        (t) => new TextObj(pyFloat(0.5), pyFloat(1), t),
      );
    case "set_xlabel":
      return textSetter(
        name,
        "xlabel",
        (t) => {
          axes.xlabel = t;
        },
        (t) => new TextObj(pyFloat(0.5), 0, t),
      );
    case "set_ylabel":
      return textSetter(
        name,
        "ylabel",
        (t) => {
          axes.ylabel = t;
        },
        (t) => new TextObj(0, pyFloat(0.5), t),
      );
    case "get_title":
      return () => axes.title;
    case "get_xlabel":
      return () => axes.xlabel;
    case "get_ylabel":
      return () => axes.ylabel;
    case "set_xlim":
      return (args, kwargs) => limitsCommand(axes, "x", args, kwargs, name);
    case "set_ylim":
      return (args, kwargs) => limitsCommand(axes, "y", args, kwargs, name);
    case "get_xlim":
      return () => limitsTuple(axes, "x");
    case "get_ylim":
      return () => limitsTuple(axes, "y");
    case "set_xscale":
      return fn(name, ["value", "**kwargs"], ([v]) => scaleCommand(axes, "x", v, name));
    case "set_yscale":
      return fn(name, ["value", "**kwargs"], ([v]) => scaleCommand(axes, "y", v, name));
    case "set_xticks":
      return fn(name, ["ticks", "labels?", "*", "minor?"], ([t, l], ctx) =>
        ticksCommand(s, axes, "x", t, l, false, ctx),
      );
    case "set_yticks":
      return fn(name, ["ticks", "labels?", "*", "minor?"], ([t, l], ctx) =>
        ticksCommand(s, axes, "y", t, l, false, ctx),
      );
    case "legend":
      return (args, kwargs, ctx) => legendCommand(s, axes, args, kwargs, ctx);
    case "grid":
      return fn(name, ["visible?", "which?", "axis?", "**kwargs"], ([v]) => {
        axes.grid = v === undefined || v === null ? !axes.grid : truthy(v);
        return null;
      });
    case "axhline":
      return (args, kwargs) => axhlineCommand(s, axes, args, kwargs);
    case "text":
      return fn(name, ["x", "y", "s", "fontdict?", "**kwargs"], ([x, y, t]) => {
        F.addText(axes, num(x ?? null, "x"), num(y ?? null, "y"), str(t ?? null, "s"));
        return new TextObj(x ?? null, y ?? null, str(t ?? null, "s"));
      });
    case "set":
      return (args, kwargs, ctx) => {
        if (args.length > 0)
          return raise("TypeError", "Artist.set() takes 1 positional argument but 2 were given");
        for (const [k, v] of kwargs ?? []) {
          const impl = axesMethod(s, axes, `set_${k}`);
          if (impl === undefined)
            return raise("AttributeError", `Axes.set() got an unexpected keyword argument '${k}'`);
          impl([v], null, ctx);
        }
        return null;
      };
    case "cla":
    case "clear":
      return () => {
        axes.artists.splice(0, axes.artists.length);
        axes.title = "";
        axes.xlabel = "";
        axes.ylabel = "";
        axes.xlim = null;
        axes.ylim = null;
        axes.legend = false;
        axes.lineCycle = 0;
        axes.patchCycle = 0;
        return null;
      };
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------
// Figure

/** `fig`: `<Figure size 640x480 with 1 Axes>`. */
export class FigureObj extends PyObject {
  readonly typeName = "Figure";
  constructor(
    readonly s: Session,
    readonly model: F.Figure,
  ) {
    super();
  }
  override repr(): string {
    return F.figureText(this.model);
  }
  override str(): string {
    const g = (v: number): string => String(Number(v.toPrecision(6)));
    return `Figure(${g(this.model.figsize[0] * this.model.dpi)}x${g(this.model.figsize[1] * this.model.dpi)})`;
  }
  override getattr(name: string): PyValue | undefined {
    const s = this.s;
    const fig = this.model;
    switch (name) {
      case "axes":
        return new PyList(fig.axes.map((a) => axesObj(s, a)));
      case "number":
        return fig.number;
      case "dpi":
        return pyFloat(fig.dpi);
      case "suptitle":
        return makeMethod(
          "Figure",
          name,
          fn(name, ["t", "**kwargs"], ([t]) => suptitle(fig, t)),
        );
      case "tight_layout":
      case "subplots_adjust":
      case "show":
        return makeMethod("Figure", name, () => null);
      case "add_subplot":
        return makeMethod("Figure", name, (args, kwargs) => {
          void kwargs;
          const spec = subplotArgs(args.length === 0 ? [1, 1, 1] : args);
          const a = F.addSubplot(fig, spec);
          F.setCurrentAxes(s.plt, a);
          return axesObj(s, a);
        });
      case "gca":
        return makeMethod("Figure", name, () =>
          axesObj(s, fig.current ?? F.addSubplot(fig, F.subplotSpec(1, 1, 1))),
        );
      case "get_size_inches":
        return makeMethod("Figure", name, () =>
          NDArray.fromData("float64", Float64Array.from(fig.figsize), [2]),
        );
      case "savefig":
        return makeMethod("Figure", name, () => savefigError());
      default:
        return undefined;
    }
  }
}

function suptitle(fig: F.Figure, t: PyValue | undefined): PyValue {
  const text = str(t ?? null, "suptitle");
  fig.suptitle = text;
  return new TextObj(pyFloat(0.5), pyFloat(0.98), text);
}

function savefigError(): never {
  return raise(
    "NotImplementedError",
    "savefig is not supported in this notebook: use the download button on the plot",
  );
}

/** `subplot(r, c, i)`, `subplot(231)`, `subplot(r, c, (first, last))`. */
function subplotArgs(args: readonly PyValue[]): F.SubplotSpec {
  if (args.length === 1) {
    const code = toIndex(args[0] ?? null);
    if (code < 100 || code > 999) {
      return raise("ValueError", `Integer subplot specification must be a three-digit number, not ${code}`);
    }
    return F.subplotSpec(Math.floor(code / 100), Math.floor(code / 10) % 10, code % 10);
  }
  if (args.length !== 3) {
    return raise("TypeError", `subplot() takes 1 or 3 positional arguments but ${args.length} were given`);
  }
  const r = toIndex(args[0] ?? null);
  const c = toIndex(args[1] ?? null);
  const i = args[2] ?? null;
  if (i instanceof PyTuple || i instanceof PyList) {
    const [a = 0, b = 0] = i.items.map(toIndex);
    return F.subplotSpec(r, c, [a, b]);
  }
  return F.subplotSpec(r, c, toIndex(i));
}

// ---------------------------------------------------------------------------
// The modules

/**
 * `matplotlib.pyplot`. Registers the cell-end hook that emits and closes the
 * open figures (the inline backend's behaviour).
 */
export function pyplotModule(ctx: KernelContext): PyModule {
  const s = session(ctx);
  ctx.onCellEnd(() => flushFigures(ctx));
  const gca = (): F.Axes => {
    const a = F.currentAxes(s.plt);
    return a;
  };
  const onAxes = (name: string): PyValue =>
    makeBuiltin(name, (args, kwargs, c) => {
      const impl = axesMethod(s, gca(), name);
      if (impl === undefined)
        return raise("AttributeError", `module 'matplotlib.pyplot' has no attribute '${name}'`);
      return impl(args, kwargs, c);
    });
  const alias = (plt: string, method: string): PyValue =>
    makeBuiltin(plt, (args, kwargs, c) => {
      const impl = axesMethod(s, gca(), method);
      if (impl === undefined) return raise("AttributeError", method);
      return impl(args, kwargs, c);
    });
  const attrs: Record<string, PyValue> = {
    figure: makeBuiltin("figure", (args, kwargs) => {
      const [numArg, figsize, dpi, , , , , , , extra] = parseArgs(
        "figure",
        [
          "num?",
          "figsize?",
          "dpi?",
          "*",
          "facecolor?",
          "edgecolor?",
          "frameon?",
          "FigureClass?",
          "clear?",
          "**kwargs",
        ],
        args,
        kwargs,
      );
      void extra;
      if (present(numArg)) {
        const n = toIndex(numArg);
        const existing = s.plt.figures.find((f) => f.number === n);
        if (existing !== undefined) {
          s.plt.current = existing;
          return figureObj(s, existing);
        }
      }
      const opts: { figsize?: readonly [number, number]; dpi?: number } = {};
      const fs = figsizeArg(figsize);
      if (fs !== undefined) opts.figsize = fs;
      const d = optNum(dpi, "dpi");
      if (d !== null) opts.dpi = d;
      return figureObj(s, F.newFigure(s.plt, opts));
    }),
    subplot: makeBuiltin("subplot", (args, kwargs) => {
      void kwargs;
      const fig = F.currentFigure(s.plt);
      const a = F.addSubplot(fig, subplotArgs(args.length === 0 ? [1, 1, 1] : args));
      return axesObj(s, a);
    }),
    subplots: makeBuiltin("subplots", (args, kwargs) => {
      const [nrows, ncols, sharex, sharey, squeeze, , , , extra] = parseArgs(
        "subplots",
        [
          "nrows?",
          "ncols?",
          "*",
          "sharex?",
          "sharey?",
          "squeeze?",
          "width_ratios?",
          "height_ratios?",
          "subplot_kw?",
          "**fig_kw",
        ],
        args,
        kwargs,
      );
      const r = present(nrows) ? toIndex(nrows) : 1;
      const c = present(ncols) ? toIndex(ncols) : 1;
      const opts: {
        figsize?: readonly [number, number];
        dpi?: number;
        sharex: F.ShareMode;
        sharey: F.ShareMode;
      } = {
        sharex: shareArg(sharex, "sharex"),
        sharey: shareArg(sharey, "sharey"),
      };
      if (extra instanceof PyDict) {
        const fs = figsizeArg(extra.get("figsize"));
        if (fs !== undefined) opts.figsize = fs;
        const d = extra.get("dpi");
        if (present(d)) opts.dpi = num(d, "dpi");
      }
      const { figure, grid } = F.subplots(s.plt, r, c, opts);
      const objs = grid.flat().map((a) => axesObj(s, a));
      const doSqueeze = squeeze === undefined || truthy(squeeze);
      let axesOut: PyValue;
      if (doSqueeze && r === 1 && c === 1) axesOut = objs[0] ?? null;
      else if (doSqueeze && (r === 1 || c === 1)) axesOut = new ObjectArray(objs, [r * c]);
      else axesOut = new ObjectArray(objs, [r, c]);
      return new PyTuple([figureObj(s, figure), axesOut]);
    }),
    gcf: makeBuiltin("gcf", () => figureObj(s, F.currentFigure(s.plt))),
    gca: makeBuiltin("gca", () => axesObj(s, gca())),
    sca: makeBuiltin("sca", (args, kwargs) => {
      const [ax] = parseArgs("sca", ["ax"], args, kwargs);
      if (!(ax instanceof AxesObj))
        return raise("TypeError", `sca() argument must be an Axes, not ${typeName(ax ?? null)}`);
      F.setCurrentAxes(s.plt, ax.model);
      return null;
    }),
    hist: onAxes("hist"),
    plot: onAxes("plot"),
    bar: onAxes("bar"),
    legend: onAxes("legend"),
    grid: onAxes("grid"),
    axhline: onAxes("axhline"),
    text: onAxes("text"),
    title: alias("title", "set_title"),
    xlabel: alias("xlabel", "set_xlabel"),
    ylabel: alias("ylabel", "set_ylabel"),
    xlim: alias("xlim", "set_xlim"),
    ylim: alias("ylim", "set_ylim"),
    xscale: alias("xscale", "set_xscale"),
    yscale: alias("yscale", "set_yscale"),
    xticks: makeBuiltin(
      "xticks",
      fn("xticks", ["ticks?", "labels?", "*", "minor?", "**kwargs"], ([t, l], ctx) =>
        ticksCommand(s, gca(), "x", t, l, true, ctx),
      ),
    ),
    yticks: makeBuiltin(
      "yticks",
      fn("yticks", ["ticks?", "labels?", "*", "minor?", "**kwargs"], ([t, l], ctx) =>
        ticksCommand(s, gca(), "y", t, l, true, ctx),
      ),
    ),
    suptitle: makeBuiltin(
      "suptitle",
      fn("suptitle", ["t", "**kwargs"], ([t]) => suptitle(F.currentFigure(s.plt), t)),
    ),
    tight_layout: makeBuiltin("tight_layout", () => null),
    subplots_adjust: makeBuiltin("subplots_adjust", () => null),
    show: makeBuiltin("show", (args, kwargs, c) => {
      parseArgs("show", ["*", "block?"], args, kwargs);
      flushFigures(c);
      return null;
    }),
    close: makeBuiltin(
      "close",
      fn("close", ["fig?"], ([f]) => {
        if (f === undefined || f === null) {
          if (s.plt.current !== null) F.closeFigure(s.plt, s.plt.current);
        } else if (f === "all") F.closeFigure(s.plt, "all");
        else if (f instanceof FigureObj) F.closeFigure(s.plt, f.model);
        else if (typeof f === "number") {
          const fig = s.plt.figures.find((x) => x.number === f);
          if (fig !== undefined) F.closeFigure(s.plt, fig);
        } else
          return raise(
            "TypeError",
            `close() argument must be a Figure, an int, a string, or None, not ${typeName(f)}`,
          );
        return null;
      }),
    ),
    clf: makeBuiltin("clf", () => {
      F.clearFigure(F.currentFigure(s.plt));
      return null;
    }),
    cla: onAxes("cla"),
    savefig: makeBuiltin("savefig", () => savefigError()),
    ion: makeBuiltin("ion", () => null),
    ioff: makeBuiltin("ioff", () => null),
  };
  return makeModule("matplotlib.pyplot", attrs);
}

/** `matplotlib`: `use()` is accepted (the backend is always this notebook's), `__version__` is set. */
export function matplotlibModule(_ctx: KernelContext): PyModule {
  return makeModule("matplotlib", {
    use: makeBuiltin(
      "use",
      fn("use", ["backend", "*", "force?"], () => null),
    ),
    __version__: "3.8.0",
    rcParams: new PyDict(),
  });
}
