/**
 * The Plotly figure `{data, layout}` of a pyplot `Figure`: one x/y axis pair
 * per Axes, or, for a grid of plain histograms, the packed grid of
 * `packed-grid.ts` (one axis pair per row), which draws in a fraction of the time.
 */
import {
  type Axes,
  type BarArtist,
  type Figure,
  type HistArtist,
  histBarGeometry,
  type LineArtist,
  type LineStyle,
  type MarkerName,
  ptToPx,
  showsTickLabels,
  specDomain,
} from "./figure.ts";
import { packedGrid } from "./packed-grid.ts";
import {
  axesTitles,
  axisIds,
  baseLayout,
  binHoverText,
  type JsonObject,
  labelShown,
  type PlotlyFigure,
  suptitleLayout,
} from "./plotly-json.ts";

const DASH: Record<LineStyle, string> = {
  solid: "solid",
  dashed: "dash",
  dotted: "dot",
  dashdot: "dashdot",
  none: "solid",
};

const SYMBOL: Record<MarkerName, string> = {
  o: "circle",
  ".": "circle",
  s: "square",
  "^": "triangle-up",
  v: "triangle-down",
  "<": "triangle-left",
  ">": "triangle-right",
  x: "x-thin-open",
  "+": "cross-thin-open",
  "*": "star",
  D: "diamond",
  d: "diamond-tall",
};

function traceCommon(axes: Axes, k: number, label: string | null, alpha: number | null): JsonObject {
  const ids = axisIds(k);
  const shown = labelShown(axes, label);
  const t: JsonObject = {
    xaxis: ids.x,
    yaxis: ids.y,
    name: label ?? "",
    showlegend: shown,
    legend: ids.legend,
  };
  if (alpha !== null) t.opacity = alpha;
  return t;
}

function artistTrace(
  axes: Axes,
  k: number,
  artist: HistArtist | LineArtist | BarArtist,
  dpi: number,
): JsonObject {
  switch (artist.kind) {
    case "hist": {
      const n = artist.counts.length;
      const x: number[] = [];
      const width: number[] = [];
      const hover: string[] = [];
      for (let i = 0; i < n; i++) {
        const bar = histBarGeometry(artist, i);
        x.push(bar.center);
        width.push(bar.width);
        hover.push(binHoverText(artist.edges, artist.counts, i));
      }
      return {
        type: "bar",
        ...traceCommon(axes, k, artist.label, artist.alpha),
        x,
        y: [...artist.counts],
        width,
        marker: { color: artist.color, line: { width: 0 } },
        hovertext: hover,
        hoverinfo: "text",
      };
    }
    case "line": {
      const lines = artist.linestyle !== "none";
      const mode = artist.marker === null ? "lines" : lines ? "lines+markers" : "markers";
      const size = ptToPx(artist.marker === "." ? artist.markersize / 2 : artist.markersize, dpi);
      return {
        type: "scatter",
        ...traceCommon(axes, k, artist.label, artist.alpha),
        mode: lines || artist.marker !== null ? mode : "lines",
        x: [...artist.x],
        y: [...artist.y],
        line: { color: artist.color, width: ptToPx(artist.linewidth, dpi), dash: DASH[artist.linestyle] },
        marker: {
          color: artist.color,
          size,
          symbol: artist.marker === null ? "circle" : SYMBOL[artist.marker],
        },
      };
    }
    case "bar": {
      const t: JsonObject = {
        type: "bar",
        ...traceCommon(axes, k, artist.label, artist.alpha),
        x: [...artist.x],
        y: [...artist.heights],
        width: [...artist.widths],
        marker: { color: artist.color, line: { width: 0 } },
      };
      if (artist.bottoms !== null) t.base = [...artist.bottoms];
      return t;
    }
    default: {
      const never: never = artist;
      throw new Error(`unknown artist ${String(never)}`);
    }
  }
}

/** Pixels per tick label Plotly should aim for, so narrow subplots get few, unrotated ticks. */
const TICK_SPACING_PX = { x: 40, y: 35 } as const;

function axisLayout(
  axes: Axes,
  k: number,
  axis: "x" | "y",
  domain: [number, number],
  index: (a: Axes) => number,
  lengthPx: number,
): JsonObject {
  const ids = axisIds(k);
  const label = axis === "x" ? axes.xlabel : axes.ylabel;
  const scale = axis === "x" ? axes.xscale : axes.yscale;
  const lim = axis === "x" ? axes.xlim : axes.ylim;
  const ticks = axis === "x" ? axes.xticks : axes.yticks;
  const share = axis === "x" ? axes.sharex : axes.sharey;
  const out: JsonObject = {
    domain,
    anchor: axis === "x" ? ids.y : ids.x,
    showgrid: axes.grid,
    zeroline: false,
    showline: true,
    mirror: true,
    ticks: "outside",
    linecolor: "#444444",
    gridcolor: "#dddddd",
    automargin: false,
    showticklabels: showsTickLabels(axes, axis),
  };
  if (label !== "") out.title = { text: label, standoff: 4 };
  if (scale === "log") {
    out.type = "log";
    out.exponentformat = "power";
  }
  if (lim !== null) {
    const conv = (v: number | null): number | null =>
      v === null ? null : scale === "log" ? Math.log10(v) : v;
    const lo = conv(lim[0]);
    const hi = conv(lim[1]);
    out.range = [lo, hi];
    if (lo === null && hi === null) out.autorange = true;
    else if (lo === null) out.autorange = "min";
    else if (hi === null) out.autorange = "max";
    else out.autorange = false;
  }
  if (ticks === null) {
    out.nticks = Math.max(3, Math.min(10, Math.floor(lengthPx / TICK_SPACING_PX[axis])));
  } else {
    if (ticks.values.length === 0) {
      out.ticks = "";
      out.showticklabels = false;
    } else {
      out.tickmode = "array";
      out.tickvals = [...ticks.values];
      if (ticks.labels !== null) out.ticktext = [...ticks.labels];
    }
  }
  if (share !== null) {
    const target = axisIds(index(share));
    out.matches = axis === "x" ? target.x : target.y;
  }
  return out;
}

/**
 * The Plotly figure of a matplotlib figure: a grid of plain histograms as a
 * packed grid (see `packed-grid.ts`), anything else one x/y axis pair per Axes
 * with GridSpec-like domains, Axes titles as annotations above each Axes, the
 * suptitle as the layout title, one legend per Axes (`legend`, `legend2`,
 * ...) in its upper right corner, and `width`/`height` from `figsize * dpi`.
 */
export function toPlotly(figure: Figure): PlotlyFigure {
  return packedGrid(figure) ?? axesFigure(figure);
}

function axesFigure(figure: Figure): PlotlyFigure {
  const { box, layout } = baseLayout(figure);
  const { params, plotW, plotH } = box;
  const index = (a: Axes): number => Math.max(0, figure.axes.indexOf(a));
  const data: JsonObject[] = [];
  const annotations: JsonObject[] = axesTitles(figure, box);
  const shapes: JsonObject[] = [];
  let anyLegend = false;
  figure.axes.forEach((axes, k) => {
    const ids = axisIds(k);
    const domain = specDomain(axes.spec, params(axes.spec));
    const widthPx = (domain.x[1] - domain.x[0]) * plotW;
    layout[ids.xKey] = axisLayout(axes, k, "x", domain.x, index, widthPx);
    layout[ids.yKey] = axisLayout(axes, k, "y", domain.y, index, (domain.y[1] - domain.y[0]) * plotH);
    let axesHasLegend = false;
    for (const artist of axes.artists) {
      switch (artist.kind) {
        case "hist":
        case "line":
        case "bar": {
          if (labelShown(axes, artist.label)) axesHasLegend = true;
          data.push(artistTrace(axes, k, artist, figure.dpi));
          break;
        }
        case "hline":
          shapes.push({
            type: "line",
            xref: `${ids.x} domain`,
            yref: ids.y,
            x0: 0,
            x1: 1,
            y0: artist.y,
            y1: artist.y,
            line: {
              color: artist.color,
              width: ptToPx(artist.linewidth, figure.dpi),
              dash: DASH[artist.linestyle],
            },
          });
          break;
        case "text":
          annotations.push({
            text: artist.text,
            xref: ids.x,
            yref: ids.y,
            x: artist.x,
            y: artist.y,
            xanchor: "left",
            yanchor: "bottom",
            showarrow: false,
          });
          break;
        default: {
          const never: never = artist;
          throw new Error(`unknown artist ${String(never)}`);
        }
      }
    }
    if (axesHasLegend) {
      anyLegend = true;
      layout[ids.legend] = {
        xref: "paper",
        yref: "paper",
        x: domain.x[1] - 0.01,
        y: domain.y[1] - 0.01,
        xanchor: "right",
        yanchor: "top",
        bgcolor: "rgba(255,255,255,0.8)",
        bordercolor: "#cccccc",
        borderwidth: 1,
      };
    }
  });
  layout.showlegend = anyLegend;
  const title = suptitleLayout(figure);
  if (title !== null) layout.title = title;
  if (annotations.length > 0) layout.annotations = annotations;
  if (shapes.length > 0) layout.shapes = shapes;
  return { data, layout };
}
