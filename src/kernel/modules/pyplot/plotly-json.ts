/**
 * matplotlib-like Plotly JSON shared by the per-Axes figure (`to-plotly.ts`)
 * and the packed histogram grid (`packed-grid.ts`): the JSON types, axis ids,
 * the page-independent base layout, Axes titles and the suptitle.
 */
import {
  type Axes,
  displaySize,
  FURNITURE_PX,
  type Figure,
  figureLayoutBox,
  shortNumber,
  specDomain,
} from "./figure.ts";

/** A JSON value: what a Plotly figure is made of, so it survives postMessage and .ipynb. */
export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The `application/vnd.plotly.v1+json` payload. */
export interface PlotlyFigure {
  data: JsonObject[];
  layout: JsonObject;
}

/** Axis ids of the k-th Axes (0-based): `x`, `x2`, ... and their layout keys `xaxis`, `xaxis2`, ... */
export function axisIds(k: number): { x: string; y: string; xKey: string; yKey: string; legend: string } {
  const n = k === 0 ? "" : String(k + 1);
  return { x: `x${n}`, y: `y${n}`, xKey: `xaxis${n}`, yKey: `yaxis${n}`, legend: `legend${n}` };
}

/** Hover text of histogram bin i: `[a, b): count`, the last bin closed as in `np.histogram`. */
export function binHoverText(edges: readonly number[], counts: readonly number[], i: number): string {
  const lo = shortNumber(edges[i] ?? Number.NaN);
  const hi = shortNumber(edges[i + 1] ?? Number.NaN);
  const close = i === counts.length - 1 ? "]" : ")";
  return `[${lo}, ${hi}${close}: ${shortNumber(counts[i] ?? Number.NaN)}`;
}

/** Axes title size: matplotlib's 14 px-ish "large", shrunk (to 9 px at least) to fit the Axes width. */
export function titleFontSize(title: string, widthPx: number): number {
  const fit = Math.floor(widthPx / (0.6 * Math.max(1, title.length)));
  return Math.max(9, Math.min(14, fit));
}

/** The figure's layout box (see `figureLayoutBox`) and its layout before any Axes: size, margins, fonts. */
export function baseLayout(figure: Figure): { box: ReturnType<typeof figureLayoutBox>; layout: JsonObject } {
  const box = figureLayoutBox(figure);
  const size = displaySize(figure);
  const layout: JsonObject = {
    width: size.width,
    height: size.height,
    autosize: false,
    margin: { ...box.margin, pad: 0 },
    font: { family: "DejaVu Sans, Verdana, Arial, sans-serif", size: 12, color: "#262626" },
    paper_bgcolor: "#ffffff",
    plot_bgcolor: "#ffffff",
    barmode: "overlay",
    bargap: 0,
    hovermode: "closest",
  };
  return { box, layout };
}

/** Axes titles as annotations above each Axes, in one size for the whole figure: the largest that fits them all. */
export function axesTitles(figure: Figure, box: ReturnType<typeof figureLayoutBox>): JsonObject[] {
  const { params, plotW } = box;
  const titleSize = figure.axes.reduce((m, a) => {
    const d = specDomain(a.spec, params(a.spec));
    return a.title === "" ? m : Math.min(m, titleFontSize(a.title, (d.x[1] - d.x[0]) * plotW));
  }, 14);
  const out: JsonObject[] = [];
  for (const axes of figure.axes) {
    if (axes.title === "") continue;
    const domain = specDomain(axes.spec, params(axes.spec));
    out.push({
      text: axes.title,
      xref: "paper",
      yref: "paper",
      x: (domain.x[0] + domain.x[1]) / 2,
      y: domain.y[1],
      xanchor: "center",
      yanchor: "bottom",
      yshift: 4,
      showarrow: false,
      font: { size: titleSize },
    });
  }
  return out;
}

/** The suptitle as the layout title, near the top edge; null without one. */
export function suptitleLayout(figure: Figure): JsonObject | null {
  if (figure.suptitle === null) return null;
  return {
    text: figure.suptitle,
    x: 0.5,
    xanchor: "center",
    y: 1 - FURNITURE_PX.pad / Math.max(1, displaySize(figure).height),
    yanchor: "top",
    font: { size: 16 },
  };
}

/** Whether `label` shows in a legend: the Axes has one and the label is not `_hidden`. */
export function labelShown(axes: Axes, label: string | null): boolean {
  return axes.legend && label !== null && label !== "" && !label.startsWith("_");
}
