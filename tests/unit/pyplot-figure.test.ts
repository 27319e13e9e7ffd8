import { describe, expect, it } from "vitest";
import {
  addBar,
  addHist,
  addHLine,
  addLine,
  addSubplot,
  altText,
  closeFigure,
  createPyplotState,
  currentAxes,
  displaySize,
  figureText,
  gridPositions,
  MPL_SUBPLOT_PARAMS,
  newFigure,
  ptToPx,
  spacingFraction,
  specDomain,
  subplotSpec,
  subplots,
  TAB10,
} from "../../src/kernel/modules/pyplot/figure.ts";
import { binHoverText, type Json, titleFontSize } from "../../src/kernel/modules/pyplot/plotly-json.ts";
import { toPlotly } from "../../src/kernel/modules/pyplot/to-plotly.ts";

/** `obj[key]` of a JSON object, or undefined. */
function field(obj: Json | undefined, key: string): Json | undefined {
  if (typeof obj !== "object" || obj === null) return undefined;
  for (const [k, v] of Object.entries(obj)) if (k === key) return v;
  return undefined;
}

/** The numbers of a JSON array, rounded to 9 decimals. */
function nums(v: Json | undefined): number[] {
  if (!Array.isArray(v)) return [];
  return round(v.map((x: Json) => (typeof x === "number" ? x : Number.NaN)));
}

const round = (xs: readonly number[]): number[] => xs.map((x) => Math.round(x * 1e9) / 1e9);

describe("figureText", () => {
  it("prints matplotlib's Figure repr with the pixel size", () => {
    const state = createPyplotState();
    const fig = newFigure(state);
    expect(figureText(fig)).toBe("<Figure size 640x480 with 0 Axes>");
    currentAxes(state);
    expect(figureText(fig)).toBe("<Figure size 640x480 with 1 Axes>");
    expect(figureText(newFigure(state, { figsize: [12.5, 4] }))).toBe("<Figure size 1250x400 with 0 Axes>");
    expect(figureText(newFigure(state, { figsize: [10, 10 / 3] }))).toBe(
      "<Figure size 1000x333.333 with 0 Axes>",
    );
  });
});

describe("subplotSpec", () => {
  it("maps a 1-based index to its row and column, and spans pairs", () => {
    expect(subplotSpec(2, 3, 5)).toEqual({
      nrows: 2,
      ncols: 3,
      rowStart: 1,
      rowStop: 2,
      colStart: 1,
      colStop: 2,
    });
    expect(subplotSpec(2, 2, [1, 2])).toEqual({
      nrows: 2,
      ncols: 2,
      rowStart: 0,
      rowStop: 1,
      colStart: 0,
      colStop: 2,
    });
  });
  it("raises matplotlib's ValueError for an index out of range", () => {
    expect(() => subplotSpec(2, 2, 5)).toThrow("num must be an integer with 1 <= num <= 4, not 5");
    expect(() => subplotSpec(2, 2, 0)).toThrow("num must be an integer with 1 <= num <= 4, not 0");
  });
});

describe("addSubplot", () => {
  it("reuses the Axes of an equal spec and makes it current", () => {
    const state = createPyplotState();
    const fig = newFigure(state);
    const a = addSubplot(fig, subplotSpec(1, 2, 1));
    const b = addSubplot(fig, subplotSpec(1, 2, 2));
    expect(fig.current).toBe(b);
    expect(addSubplot(fig, subplotSpec(1, 2, 1))).toBe(a);
    expect(fig.current).toBe(a);
    expect(fig.axes.length).toBe(2);
  });
});

describe("closeFigure", () => {
  it("falls back to the last open figure, or none", () => {
    const state = createPyplotState();
    const f1 = newFigure(state);
    const f2 = newFigure(state);
    closeFigure(state, f2);
    expect(state.current).toBe(f1);
    closeFigure(state, "all");
    expect(state.current).toBe(null);
    expect(newFigure(state).number).toBe(3);
  });
});

describe("subplots", () => {
  it("shares axes and hides inner tick labels like label_outer", () => {
    const state = createPyplotState();
    const { figure, grid } = subplots(state, 2, 2, { sharex: "all", sharey: "row" });
    const ax = grid.map((row) => row.map((a) => figure.axes.indexOf(a)));
    expect(ax).toEqual([
      [0, 1],
      [2, 3],
    ]);
    const sx = grid.flat().map((a) => (a.sharex === null ? null : figure.axes.indexOf(a.sharex)));
    const sy = grid.flat().map((a) => (a.sharey === null ? null : figure.axes.indexOf(a.sharey)));
    expect(sx).toEqual([null, 0, 0, 0]);
    expect(sy).toEqual([null, 0, null, 2]);
    expect(grid.flat().map((a) => [a.hideXTickLabels, a.hideYTickLabels])).toEqual([
      [true, false],
      [true, true],
      [false, false],
      [false, true],
    ]);
    const layout = toPlotly(figure).layout;
    expect(
      [layout.xaxis2, layout.xaxis3, layout.yaxis2, layout.yaxis4].map((a) => JSON.stringify(a)),
    ).toEqual([
      expect.stringContaining('"matches":"x"'),
      expect.stringContaining('"matches":"x"'),
      expect.stringContaining('"matches":"y"'),
      expect.stringContaining('"matches":"y3"'),
    ]);
  });
});

describe("gridPositions", () => {
  it("matches matplotlib's default subplot positions", () => {
    // fig.add_subplot(121).get_position(): x0=0.125, x1=0.4772727; (122): x0=0.5477273, x1=0.9.
    const one = gridPositions(1, 2, MPL_SUBPLOT_PARAMS);
    expect(one.cols.map(round)).toEqual([
      [0.125, 0.477272727],
      [0.547727273, 0.9],
    ]);
    expect(one.rows.map(round)).toEqual([[0.11, 0.88]]);
    // fig.add_subplot(211): y0=0.53, y1=0.88; (212): y0=0.11, y1=0.46.
    expect(gridPositions(2, 1, MPL_SUBPLOT_PARAMS).rows.map(round)).toEqual([
      [0.53, 0.88],
      [0.11, 0.46],
    ]);
  });
  it("gives a gap of gapPx between cells when wspace comes from spacingFraction", () => {
    const wspace = spacingFraction(600, 3, 60);
    expect(wspace).toBeCloseTo(0.375, 12);
    const { cols } = gridPositions(1, 3, { left: 0, right: 1, bottom: 0, top: 1, wspace, hspace: 0 });
    expect(cols.map(round)).toEqual([
      [0, 0.266666667],
      [0.366666667, 0.633333333],
      [0.733333333, 1],
    ]);
  });
  it("spans cells for a (first, last) spec", () => {
    const p = { left: 0, right: 1, bottom: 0, top: 1, wspace: 0, hspace: 0 };
    expect(specDomain(subplotSpec(2, 2, [3, 4]), p)).toEqual({ x: [0, 1], y: [0, 0.5] });
  });
});

describe("binHoverText", () => {
  it("shows half-open bins and a closed last bin", () => {
    const edges = [-0.2, -0.1, 0, 0.1];
    const counts = [123, 7, 1];
    expect([0, 1, 2].map((i) => binHoverText(edges, counts, i))).toEqual([
      "[-0.2, -0.1): 123",
      "[-0.1, 0): 7",
      "[0, 0.1]: 1",
    ]);
  });
});

describe("toPlotly", () => {
  it("turns a histogram into edge-to-edge bars without the samples", () => {
    const state = createPyplotState();
    const ax = currentAxes(state);
    addHist(ax, { counts: [1, 3, 2], edges: [0, 0.5, 1, 2] }, { label: "w", alpha: 0.5 });
    ax.legend = true;
    const fig = toPlotly(state.current!);
    expect(fig.data).toEqual([
      {
        type: "bar",
        xaxis: "x",
        yaxis: "y",
        name: "w",
        showlegend: true,
        legend: "legend",
        opacity: 0.5,
        x: [0.25, 0.75, 1.5],
        y: [1, 3, 2],
        width: [0.5, 0.5, 1],
        marker: { color: TAB10[0], line: { width: 0 } },
        hovertext: ["[0, 0.5): 1", "[0.5, 1): 3", "[1, 2]: 2"],
        hoverinfo: "text",
      },
    ]);
    expect(fig.layout.showlegend).toBe(true);
    expect(fig.layout.legend).toEqual({
      xref: "paper",
      yref: "paper",
      x: 0.99,
      y: 0.99,
      xanchor: "right",
      yanchor: "top",
      bgcolor: "rgba(255,255,255,0.8)",
      bordercolor: "#cccccc",
      borderwidth: 1,
    });
  });

  it("cycles colours per Axes: plot and hist share a cycle, bar has its own, axhline takes none", () => {
    const state = createPyplotState();
    const ax = currentAxes(state);
    addLine(ax, { x: [0, 1], y: [0, 1] });
    addHist(ax, { counts: [1], edges: [0, 1] });
    addBar(ax, { x: [0], heights: [1], widths: [0.8] });
    addHLine(ax, 0.5);
    addLine(ax, { x: [0, 1], y: [1, 0] }, { color: "r", linestyle: "dashed", marker: "o" });
    const { data, layout } = toPlotly(state.current!);
    expect(data.map((t) => JSON.stringify(t.marker))).toEqual([
      JSON.stringify({ color: TAB10[0], size: ptToPx(6, 100), symbol: "circle" }),
      JSON.stringify({ color: TAB10[1], line: { width: 0 } }),
      JSON.stringify({ color: TAB10[0], line: { width: 0 } }),
      JSON.stringify({ color: "#ff0000", size: ptToPx(6, 100), symbol: "circle" }),
    ]);
    expect(data.map((t) => t.mode ?? null)).toEqual(["lines", null, null, "lines+markers"]);
    expect(layout.shapes).toEqual([
      {
        type: "line",
        xref: "x domain",
        yref: "y",
        x0: 0,
        x1: 1,
        y0: 0.5,
        y1: 0.5,
        line: { color: TAB10[0], width: ptToPx(1.5, 100), dash: "solid" },
      },
    ]);
    expect(layout.showlegend).toBe(false);
  });

  it("lays out a 1x2 grid with titles above each Axes and the suptitle on top", () => {
    const state = createPyplotState();
    const fig = newFigure(state, { figsize: [9, 4] });
    const a = addSubplot(fig, subplotSpec(1, 2, 1));
    const b = addSubplot(fig, subplotSpec(1, 2, 2));
    a.title = "1-layer";
    b.title = "2-layer";
    b.yticks = { values: [], labels: null };
    a.xlabel = "activation";
    b.yscale = "log";
    b.ylim = [1, 1000];
    fig.suptitle = "tanh";
    const { layout } = toPlotly(fig);
    // margins: left = pad + tick labels; top = pad + axes title + suptitle; bottom = pad + tick labels + xlabel.
    expect(layout.margin).toEqual({ l: 55, r: 20, t: 74, b: 54, pad: 0 });
    expect([layout.width, layout.height]).toEqual([900, 400]);
    // the second column has no y tick labels: the gap is the pad and the x tick label overhang (22 of 825 px).
    const d1 = field(layout.xaxis, "domain");
    const d2 = field(layout.xaxis2, "domain");
    expect([nums(d1), nums(d2)]).toEqual([
      round([0, (825 - 22) / 2 / 825]),
      round([(825 + 22) / 2 / 825, 1]),
    ]);
    expect(layout.yaxis2).toEqual({
      domain: [0, 1],
      anchor: "x2",
      showgrid: false,
      zeroline: false,
      showline: true,
      mirror: true,
      ticks: "",
      linecolor: "#444444",
      gridcolor: "#dddddd",
      automargin: false,
      showticklabels: false,
      type: "log",
      exponentformat: "power",
      range: [0, 3],
      autorange: false,
    });
    expect(layout.annotations).toEqual([
      {
        text: "1-layer",
        xref: "paper",
        yref: "paper",
        x: expect.closeTo((825 - 22) / 4 / 825, 12),
        y: 1,
        xanchor: "center",
        yanchor: "bottom",
        yshift: 4,
        showarrow: false,
        font: { size: 14 },
      },
      {
        text: "2-layer",
        xref: "paper",
        yref: "paper",
        x: expect.closeTo(((825 + 22) / 2 / 825 + 1) / 2, 12),
        y: 1,
        xanchor: "center",
        yanchor: "bottom",
        yshift: 4,
        showarrow: false,
        font: { size: 14 },
      },
    ]);
    expect(layout.title).toEqual({
      text: "tanh",
      x: 0.5,
      xanchor: "center",
      y: 1 - 10 / 400,
      yanchor: "top",
      font: { size: 16 },
    });
  });

  it("leaves one end automatic for a one-sided limit", () => {
    const state = createPyplotState();
    const ax = currentAxes(state);
    ax.xlim = [0, null];
    const x = toPlotly(state.current!).layout.xaxis;
    expect(JSON.stringify(x)).toContain('"range":[0,null],"autorange":"max"');
  });
});

describe("altText", () => {
  it("describes each plot with its statistics and bin counts", () => {
    const state = createPyplotState();
    const { figure, grid } = subplots(state, 1, 2);
    figure.suptitle = "Activations";
    const [a, b] = grid[0] ?? [];
    if (a === undefined || b === undefined) throw new Error("grid");
    a.title = "layer 1";
    addHist(a, {
      counts: [2, 5, 3],
      edges: [-1, -0.3333333, 0.3333333, 1],
      stats: { count: 10, mean: 0.0123456, std: 0.51234 },
    });
    b.ylabel = "y";
    addLine(
      b,
      { x: [0, 1, 2], y: [1, 2, 3], stats: { count: 3, mean: 2, std: 0.8164966 } },
      { label: "tanh" },
    );
    expect(altText(figure)).toBe(
      'Figure with 2 plots. Title: "Activations". ' +
        'Plot 1 of 2 (row 1, column 1): title "layer 1". ' +
        "Histogram of 10 values (mean 0.01235, std 0.5123): 3 bins from -1 to 1, counts 2, 5, 3. " +
        'Plot 2 of 2 (row 1, column 2): y axis "y". ' +
        'Line "tanh": 3 points for x from 0 to 2, y mean 2, std 0.8165.',
    );
  });
});

describe("displaySize", () => {
  it("lays wide figures out at the column width, shrinking their height by at most a quarter", () => {
    const state = createPyplotState();
    const sizes = [
      [6.4, 4.8],
      [9.6, 3],
      [11, 3.5],
      [20, 6],
    ].map(([w = 0, h = 0]) => displaySize(newFigure(state, { figsize: [w, h] })));
    expect(sizes).toEqual([
      { width: 640, height: 480 },
      { width: 960, height: 300 },
      { width: 960, height: Math.round(350 * (960 / 1100)) },
      { width: 960, height: 450 },
    ]);
  });
});

describe("titleFontSize", () => {
  it("keeps 14 px when the title fits and shrinks to 9 px at least", () => {
    expect([
      titleFontSize("1-layer", 400),
      titleFontSize("naive, layer 10", 100),
      titleFontSize("x".repeat(80), 50),
    ]).toEqual([14, 11, 9]);
  });
});
