import { JSDOM } from "jsdom";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import type { Output } from "../../protocol.ts";
import { Outputs } from "../Outputs.tsx";
import { planOutput } from "./plan.ts";
import { createSanitizer } from "./sanitize.ts";

const window = new JSDOM("").window;
const sanitize = createSanitizer(window);
// A 1×1 PNG, split over lines as nbformat files store it.
const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4\n2mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==\n";

describe("planOutput", () => {
  test("planOutput shows image/png as an image with its text as alt and its nbformat size", () => {
    const data = { "image/png": PNG, "text/plain": "<Figure size 640x480 with 1 Axes>" };
    expect(planOutput(data, { "image/png": { width: 320, height: 240 } }, sanitize)).toEqual({
      kind: "image",
      mime: "image/png",
      src: `data:image/png;base64,${PNG.replace(/\n/g, "")}`,
      alt: "<Figure size 640x480 with 1 Axes>",
      width: 320,
      height: 240,
    });
    expect(planOutput({ "image/jpeg": "/9j/4AAQ" }, { "initlab/alt": "a cat" }, sanitize)).toEqual({
      kind: "image",
      mime: "image/jpeg",
      src: "data:image/jpeg;base64,/9j/4AAQ",
      alt: "a cat",
    });
  });

  test("planOutput skips an image that is not base64 and shows the text instead", () => {
    const data = { "image/png": '"><script>x</script>', "text/plain": "fallback" };
    expect(planOutput(data, {}, sanitize)).toEqual({ kind: "text", text: "fallback" });
  });

  test("planOutput prefers sanitised HTML, and falls through when the HTML is only a script", () => {
    expect(planOutput({ "text/html": "<b onclick=x()>bold</b>", "text/plain": "b" }, {}, sanitize)).toEqual({
      kind: "html",
      mime: "text/html",
      html: "<b>bold</b>",
    });
    expect(
      planOutput({ "text/html": "<script>Plotly.newPlot()</script>", "text/plain": "fig" }, {}, sanitize),
    ).toEqual({ kind: "text", text: "fig" });
  });

  test("planOutput shows svg as an image of the sanitised svg", () => {
    const plan = planOutput({ "image/svg+xml": '<svg onload="x()"><circle r="1"/></svg>' }, {}, sanitize);
    expect(plan).toEqual({
      kind: "image",
      mime: "image/svg+xml",
      src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"></circle></svg>')}`,
      alt: "an image output",
    });
  });

  test("planOutput renders text/markdown and text/latex with KaTeX", () => {
    const md = planOutput({ "text/markdown": "**two** <img src=x onerror=y()>" }, {}, sanitize);
    expect(md.kind === "html" && md.html).toMatch(/^<p><strong>two<\/strong> /);
    // The markdown renderer shows raw HTML as text.
    expect(md.kind === "html" && md.html).not.toMatch(/<img/);
    expect(md.kind === "html" && md.html).toContain("&lt;img src=x onerror=y()&gt;");
    for (const latex of ["$$\\frac{1}{2}$$", "\\frac{1}{2}"]) {
      const plan = planOutput({ "text/latex": latex }, {}, sanitize);
      expect(plan.kind === "html" && plan.html).toMatch(/class="katex-display".*<mfrac>/);
    }
  });

  test("planOutput with no mime type it knows is none", () => {
    expect(planOutput({ "application/x-widget": {} }, {}, sanitize)).toEqual({ kind: "none" });
  });
});

describe("Outputs", () => {
  test("Outputs draws an ANSI traceback as coloured spans, text only", () => {
    Object.assign(globalThis, { window });
    const E = String.fromCharCode(27);
    const outputs: Output[] = [
      { output_type: "stream", name: "stdout", text: `${E}[1;32mok${E}[0m <b>not html</b>\n` },
      {
        output_type: "error",
        ename: "ZeroDivisionError",
        evalue: "division by zero",
        traceback: [
          `${E}[0;31m---------------------------------------------------------------------------${E}[0m`,
          `${E}[0;32m----> 1${E}[0m 1${E}[38;5;241m/${E}[39m0`,
          `${E}[0;31mZeroDivisionError${E}[0m: division by zero`,
        ],
      },
      { output_type: "display_data", data: { "image/png": PNG, "text/plain": "<Figure>" }, metadata: {} },
    ];
    const html = renderToStaticMarkup(createElement(Outputs, { outputs, label: "Outputs" }));
    expect(html).toContain('<span class="ansi-fg-2 ansi-bold">ok</span> &lt;b&gt;not html&lt;/b&gt;');
    expect(html).toContain(
      '<span class="tb-line tb-mark"><span class="ansi-fg-2">----&gt; 1</span> 1<span class="ansi-fg-rgb" style="--ansi-fg:rgb(98, 98, 98)">/</span>0',
    );
    expect(html).not.toContain(E);
    // The summary line is drawn once, below, from ename and evalue.
    expect(html.match(/ZeroDivisionError/g)?.length).toBe(2);
    expect(html).toContain('<img src="data:image/png;base64,iVBORw0KGgo');
    expect(html).toContain('alt="&lt;Figure&gt;"');
  });
});
