/**
 * matplotlib.pyplot's figure model (figures, a grid of Axes, artists) and its
 * translation to a Plotly figure `{data, layout}`.
 *
 * Pure data: no Python values, no DOM. The Python binding (`module.ts`) owns
 * a `PyplotState` per session and calls these functions; nothing here is
 * module-global. Artists carry only what is drawn: a histogram is its bin
 * counts and edges (computed by the caller with the kernel's histogram) plus
 * summary statistics for the text alternative, never the raw samples.
 */
import { NdError } from "../../nd/errors.ts";
import { formatGeneral } from "../../nd/pyfloat.ts";

/** matplotlib's default colour cycle (`tab10`, `C0`..`C9`). */
export const TAB10 = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
] as const;

export type LineStyle = "solid" | "dashed" | "dotted" | "dashdot" | "none";
export type MarkerName = "o" | "." | "s" | "^" | "v" | "<" | ">" | "x" | "+" | "*" | "D" | "d";
export type AxisScale = "linear" | "log";

/** Summary of the samples behind an artist, for the text alternative. */
export interface SampleStats {
  readonly count: number;
  readonly mean: number;
  readonly std: number;
}

/** `hist`: n bars edge to edge; `counts` has length n, `edges` length n+1 (as `np.histogram`). */
export interface HistArtist {
  readonly kind: "hist";
  readonly counts: readonly number[];
  readonly edges: readonly number[];
  readonly color: string;
  readonly alpha: number | null;
  readonly label: string | null;
  readonly density: boolean;
  readonly stats: SampleStats | null;
  /** Dataset `index` of `count` drawn side by side in each bin (`hist` of several datasets), or null. */
  readonly dodge: { readonly index: number; readonly count: number } | null;
}

/** `plot`: one Line2D; `x` and `y` have the same length. Widths and sizes are in points. */
export interface LineArtist {
  readonly kind: "line";
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly color: string;
  readonly linestyle: LineStyle;
  readonly marker: MarkerName | null;
  readonly linewidth: number;
  readonly markersize: number;
  readonly alpha: number | null;
  readonly label: string | null;
  readonly stats: SampleStats | null;
}

/** `bar`: n bars centred on `x` (numbers or category names). */
export interface BarArtist {
  readonly kind: "bar";
  readonly x: readonly (number | string)[];
  readonly heights: readonly number[];
  readonly widths: readonly number[];
  readonly bottoms: readonly number[] | null;
  readonly color: string;
  readonly alpha: number | null;
  readonly label: string | null;
}

/** `axhline(y)`: a horizontal line across the whole axes. */
export interface HLineArtist {
  readonly kind: "hline";
  readonly y: number;
  readonly color: string;
  readonly linestyle: LineStyle;
  readonly linewidth: number;
}

/** `text(x, y, s)` in data coordinates. */
export interface TextArtist {
  readonly kind: "text";
  readonly x: number;
  readonly y: number;
  readonly text: string;
}

export type Artist = HistArtist | LineArtist | BarArtist | HLineArtist | TextArtist;

/** Explicit ticks from `xticks(values, labels)`; empty `values` hides the ticks. */
export interface Ticks {
  readonly values: readonly number[];
  readonly labels: readonly string[] | null;
}

/** An axis limit pair; `null` leaves that end automatic (`set_xlim(left=0)`). */
export type Limits = readonly [number | null, number | null];

/** Where an Axes sits: rows `[rowStart, rowStop)` and columns `[colStart, colStop)` of an nrows x ncols grid. */
export interface SubplotSpec {
  readonly nrows: number;
  readonly ncols: number;
  readonly rowStart: number;
  readonly rowStop: number;
  readonly colStart: number;
  readonly colStop: number;
}

export interface Axes {
  readonly figure: Figure;
  readonly spec: SubplotSpec;
  title: string;
  xlabel: string;
  ylabel: string;
  xlim: Limits | null;
  ylim: Limits | null;
  xscale: AxisScale;
  yscale: AxisScale;
  legend: boolean;
  grid: boolean;
  xticks: Ticks | null;
  yticks: Ticks | null;
  /** The Axes whose x (y) range this one follows (`sharex=`), or null. */
  sharex: Axes | null;
  sharey: Axes | null;
  /** matplotlib's `label_outer()` for shared axes: inner tick labels are hidden. */
  hideXTickLabels: boolean;
  hideYTickLabels: boolean;
  readonly artists: Artist[];
  /** Next index into the colour cycle for lines and hist (`_get_lines`) and for bar (`_get_patches_for_fill`). */
  lineCycle: number;
  patchCycle: number;
}

export interface Figure {
  readonly number: number;
  /** Inches, as `figsize=(w, h)`. */
  readonly figsize: readonly [number, number];
  readonly dpi: number;
  readonly axes: Axes[];
  current: Axes | null;
  suptitle: string | null;
}

/** pyplot's global state, held per session and passed in. */
export interface PyplotState {
  readonly figures: Figure[];
  current: Figure | null;
  nextNumber: number;
}

export function createPyplotState(): PyplotState {
  return { figures: [], current: null, nextNumber: 1 };
}

export const DEFAULT_FIGSIZE: readonly [number, number] = [6.4, 4.8];
export const DEFAULT_DPI = 100;

/** `plt.figure(figsize=, dpi=)`: a new figure that becomes current. */
export function newFigure(
  state: PyplotState,
  options: { figsize?: readonly [number, number]; dpi?: number } = {},
): Figure {
  const figure: Figure = {
    number: state.nextNumber,
    figsize: options.figsize ?? DEFAULT_FIGSIZE,
    dpi: options.dpi ?? DEFAULT_DPI,
    axes: [],
    current: null,
    suptitle: null,
  };
  state.nextNumber += 1;
  state.figures.push(figure);
  state.current = figure;
  return figure;
}

/** `plt.gcf()`: the current figure, made if there is none. */
export function currentFigure(state: PyplotState): Figure {
  return state.current ?? newFigure(state);
}

/** `plt.gca()`: the current Axes of the current figure, made as `subplot(1, 1, 1)` if there is none. */
export function currentAxes(state: PyplotState): Axes {
  const figure = currentFigure(state);
  return figure.current ?? addSubplot(figure, subplotSpec(1, 1, 1));
}

/** `plt.sca(ax)`: makes `ax` and its figure current. */
export function setCurrentAxes(state: PyplotState, axes: Axes): void {
  axes.figure.current = axes;
  state.current = axes.figure;
}

/** `plt.close(fig)` / `plt.close("all")`. */
export function closeFigure(state: PyplotState, which: Figure | "all"): void {
  const doomed = which === "all" ? [...state.figures] : [which];
  for (const f of doomed) {
    const i = state.figures.indexOf(f);
    if (i >= 0) state.figures.splice(i, 1);
  }
  if (state.current !== null && !state.figures.includes(state.current)) {
    state.current = state.figures[state.figures.length - 1] ?? null;
  }
}

/** `plt.clf()`: removes every Axes of the figure. */
export function clearFigure(figure: Figure): void {
  figure.axes.splice(0, figure.axes.length);
  figure.current = null;
  figure.suptitle = null;
}

/**
 * The spec of `subplot(nrows, ncols, index)`; `index` is 1-based, or a
 * `(first, last)` pair spanning cells, as matplotlib's `SubplotSpec`.
 * Raises matplotlib's ValueError on a bad index.
 */
export function subplotSpec(
  nrows: number,
  ncols: number,
  index: number | readonly [number, number],
): SubplotSpec {
  if (!Number.isInteger(nrows) || !Number.isInteger(ncols) || nrows <= 0 || ncols <= 0) {
    throw new NdError(
      "ValueError",
      `Number of rows and columns must be a positive integer, not ${nrows} and ${ncols}`,
    );
  }
  const total = nrows * ncols;
  const check = (n: number): number => {
    if (!Number.isInteger(n) || n < 1 || n > total) {
      throw new NdError("ValueError", `num must be an integer with 1 <= num <= ${total}, not ${n}`);
    }
    return n - 1;
  };
  const [first, last] =
    typeof index === "number" ? [check(index), check(index)] : [check(index[0]), check(index[1])];
  const r0 = Math.floor(first / ncols);
  const c0 = first % ncols;
  const r1 = Math.floor(last / ncols);
  const c1 = last % ncols;
  return {
    nrows,
    ncols,
    rowStart: Math.min(r0, r1),
    rowStop: Math.max(r0, r1) + 1,
    colStart: Math.min(c0, c1),
    colStop: Math.max(c0, c1) + 1,
  };
}

function sameSpec(a: SubplotSpec, b: SubplotSpec): boolean {
  return (
    a.nrows === b.nrows &&
    a.ncols === b.ncols &&
    a.rowStart === b.rowStart &&
    a.rowStop === b.rowStop &&
    a.colStart === b.colStart &&
    a.colStop === b.colStop
  );
}

function makeAxes(figure: Figure, spec: SubplotSpec): Axes {
  return {
    figure,
    spec,
    title: "",
    xlabel: "",
    ylabel: "",
    xlim: null,
    ylim: null,
    xscale: "linear",
    yscale: "linear",
    legend: false,
    grid: false,
    xticks: null,
    yticks: null,
    sharex: null,
    sharey: null,
    hideXTickLabels: false,
    hideYTickLabels: false,
    artists: [],
    lineCycle: 0,
    patchCycle: 0,
  };
}

/**
 * `fig.add_subplot(spec)` as `plt.subplot` calls it: an Axes with the same
 * spec is reused (matplotlib >= 3.4), else a new one is added. Either way it
 * becomes the figure's current Axes.
 */
export function addSubplot(figure: Figure, spec: SubplotSpec): Axes {
  const existing = figure.axes.find((a) => sameSpec(a.spec, spec));
  const axes = existing ?? makeAxes(figure, spec);
  if (existing === undefined) figure.axes.push(axes);
  figure.current = axes;
  return axes;
}

export type ShareMode = "none" | "all" | "row" | "col";

/**
 * `plt.subplots(nrows, ncols, figsize=, sharex=, sharey=)`: a new figure with
 * an nrows x ncols grid of Axes (`grid[r][c]`). The last Axes is current, as in matplotlib.
 */
export function subplots(
  state: PyplotState,
  nrows: number,
  ncols: number,
  options: {
    figsize?: readonly [number, number];
    dpi?: number;
    sharex?: ShareMode;
    sharey?: ShareMode;
  } = {},
): { figure: Figure; grid: Axes[][] } {
  const figOptions: { figsize?: readonly [number, number]; dpi?: number } = {};
  if (options.figsize !== undefined) figOptions.figsize = options.figsize;
  if (options.dpi !== undefined) figOptions.dpi = options.dpi;
  subplotSpec(nrows, ncols, 1);
  const figure = newFigure(state, figOptions);
  const sharex = options.sharex ?? "none";
  const sharey = options.sharey ?? "none";
  const grid: Axes[][] = [];
  for (let r = 0; r < nrows; r++) {
    const row: Axes[] = [];
    for (let c = 0; c < ncols; c++) {
      const axes = addSubplot(figure, subplotSpec(nrows, ncols, r * ncols + c + 1));
      axes.sharex = shareTarget(grid, row, sharex, r, c);
      axes.sharey = shareTarget(grid, row, sharey, r, c);
      // label_outer(): shared x keeps tick labels on the bottom row, shared y on the first column.
      axes.hideXTickLabels = (sharex === "all" || sharex === "col") && r < nrows - 1;
      axes.hideYTickLabels = (sharey === "all" || sharey === "row") && c > 0;
      row.push(axes);
    }
    grid.push(row);
  }
  return { figure, grid };
}

function shareTarget(grid: Axes[][], row: Axes[], mode: ShareMode, r: number, c: number): Axes | null {
  switch (mode) {
    case "none":
      return null;
    case "all":
      return r === 0 && c === 0 ? null : (grid[0]?.[0] ?? row[0] ?? null);
    case "row":
      return c === 0 ? null : (row[0] ?? null);
    case "col":
      return r === 0 ? null : (grid[0]?.[c] ?? null);
    default: {
      const never: never = mode;
      throw new Error(`unknown share mode ${String(never)}`);
    }
  }
}

/** The next colour of an Axes' cycle: `plot` and `hist` use the line cycle, `bar` the patch cycle. */
export function nextColor(axes: Axes, cycle: "line" | "patch"): string {
  const i = cycle === "line" ? axes.lineCycle++ : axes.patchCycle++;
  return TAB10[i % TAB10.length] ?? TAB10[0];
}

/** Resolves matplotlib colour names `C0`..`C9` and single letters to hex; other names pass to Plotly as CSS. */
export function resolveColor(color: string): string {
  const cycle = /^C(\d)$/.exec(color);
  if (cycle !== null) return TAB10[Number(cycle[1])] ?? color;
  const base: Record<string, string> = {
    b: "#0000ff",
    g: "#008000",
    r: "#ff0000",
    c: "#00bfbf",
    m: "#bf00bf",
    y: "#bfbf00",
    k: "#000000",
    w: "#ffffff",
  };
  const tab = /^tab:(\w+)$/.exec(color);
  if (tab !== null) {
    const names = ["blue", "orange", "green", "red", "purple", "brown", "pink", "gray", "olive", "cyan"];
    const i = names.indexOf(tab[1] ?? "");
    if (i >= 0) return TAB10[i] ?? color;
  }
  return base[color] ?? color;
}

/** Options shared by the artist builders; a missing colour takes the next one of the Axes' cycle. */
export interface ArtistStyle {
  color?: string | null;
  alpha?: number | null;
  label?: string | null;
}

/** `ax.hist`: adds one histogram (counts length n, edges length n+1) with the next line-cycle colour. */
export function addHist(
  axes: Axes,
  bins: {
    counts: readonly number[];
    edges: readonly number[];
    density?: boolean;
    stats?: SampleStats | null;
    dodge?: { index: number; count: number } | null;
  },
  style: ArtistStyle = {},
): HistArtist {
  if (bins.edges.length !== bins.counts.length + 1) {
    throw new NdError("ValueError", "hist: edges must have one more element than counts");
  }
  const artist: HistArtist = {
    kind: "hist",
    counts: bins.counts,
    edges: bins.edges,
    color: style.color != null ? resolveColor(style.color) : nextColor(axes, "line"),
    alpha: style.alpha ?? null,
    label: style.label ?? null,
    density: bins.density ?? false,
    stats: bins.stats ?? null,
    dodge: bins.dodge ?? null,
  };
  axes.artists.push(artist);
  return artist;
}

/** `ax.plot`: adds one line; widths and sizes in points (matplotlib defaults 1.5 and 6). */
export function addLine(
  axes: Axes,
  points: { x: readonly number[]; y: readonly number[]; stats?: SampleStats | null },
  style: ArtistStyle & {
    linestyle?: LineStyle;
    marker?: MarkerName | null;
    linewidth?: number | null;
    markersize?: number | null;
  } = {},
): LineArtist {
  if (points.x.length !== points.y.length) {
    throw new NdError(
      "ValueError",
      `x and y must have same first dimension, but have shapes (${points.x.length},) and (${points.y.length},)`,
    );
  }
  const artist: LineArtist = {
    kind: "line",
    x: points.x,
    y: points.y,
    color: style.color != null ? resolveColor(style.color) : nextColor(axes, "line"),
    linestyle: style.linestyle ?? (style.marker != null ? "none" : "solid"),
    marker: style.marker ?? null,
    linewidth: style.linewidth ?? 1.5,
    markersize: style.markersize ?? 6,
    alpha: style.alpha ?? null,
    label: style.label ?? null,
    stats: points.stats ?? null,
  };
  axes.artists.push(artist);
  return artist;
}

/** `ax.bar(x, height, width=0.8, bottom=None)`: one bar per x, colour from the patch cycle. */
export function addBar(
  axes: Axes,
  bars: {
    x: readonly (number | string)[];
    heights: readonly number[];
    widths: readonly number[];
    bottoms?: readonly number[] | null;
  },
  style: ArtistStyle = {},
): BarArtist {
  const artist: BarArtist = {
    kind: "bar",
    x: bars.x,
    heights: bars.heights,
    widths: bars.widths,
    bottoms: bars.bottoms ?? null,
    color: style.color != null ? resolveColor(style.color) : nextColor(axes, "patch"),
    alpha: style.alpha ?? null,
    label: style.label ?? null,
  };
  axes.artists.push(artist);
  return artist;
}

/** `ax.axhline(y)`: default colour `C0` without advancing the cycle (matplotlib's `lines.color`). */
export function addHLine(
  axes: Axes,
  y: number,
  style: { color?: string | null; linestyle?: LineStyle; linewidth?: number | null } = {},
): HLineArtist {
  const artist: HLineArtist = {
    kind: "hline",
    y,
    color: resolveColor(style.color ?? "C0"),
    linestyle: style.linestyle ?? "solid",
    linewidth: style.linewidth ?? 1.5,
  };
  axes.artists.push(artist);
  return artist;
}

/** `ax.text(x, y, s)`. */
export function addText(axes: Axes, x: number, y: number, text: string): TextArtist {
  const artist: TextArtist = { kind: "text", x, y, text };
  axes.artists.push(artist);
  return artist;
}

/**
 * Bar i of a histogram as matplotlib's `hist(histtype='bar')` places it:
 * one dataset fills its bin; n datasets share 80% of it side by side
 * (`width = 0.8*w/n`, centre `edge + w/2 - 0.4*w*(1 - 1/n) + index*width`).
 * `left = centre - width/2`, as `bar(align='center')` computes it.
 */
export function histBarGeometry(
  artist: HistArtist,
  i: number,
): { center: number; left: number; width: number } {
  const lo = artist.edges[i] ?? 0;
  const w = (artist.edges[i + 1] ?? 0) - lo;
  const count = artist.dodge?.count ?? 1;
  const index = artist.dodge?.index ?? 0;
  const dr = count > 1 ? 0.8 : 1;
  const width = (dr * w) / count;
  let boffset = -0.5 * dr * w * (1 - 1 / count);
  boffset += 0.5 * w;
  boffset += index * width;
  const center = lo + boffset;
  return { center, left: center - width / 2, width };
}

/**
 * Limits an automatic axis would get: the data range with matplotlib's 5%
 * margins, bars sticking to 0 and histogram edges sticking to their extent
 * (no margin past a sticky edge); `[0, 1]` without data. An estimate of the
 * autoscaled view, reported by `xlim()` / `get_ylim()` when not set.
 */
export function autoLimits(axes: Axes, axis: "x" | "y"): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const sticky: number[] = [];
  const see = (v: number): void => {
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  };
  for (const a of axes.artists) {
    switch (a.kind) {
      case "hist":
        if (axis === "x") {
          a.edges.forEach(see);
        } else {
          a.counts.forEach(see);
          see(0);
          sticky.push(0);
        }
        break;
      case "line":
        (axis === "x" ? a.x : a.y).forEach(see);
        break;
      case "bar":
        if (axis === "x") {
          a.x.forEach((x, i) => {
            if (typeof x === "number") {
              see(x - (a.widths[i] ?? 0) / 2);
              see(x + (a.widths[i] ?? 0) / 2);
            }
          });
        } else {
          a.heights.forEach((h, i) => {
            const b = a.bottoms?.[i] ?? 0;
            see(b);
            see(b + h);
            sticky.push(b);
          });
        }
        break;
      case "hline":
        if (axis === "y") see(a.y);
        break;
      case "text":
        break;
      default: {
        const never: never = a;
        throw new Error(`unknown artist ${String(never)}`);
      }
    }
  }
  if (lo > hi) return [0, 1];
  if (lo === hi) return [lo - 0.05 * Math.abs(lo || 1), hi + 0.05 * Math.abs(hi || 1)];
  const pad = 0.05 * (hi - lo);
  const l = sticky.includes(lo) ? lo : lo - pad;
  const h = sticky.includes(hi) ? hi : hi + pad;
  return [l, h];
}

/** Default tick label texts like matplotlib's ScalarFormatter: one shared number of decimals, U+2212 minus. */
export function tickLabels(values: readonly number[]): string[] {
  let decimals = 0;
  for (const v of values) {
    const t = formatGeneral(v, 12);
    const dot = t.indexOf(".");
    if (dot >= 0 && !t.includes("e")) decimals = Math.max(decimals, t.length - dot - 1);
  }
  return values.map((v) => v.toFixed(Math.min(decimals, 12)).replace(/^-/, "\u2212"));
}

// ---------------------------------------------------------------------------
// Layout math

/** Figure-fraction box and spacing of a grid, as matplotlib's `SubplotParams`. */
export interface GridParams {
  readonly left: number;
  readonly right: number;
  readonly bottom: number;
  readonly top: number;
  /** Gap between columns (rows) as a fraction of the average axes width (height). */
  readonly wspace: number;
  readonly hspace: number;
}

/** matplotlib's default `figure.subplot.*` rcParams. */
export const MPL_SUBPLOT_PARAMS: GridParams = {
  left: 0.125,
  right: 0.9,
  bottom: 0.11,
  top: 0.88,
  wspace: 0.2,
  hspace: 0.2,
};

/**
 * Cell edges of an nrows x ncols grid, as matplotlib's
 * `GridSpecBase.get_grid_positions` with equal ratios: `cols[c] = [x0, x1]`
 * left to right, `rows[r] = [y0, y1]` with row 0 at the top (y grows upwards).
 */
export function gridPositions(
  nrows: number,
  ncols: number,
  p: GridParams,
): { rows: [number, number][]; cols: [number, number][] } {
  const cellH = (p.top - p.bottom) / (nrows + p.hspace * (nrows - 1));
  const cellW = (p.right - p.left) / (ncols + p.wspace * (ncols - 1));
  const rows: [number, number][] = [];
  for (let r = 0; r < nrows; r++) {
    const y1 = p.top - r * (cellH + p.hspace * cellH);
    rows.push([y1 - cellH, y1]);
  }
  const cols: [number, number][] = [];
  for (let c = 0; c < ncols; c++) {
    const x0 = p.left + c * (cellW + p.wspace * cellW);
    cols.push([x0, x0 + cellW]);
  }
  return { rows, cols };
}

/** Domain `[x0, x1]`, `[y0, y1]` of a spec (spanning cells included) in the grid's fractions. */
export function specDomain(spec: SubplotSpec, p: GridParams): { x: [number, number]; y: [number, number] } {
  const { rows, cols } = gridPositions(spec.nrows, spec.ncols, p);
  const x0 = cols[spec.colStart]?.[0] ?? 0;
  const x1 = cols[spec.colStop - 1]?.[1] ?? 1;
  const y0 = rows[spec.rowStop - 1]?.[0] ?? 0;
  const y1 = rows[spec.rowStart]?.[1] ?? 1;
  return { x: [clamp01(x0), clamp01(x1)], y: [clamp01(y0), clamp01(y1)] };
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}

/** Pixel sizes of the furniture around an Axes, used to size margins and gaps (a fixed "tight layout"). */
export const FURNITURE_PX = {
  pad: 10,
  tickLabelsY: 45,
  tickLabelsX: 22,
  axisTitle: 22,
  axesTitle: 26,
  suptitle: 38,
  right: 20,
  tickOverhang: 12,
} as const;

/** The widest a figure is laid out: about the notebook's output column. */
export const MAX_DISPLAY_WIDTH = 960;

/**
 * The pixel size a figure is laid out for: `figsize * dpi`, except that a
 * figure wider than `MAX_DISPLAY_WIDTH` is laid out at that width with its
 * height shrunk by the same factor but never below 75%, because Plotly's text
 * does not shrink with the figure as a scaled-down matplotlib image would.
 */
export function displaySize(figure: Figure): { width: number; height: number } {
  const w = figure.figsize[0] * figure.dpi;
  const h = figure.figsize[1] * figure.dpi;
  if (w <= MAX_DISPLAY_WIDTH) return { width: Math.round(w), height: Math.round(h) };
  const scale = MAX_DISPLAY_WIDTH / w;
  return { width: MAX_DISPLAY_WIDTH, height: Math.round(h * Math.max(scale, 0.75)) };
}

/** Plot-area margins in pixels and grid spacing for a figure, like `tight_layout` with fixed text sizes. */
export function figureLayoutBox(figure: Figure): {
  margin: { l: number; r: number; t: number; b: number };
  params: (spec: SubplotSpec) => GridParams;
  plotW: number;
  plotH: number;
} {
  const F = FURNITURE_PX;
  const { width, height } = displaySize(figure);
  const yFurniture = (a: Axes): number =>
    (showsTickLabels(a, "y") ? F.tickLabelsY : 0) + (a.ylabel !== "" ? F.axisTitle : 0);
  const xFurniture = (a: Axes): number =>
    (showsTickLabels(a, "x") ? F.tickLabelsX : 0) + (a.xlabel !== "" ? F.axisTitle : 0);
  const titleFurniture = (a: Axes): number => (a.title !== "" ? F.axesTitle : 0);
  const maxOf = (xs: Axes[], f: (a: Axes) => number): number => xs.reduce((m, a) => Math.max(m, f(a)), 0);
  const axes = figure.axes;
  const firstCol = axes.filter((a) => a.spec.colStart === 0);
  const lastRow = axes.filter((a) => a.spec.rowStop === a.spec.nrows);
  const topRow = axes.filter((a) => a.spec.rowStart === 0);
  const margin = {
    l: F.pad + maxOf(firstCol, yFurniture),
    r: F.right,
    t: F.pad + maxOf(topRow, titleFurniture) + (figure.suptitle !== null ? F.suptitle : 0),
    b: F.pad + maxOf(lastRow, xFurniture),
  };
  // x tick labels at the ends of an axis overhang it by half a label.
  const overhang = axes.some((a) => a.spec.ncols > 1 && showsTickLabels(a, "x")) ? F.tickOverhang : 0;
  const hgap =
    F.pad +
    overhang +
    maxOf(
      axes.filter((a) => a.spec.colStart > 0),
      yFurniture,
    );
  const vgap =
    F.pad +
    maxOf(
      axes.filter((a) => a.spec.rowStop < a.spec.nrows),
      xFurniture,
    ) +
    maxOf(
      axes.filter((a) => a.spec.rowStart > 0),
      titleFurniture,
    );
  const plotW = Math.max(1, width - margin.l - margin.r);
  const plotH = Math.max(1, height - margin.t - margin.b);
  const params = (spec: SubplotSpec): GridParams => ({
    left: 0,
    right: 1,
    bottom: 0,
    top: 1,
    wspace: spacingFraction(plotW, spec.ncols, hgap),
    hspace: spacingFraction(plotH, spec.nrows, vgap),
  });
  return { margin, params, plotW, plotH };
}

/**
 * GridSpec's `wspace` that makes the gap between n cells `gapPx` wide in a
 * `totalPx` wide area: `total = n*cell + (n-1)*gap`, `wspace = gap / cell`.
 * Cells never shrink below a fifth of an equal share.
 */
export function spacingFraction(totalPx: number, n: number, gapPx: number): number {
  if (n <= 1) return 0;
  const cell = Math.max((totalPx - (n - 1) * gapPx) / n, totalPx / n / 5);
  return Math.min(gapPx, (totalPx - n * cell) / (n - 1)) / cell;
}

export function showsTickLabels(a: Axes, axis: "x" | "y"): boolean {
  const hidden = axis === "x" ? a.hideXTickLabels : a.hideYTickLabels;
  const ticks = axis === "x" ? a.xticks : a.yticks;
  return !hidden && !(ticks !== null && ticks.values.length === 0);
}

/** A short number for hover text and alt text: 4 significant digits, `%g` style. */
export function shortNumber(x: number): string {
  return formatGeneral(x, 4);
}

/** Points (matplotlib's unit for widths and sizes) to pixels at `dpi`. */
export function ptToPx(pt: number, dpi: number): number {
  return (pt * dpi) / 72;
}

// ---------------------------------------------------------------------------
// Text

/** `repr(fig)`: `<Figure size 640x480 with 1 Axes>` (sizes as `%g` of figsize * dpi). */
export function figureText(figure: Figure): string {
  const w = formatGeneral(figure.figsize[0] * figure.dpi, 6);
  const h = formatGeneral(figure.figsize[1] * figure.dpi, 6);
  return `<Figure size ${w}x${h} with ${figure.axes.length} Axes>`;
}

/** Bin counts listed in full up to this many bins; longer lists are summarised. */
const MAX_LISTED_COUNTS = 60;

function statsText(stats: SampleStats | null): string {
  if (stats === null) return "";
  if (stats.count === 0) return " of 0 values";
  return ` of ${stats.count} values (mean ${shortNumber(stats.mean)}, std ${shortNumber(stats.std)})`;
}

function artistText(artist: Artist): string {
  const named = (what: string, label: string | null): string =>
    label !== null && label !== "" && !label.startsWith("_") ? `${what} "${label}"` : what;
  switch (artist.kind) {
    case "hist": {
      const n = artist.counts.length;
      const lo = shortNumber(artist.edges[0] ?? Number.NaN);
      const hi = shortNumber(artist.edges[n] ?? Number.NaN);
      const counts = artist.counts.map(shortNumber);
      const listed =
        n <= MAX_LISTED_COUNTS
          ? counts.join(", ")
          : `${counts.slice(0, MAX_LISTED_COUNTS / 2).join(", ")}, ... (${n - MAX_LISTED_COUNTS} more), ${counts.slice(n - MAX_LISTED_COUNTS / 2).join(", ")}`;
      const what = artist.density ? "densities" : "counts";
      return `${named("Histogram", artist.label)}${statsText(artist.stats)}: ${n} bins from ${lo} to ${hi}, ${what} ${listed}.`;
    }
    case "line": {
      const n = artist.y.length;
      const xs =
        n > 0 ? ` for x from ${shortNumber(artist.x[0] ?? 0)} to ${shortNumber(artist.x[n - 1] ?? 0)}` : "";
      const stats =
        artist.stats === null
          ? ""
          : `, y mean ${shortNumber(artist.stats.mean)}, std ${shortNumber(artist.stats.std)}`;
      return `${named("Line", artist.label)}: ${n} points${xs}${stats}.`;
    }
    case "bar": {
      const pairs = artist.x.map(
        (x, i) => `${typeof x === "number" ? shortNumber(x) : x}: ${shortNumber(artist.heights[i] ?? 0)}`,
      );
      return `${named("Bars", artist.label)}: ${pairs.join(", ")}.`;
    }
    case "hline":
      return `Horizontal line at y = ${shortNumber(artist.y)}.`;
    case "text":
      return `Text "${artist.text}" at (${shortNumber(artist.x)}, ${shortNumber(artist.y)}).`;
    default: {
      const never: never = artist;
      throw new Error(`unknown artist ${String(never)}`);
    }
  }
}

/**
 * A text alternative of the figure for screen readers: the suptitle, then per
 * Axes its place, title, axis labels and what it draws (histogram statistics
 * and bin counts, line statistics, bar heights).
 */
export function altText(figure: Figure): string {
  const n = figure.axes.length;
  const parts: string[] = [`Figure with ${n} ${n === 1 ? "plot" : "plots"}.`];
  if (figure.suptitle !== null) parts.push(`Title: "${figure.suptitle}".`);
  figure.axes.forEach((axes, k) => {
    const s = axes.spec;
    const place =
      n === 1 ? "Plot" : `Plot ${k + 1} of ${n} (row ${s.rowStart + 1}, column ${s.colStart + 1})`;
    const bits: string[] = [];
    if (axes.title !== "") bits.push(`title "${axes.title}"`);
    if (axes.xlabel !== "") bits.push(`x axis "${axes.xlabel}"`);
    if (axes.ylabel !== "")
      bits.push(`y axis "${axes.ylabel}"${axes.yscale === "log" ? " (log scale)" : ""}`);
    // A lone plot without title or labels needs no heading of its own.
    if (n > 1 || bits.length > 0) parts.push(`${place}${bits.length > 0 ? `: ${bits.join(", ")}` : ""}.`);
    if (axes.artists.length === 0) parts.push("Empty.");
    for (const artist of axes.artists) parts.push(artistText(artist));
  });
  return parts.join(" ");
}
