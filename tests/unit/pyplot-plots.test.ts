import { describe, expect, it } from "vitest";
import { createPyplotState, currentAxes, addHist, subplots } from "../../src/kernel/modules/pyplot/figure.ts";
import { toPlotly } from "../../src/kernel/modules/pyplot/to-plotly.ts";
import { isPlotlyBundle } from "../../src/plots/bundle.ts";
import {
  figureLabel,
  fitSize,
  scaleText,
  THEME_COLORS,
  textScale,
  themedLayout,
} from "../../src/plots/theme.ts";

describe("isPlotlyBundle", () => {
  it("accepts what the kernel emits and rejects other shapes", () => {
    const state = createPyplotState();
    addHist(currentAxes(state), { counts: [1, 2], edges: [0, 1, 2] });
    const emitted: unknown = JSON.parse(JSON.stringify(toPlotly(state.current!)));
    expect(
      [emitted, { data: [], layout: {} }, { data: [] }, { data: [1], layout: {} }, null, [], "x"].map(
        isPlotlyBundle,
      ),
    ).toEqual([true, true, false, false, false, false, false]);
  });
});

describe("fitSize", () => {
  it("fills the container width and scales the height with it only from 75% to 125%", () => {
    const layout = { width: 640, height: 480 };
    expect([
      fitSize(layout, null),
      fitSize(layout, 704),
      fitSize(layout, 1280),
      fitSize(layout, 320),
      fitSize({}, 576),
    ]).toEqual([
      { width: 640, height: 480 },
      { width: 704, height: 528 },
      { width: 1280, height: 600 },
      { width: 320, height: 360 },
      { width: 576, height: 432 },
    ]);
  });
});

describe("themedLayout", () => {
  it("recolours every axis, legend, the text and the backgrounds without touching the input", () => {
    const layout = {
      width: 1000,
      height: 400,
      font: { size: 12, color: "#262626" },
      xaxis: { domain: [0, 0.5], linecolor: "#444444" },
      yaxis2: { type: "log" },
      legend2: { x: 1, bgcolor: "white" },
      annotations: [{ text: "t" }],
    };
    const before = JSON.stringify(layout);
    const dark = THEME_COLORS.dark;
    const axis = {
      linecolor: dark.axisLine,
      tickcolor: dark.axisLine,
      gridcolor: dark.grid,
      zerolinecolor: dark.grid,
    };
    expect(themedLayout(layout, "dark", 500)).toEqual({
      width: 500,
      height: 300,
      autosize: false,
      font: { size: 12, color: dark.text },
      xaxis: { domain: [0, 0.5], ...axis },
      yaxis2: { type: "log", ...axis },
      legend2: { x: 1, bgcolor: dark.legendBg, bordercolor: dark.legendBorder },
      annotations: [{ text: "t" }],
      paper_bgcolor: dark.paper,
      plot_bgcolor: dark.plot,
      modebar: { bgcolor: "rgba(0,0,0,0)", color: dark.modebar, activecolor: dark.modebarActive },
    });
    expect(JSON.stringify(layout)).toBe(before);
    expect(themedLayout(layout, "light", null).paper_bgcolor).toBe(THEME_COLORS.light.paper);
  });
});

describe("figureLabel", () => {
  it("names the figure by its title", () => {
    expect([figureLabel({ title: { text: "tanh" } }), figureLabel({ title: "x" }), figureLabel({})]).toEqual([
      "Figure: tanh",
      "Figure: x",
      "Figure",
    ]);
  });
});

describe("scaleText", () => {
  const layout = {
    height: 300,
    font: { size: 12 },
    margin: { l: 40, r: 20, t: 30, b: 20, pad: 0 },
    title: { text: "t", font: { size: 16 } },
    annotations: [{ text: "a", font: { size: 10 } }, { text: "b" }],
    xaxis: { domain: [0, 1] },
  };

  it("is the identity at the page's default text size", () => {
    expect(textScale(16)).toBe(1);
    expect(scaleText(layout, textScale(16))).toBe(layout);
  });

  it("scales text and margins at 32 px, and grows the height by the extra margins", () => {
    expect(textScale(32)).toBe(2);
    expect(textScale(64)).toBe(2);
    expect(textScale(8)).toBe(0.75);
    const s = scaleText(layout, 2);
    expect(s.font).toEqual({ size: 24 });
    expect(s.title).toEqual({ text: "t", font: { size: 32 } });
    expect(s.annotations).toEqual([
      { text: "a", font: { size: 20 } },
      { text: "b", font: { size: 24 } },
    ]);
    expect(s.xaxis).toEqual({ domain: [0, 1], tickfont: { size: 24 } });
    expect(s.margin).toEqual({ l: 80, r: 40, t: 60, b: 40, pad: 0 });
    expect(s.height).toBe(350);
    expect(layout.font).toEqual({ size: 12 });
  });

  it("is applied by themedLayout", () => {
    expect(themedLayout(layout, "light", 600, 2).font).toEqual({ size: 24, color: THEME_COLORS.light.text });
  });
});

describe("themedLayout of a packed histogram grid", () => {
  it("gives the subplot frames the theme's axis colour and leaves other shapes alone", () => {
    const state = createPyplotState();
    const fig = subplots(state, 2, 3).figure;
    for (const ax of fig.axes) {
      addHist(ax, { counts: [1, 2], edges: [0, 1, 2] });
      ax.yticks = { values: [], labels: null };
    }
    const { layout } = toPlotly(fig);
    const other = { type: "line", line: { color: "#ff0000" } };
    const shapes = [...(Array.isArray(layout.shapes) ? layout.shapes : []), other];
    const themed = themedLayout({ ...layout, shapes }, "dark", 800);
    const lines = (Array.isArray(themed.shapes) ? themed.shapes : []).map((s: unknown) =>
      typeof s === "object" && s !== null ? Reflect.get(Reflect.get(s, "line") ?? {}, "color") : null,
    );
    expect(lines).toEqual([...Array<string>(6).fill(THEME_COLORS.dark.axisLine), "#ff0000"]);
  });
});
