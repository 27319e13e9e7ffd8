/**
 * A grid of plain histograms (the lesson's `plt.subplots(3, depth)` with one
 * `ax.hist` per Axes and `ax.set_yticks([])`) drawn as a packed grid: one
 * Plotly axis pair per row of Axes instead of one per Axes, and each
 * histogram as one filled outline (matplotlib's `histtype="stepfilled"`,
 * which looks like the edge-to-edge bars it replaces) instead of a path per
 * bar. Each Axes keeps its place (the same domains as the per-Axes figure),
 * its own x and y ranges, its frame (a rectangle shape), its x ticks and its
 * title; hovering a bin still shows `[a, b): count`.
 *
 * Why: Plotly's cost is per subplot (layers, clip paths, axis furniture,
 * about 140 SVG nodes each) and per bar, so a 3 x 10 grid of 30 subplots and
 * 900 bars took 450-1400 ms to draw; three rows of three traces take a tenth
 * of that, whatever the number of columns.
 *
 * Coordinates: a row's x axis runs in plot-area fractions (its range is its
 * domain), and its y axis from 0 to 1 over the row's height; a histogram is
 * mapped from its Axes' data limits into its own cell. Only bin counts and
 * edges are carried, never the samples.
 */
import {
  type Axes,
  autoLimits,
  type Figure,
  type GridParams,
  type HistArtist,
  type Limits,
  type SubplotSpec,
  specDomain,
  tickLabels,
} from "./figure.ts";
import {
  axesTitles,
  axisIds,
  baseLayout,
  binHoverText,
  type Json,
  type JsonObject,
  labelShown,
  type PlotlyFigure,
  suptitleLayout,
} from "./plotly-json.ts";

/** Fewer Axes than this draw cheaply enough one axis pair each, and keep Plotly's zoom and pan. */
export const PACK_MIN_AXES = 6;

/** The shape name the page recolours with its theme's axis colour (`themedLayout`). */
export const FRAME_SHAPE = "initlab-frame";

const AXIS_COLOR = "#444444";

/** Whether `figure` is a grid of plain histograms that the packed grid draws as matplotlib would. */
export function packable(figure: Figure): boolean {
  if (figure.axes.length < PACK_MIN_AXES) return false;
  return figure.axes.every(
    (a) =>
      a.artists.length > 0 &&
      a.artists.every((t) => t.kind === "hist" && t.dodge === null && !labelShown(a, t.label)) &&
      a.xscale === "linear" &&
      a.yscale === "linear" &&
      a.xlabel === "" &&
      a.ylabel === "" &&
      !a.grid &&
      a.yticks !== null &&
      a.yticks.values.length === 0,
  );
}

function hists(axes: Axes): HistArtist[] {
  return axes.artists.flatMap((t) => (t.kind === "hist" ? [t] : []));
}

/** The Axes whose range `axes` follows on `axis` (itself when not shared). */
function shareRoot(axes: Axes, axis: "x" | "y"): Axes {
  let a = axes;
  for (let guard = 0; guard < 64; guard++) {
    const next = axis === "x" ? a.sharex : a.sharey;
    if (next === null || next === a) return a;
    a = next;
  }
  return a;
}

/** The view limits of `axes` on `axis`: set limits, else the autoscaled range (over every Axes sharing it). */
function viewLimits(figure: Figure, axes: Axes, axis: "x" | "y"): [number, number] {
  const root = shareRoot(axes, axis);
  const group = figure.axes.filter((a) => shareRoot(a, axis) === root);
  let auto = autoLimits(axes, axis);
  if (group.length > 1) {
    const all = group.map((a) => autoLimits(a, axis));
    auto = [Math.min(...all.map((l) => l[0])), Math.max(...all.map((l) => l[1]))];
  }
  const lim: Limits | null = (axis === "x" ? root.xlim : root.ylim) ?? (axis === "x" ? axes.xlim : axes.ylim);
  if (lim === null) return auto;
  return [lim[0] ?? auto[0], lim[1] ?? auto[1]];
}

/** Tick values of a linear axis over `[lo, hi]`: the finest step of 1, 2, 2.5 or 5 times a power of ten with at most `max` ticks. */
export function niceTicks(lo: number, hi: number, max: number): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  const count = (step: number): number => Math.floor(hi / step + 1e-9) - Math.ceil(lo / step - 1e-9) + 1;
  // The smallest nice step that gives at most `max` ticks.
  let power = 10 ** Math.floor(Math.log10((hi - lo) / Math.max(1, max)));
  let step = 10 * power;
  for (let found = false; !found; power *= 10) {
    for (const m of [1, 2, 2.5, 5]) {
      if (count(m * power) <= max) {
        step = m * power;
        found = true;
        break;
      }
    }
  }
  const out: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
    // Rounded so that 0.1 * 3 prints as 0.3; `+ 0` turns -0 into 0.
    out.push(Number((k * step).toPrecision(12)) + 0);
  }
  return out;
}

/** Pixels per x tick label, as in the per-Axes figure. */
const TICK_SPACING_PX = 40;

interface AxesTicks {
  readonly values: readonly number[];
  readonly labels: readonly string[];
}

/** The x ticks of `axes` in its data units: set ones (within its limits), else nice ones for its width. */
function axesTicks(
  figure: Figure,
  axes: Axes,
  plotW: number,
  params: (spec: SubplotSpec) => GridParams,
): AxesTicks {
  const d = specDomain(axes.spec, params(axes.spec));
  const [xlo, xhi] = viewLimits(figure, axes, "x");
  const widthPx = (d.x[1] - d.x[0]) * plotW;
  const values =
    axes.xticks === null
      ? niceTicks(
          xlo,
          xhi,
          widthPx < TICK_SPACING_PX ? 1 : Math.min(10, Math.max(3, Math.floor(widthPx / TICK_SPACING_PX))),
        )
      : axes.xticks.values.filter((v) => v >= Math.min(xlo, xhi) && v <= Math.max(xlo, xhi));
  const set = axes.xticks?.labels ?? null;
  const labels = axes.hideXTickLabels
    ? values.map(() => "")
    : set !== null
      ? values.map((v) => set[axes.xticks?.values.indexOf(v) ?? -1] ?? "")
      : tickLabels(values);
  return { values, labels };
}

interface Row {
  readonly y: [number, number];
  readonly axes: Axes[];
}

/**
 * The packed Plotly figure of `figure`, or null when it is not a grid of
 * plain histograms (`packable`), which then gets one axis pair per Axes.
 */
export function packedGrid(figure: Figure): PlotlyFigure | null {
  if (!packable(figure)) return null;
  const { box, layout } = baseLayout(figure);
  const { params, plotW } = box;
  const rows: Row[] = [];
  for (const axes of figure.axes) {
    const d = specDomain(axes.spec, params(axes.spec));
    const row = rows.find((r) => r.y[0] === d.y[0] && r.y[1] === d.y[1]);
    if (row === undefined) rows.push({ y: d.y, axes: [axes] });
    else row.axes.push(axes);
  }
  const data: JsonObject[] = [];
  const shapes: JsonObject[] = [];
  const ticksOf = new Map(figure.axes.map((a) => [a, axesTicks(figure, a, plotW, params)]));
  const xTicks = (axes: Axes): AxesTicks => {
    const own = ticksOf.get(axes) ?? { values: [], labels: [] };
    // Labels under the bottom Axes of a column only, when the whole column has the same ticks (as `sharex="col"`).
    const d = specDomain(axes.spec, params(axes.spec));
    const column = figure.axes.filter((a) => {
      const e = specDomain(a.spec, params(a.spec));
      return e.x[0] === d.x[0] && e.x[1] === d.x[1];
    });
    const key = (t: AxesTicks | undefined): string => JSON.stringify(t ?? null);
    const same = column.every((a) => key(ticksOf.get(a)) === key(own));
    const lowest = column.every((a) => specDomain(a.spec, params(a.spec)).y[0] >= d.y[0]);
    if (!same || lowest) return own;
    return { values: own.values, labels: own.values.map(() => "") };
  };
  rows.forEach((row, r) => {
    const ids = axisIds(r);
    const tickvals: number[] = [];
    const ticktext: string[] = [];
    let x0 = 1;
    let x1 = 0;
    // One trace per colour and alpha in the row: x, y and hover text of every outline, null between them.
    const traces = new Map<
      string,
      { color: string; alpha: number | null; x: Json[]; y: Json[]; text: string[] }
    >();
    for (const axes of row.axes) {
      const d = specDomain(axes.spec, params(axes.spec));
      x0 = Math.min(x0, d.x[0]);
      x1 = Math.max(x1, d.x[1]);
      const [xlo, xhi] = viewLimits(figure, axes, "x");
      const [ylo, yhi] = viewLimits(figure, axes, "y");
      const px = (v: number): number =>
        d.x[0] + (d.x[1] - d.x[0]) * Math.min(1, Math.max(0, (v - xlo) / (xhi - xlo || 1)));
      const py = (v: number): number => Math.min(1, Math.max(0, (v - ylo) / (yhi - ylo || 1)));
      for (const hist of hists(axes)) {
        const key = `${hist.color}|${hist.alpha ?? ""}`;
        let t = traces.get(key);
        if (t === undefined) {
          t = { color: hist.color, alpha: hist.alpha, x: [], y: [], text: [] };
          traces.set(key, t);
        }
        outline(hist, px, py, t);
      }
      shapes.push({
        type: "rect",
        name: FRAME_SHAPE,
        xref: "paper",
        yref: "paper",
        x0: d.x[0],
        x1: d.x[1],
        y0: d.y[0],
        y1: d.y[1],
        line: { color: AXIS_COLOR, width: 1 },
        layer: "above",
      });
      const { values, labels } = xTicks(axes);
      values.forEach((v, i) => {
        tickvals.push(px(v));
        ticktext.push(labels[i] ?? "");
      });
    }
    layout[ids.xKey] = {
      domain: [x0, x1],
      range: [x0, x1],
      anchor: ids.y,
      fixedrange: true,
      showgrid: false,
      zeroline: false,
      showline: false,
      ticks: "outside",
      tickmode: "array",
      tickvals,
      ticktext,
      linecolor: AXIS_COLOR,
      automargin: false,
    };
    layout[ids.yKey] = { domain: row.y, range: [0, 1], anchor: ids.x, fixedrange: true, visible: false };
    for (const t of traces.values()) {
      const trace: JsonObject = {
        type: "scatter",
        mode: "lines",
        xaxis: ids.x,
        yaxis: ids.y,
        x: t.x,
        y: t.y,
        fill: "toself",
        fillcolor: t.color,
        line: { width: 0, color: t.color },
        hoveron: "points",
        hovertext: t.text,
        hoverinfo: "text",
        name: "",
        showlegend: false,
      };
      if (t.alpha !== null) trace.opacity = t.alpha;
      data.push(trace);
    }
  });
  layout.showlegend = false;
  const title = suptitleLayout(figure);
  if (title !== null) layout.title = title;
  const annotations = axesTitles(figure, box);
  if (annotations.length > 0) layout.annotations = annotations;
  layout.shapes = shapes;
  return { data, layout };
}

/**
 * Appends the outline of `hist` (the baseline at the first edge, the top of
 * every bin, the baseline at the last edge) and a null that ends it, with each
 * point's hover text: the bin it tops.
 */
function outline(
  hist: HistArtist,
  px: (v: number) => number,
  py: (v: number) => number,
  t: { x: Json[]; y: Json[]; text: string[] },
): void {
  const n = hist.counts.length;
  if (n === 0) return;
  const base = py(0);
  const push = (x: number, y: number, bin: number): void => {
    t.x.push(x);
    t.y.push(y);
    t.text.push(binHoverText(hist.edges, hist.counts, bin));
  };
  push(px(hist.edges[0] ?? 0), base, 0);
  for (let i = 0; i < n; i++) {
    const top = py(hist.counts[i] ?? 0);
    push(px(hist.edges[i] ?? 0), top, i);
    push(px(hist.edges[i + 1] ?? 0), top, i);
  }
  push(px(hist.edges[n] ?? 0), base, n - 1);
  t.x.push(null);
  t.y.push(null);
  t.text.push("");
}
