/**
 * Theming and sizing of a kernel figure for the page: colours per page theme
 * (paper, plot area, text, axis lines, grid, legends, mode bar) and a
 * width/height that follows the container while keeping the figure's aspect.
 * Pure functions on plain layouts, so they are tested without a DOM.
 */
import { isRecord } from "./bundle.ts";

export type PlotTheme = "light" | "dark";

export interface ThemeColors {
  readonly paper: string;
  readonly plot: string;
  readonly text: string;
  readonly axisLine: string;
  readonly grid: string;
  readonly legendBg: string;
  readonly legendBorder: string;
  readonly modebar: string;
  readonly modebarActive: string;
}

export const THEME_COLORS: Record<PlotTheme, ThemeColors> = {
  light: {
    paper: "#ffffff",
    plot: "#ffffff",
    text: "#262626",
    axisLine: "#444444",
    grid: "#e3e3e3",
    legendBg: "rgba(255,255,255,0.85)",
    legendBorder: "#cccccc",
    modebar: "#8a8a8a",
    modebarActive: "#262626",
  },
  dark: {
    paper: "#1b1d21",
    plot: "#1b1d21",
    text: "#e4e4e4",
    axisLine: "#b4b4b4",
    grid: "#3a3e45",
    legendBg: "rgba(27,29,33,0.85)",
    legendBorder: "#555a62",
    modebar: "#9a9a9a",
    modebarActive: "#f0f0f0",
  },
};

/** How far a figure's height follows the container width away from the kernel's layout size. */
export const HEIGHT_SCALE = { min: 0.75, max: 1.25 } as const;

const AXIS_KEY = /^[xy]axis\d*$/;
/** The name the kernel's packed histogram grid gives its subplot frames (`FRAME_SHAPE` in pyplot/packed-grid.ts). */
const FRAME_SHAPE = "initlab-frame";
const LEGEND_KEY = /^legend\d*$/;

function numberOr(x: unknown, fallback: number): number {
  return typeof x === "number" && Number.isFinite(x) && x > 0 ? x : fallback;
}

/**
 * The figure's size in a container `containerWidth` px wide (null before it is
 * measured): the full width, and the kernel's height scaled with the width
 * only within `HEIGHT_SCALE`, because margins, gaps and text are fixed pixel
 * sizes in the kernel's layout and a much shorter figure would squash its Axes.
 */
export function fitSize(
  layout: Record<string, unknown>,
  containerWidth: number | null,
): { width: number; height: number } {
  const w = numberOr(layout.width, 640);
  const h = numberOr(layout.height, 480);
  if (containerWidth === null || containerWidth <= 0) return { width: w, height: h };
  const width = Math.round(containerWidth);
  const scale = Math.min(HEIGHT_SCALE.max, Math.max(HEIGHT_SCALE.min, width / w));
  return { width, height: Math.round(h * scale) };
}

/** The page's default text size (px): figure text is drawn at its kernel size there. */
export const BASE_TEXT_PX = 16;

/** How much figure text grows with the page's text size (A- / A+), within [0.75, 2]. */
export function textScale(pageTextPx: number): number {
  return Math.min(2, Math.max(0.75, pageTextPx / BASE_TEXT_PX));
}

function scaledFont(font: unknown, scale: number, fallback: number): Record<string, unknown> {
  const f = isRecord(font) ? font : {};
  return { ...f, size: Math.round(numberOr(f.size, fallback) * scale * 10) / 10 };
}

/**
 * Figure text (the default font, titles, annotations, tick labels) scaled by
 * `scale`, with the margins that hold it grown alike and the height grown by
 * the extra top and bottom margins, so the plot area keeps its height.
 * Identity at scale 1.
 */
export function scaleText(layout: Record<string, unknown>, scale: number): Record<string, unknown> {
  if (scale === 1) return layout;
  const out: Record<string, unknown> = { ...layout };
  const base = isRecord(layout.font) ? numberOr(layout.font.size, 12) : 12;
  out.font = scaledFont(layout.font, scale, 12);
  if (isRecord(layout.title))
    out.title = { ...layout.title, font: scaledFont(layout.title.font, scale, base) };
  if (Array.isArray(layout.annotations)) {
    out.annotations = layout.annotations.map((a: unknown) =>
      isRecord(a) ? { ...a, font: scaledFont(a.font, scale, base) } : a,
    );
  }
  for (const [key, value] of Object.entries(layout)) {
    if (AXIS_KEY.test(key) && isRecord(value)) {
      out[key] = { ...value, tickfont: scaledFont(value.tickfont, scale, base) };
    }
  }
  if (isRecord(layout.margin)) {
    const m = layout.margin;
    const grown: Record<string, unknown> = { ...m };
    let extra = 0;
    for (const side of ["l", "r", "t", "b"] as const) {
      const v = m[side];
      if (typeof v === "number") {
        grown[side] = Math.round(v * scale);
        if (side === "t" || side === "b") extra += Math.round(v * scale) - v;
      }
    }
    out.margin = grown;
    if (typeof layout.height === "number") out.height = Math.max(1, layout.height + extra);
  }
  return out;
}

/**
 * The layout with the theme's colours, the fitted size and text scaled by
 * `scale` (see `scaleText`); the input is not modified.
 */
export function themedLayout(
  original: Record<string, unknown>,
  theme: PlotTheme,
  containerWidth: number | null,
  scale = 1,
): Record<string, unknown> {
  const layout = scaleText(original, scale);
  const c = THEME_COLORS[theme];
  const out: Record<string, unknown> = { ...layout };
  for (const [key, value] of Object.entries(layout)) {
    if (AXIS_KEY.test(key) && isRecord(value)) {
      out[key] = {
        ...value,
        linecolor: c.axisLine,
        tickcolor: c.axisLine,
        gridcolor: c.grid,
        zerolinecolor: c.grid,
      };
    } else if (LEGEND_KEY.test(key) && isRecord(value)) {
      out[key] = { ...value, bgcolor: c.legendBg, bordercolor: c.legendBorder };
    }
  }
  // Subplot frames of a packed histogram grid (kernel pyplot's `FRAME_SHAPE`) take the axis colour.
  if (Array.isArray(layout.shapes)) {
    out.shapes = layout.shapes.map((shape: unknown) =>
      isRecord(shape) && shape.name === FRAME_SHAPE
        ? { ...shape, line: { ...(isRecord(shape.line) ? shape.line : {}), color: c.axisLine } }
        : shape,
    );
  }
  const font = isRecord(layout.font) ? layout.font : {};
  out.font = { ...font, color: c.text };
  out.paper_bgcolor = c.paper;
  out.plot_bgcolor = c.plot;
  out.modebar = { bgcolor: "rgba(0,0,0,0)", color: c.modebar, activecolor: c.modebarActive };
  const { width, height } = fitSize(layout, containerWidth);
  out.width = width;
  out.height = height;
  out.autosize = false;
  return out;
}

/**
 * Plotly `config`: responsive, no logo, a mode bar with the PNG download and
 * without lasso tools or any cloud link ("Share chart" / Chart Studio upload
 * the figure to a server: no server, and a privacy problem in a classroom).
 */
export const PLOT_CONFIG = {
  responsive: true,
  displaylogo: false,
  showSendToCloud: false,
  showEditInChartStudio: false,
  showLink: false,
  modeBarButtonsToRemove: [
    "select2d",
    "lasso2d",
    "toggleSpikelines",
    "hoverCompareCartesian",
    "sendDataToCloud",
    "editInChartStudio",
  ],
  toImageButtonOptions: { format: "png", filename: "figure", scale: 2 },
} as const;

/** A short accessible name: the figure's title when it has one. */
export function figureLabel(layout: Record<string, unknown>): string {
  const title = layout.title;
  const text = isRecord(title) ? title.text : typeof title === "string" ? title : undefined;
  return typeof text === "string" && text !== "" ? `Figure: ${text}` : "Figure";
}
