/**
 * The sanitiser against an XSS corpus, in jsdom with scripts enabled: every
 * payload sets `window.__xss`. Unsanitised, the corpus does fire (so the check
 * can fail); sanitised, nothing fires when every element gets its events, and
 * no script, handler or `javascript:` URL is left.
 */
import { JSDOM } from "jsdom";
import { describe, expect, test } from "vitest";
import { createSanitizer } from "./sanitize.ts";

const CORPUS = [
  `<img src=x onerror="window.__xss=1">`,
  `<script>window.__xss=1</script>`,
  `<a href="javascript:window.__xss=1">link</a>`,
  `<a href=" JaVaScRiPt:window.__xss=1">spaced</a>`,
  `<a href="jav&#x09;ascript:window.__xss=1">entity</a>`,
  `<svg onload="window.__xss=1"><script>window.__xss=1</script><circle r="2"/></svg>`,
  `<svg><a xlink:href="javascript:window.__xss=1"><text>x</text></a></svg>`,
  `<svg><animate onbegin="window.__xss=1" attributeName="x" dur="1s"/></svg>`,
  `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
  `<iframe src="javascript:parent.__xss=1"></iframe>`,
  `<object data="javascript:window.__xss=1"></object>`,
  `<embed src="javascript:window.__xss=1">`,
  `<form><button formaction="javascript:window.__xss=1">go</button></form>`,
  `<details open ontoggle="window.__xss=1">x</details>`,
  `<body onload="window.__xss=1">`,
  `<div onmouseover="window.__xss=1" onclick="window.__xss=1">hover</div>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1">`,
  `<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">`,
  `<style>@import "javascript:window.__xss=1"; body{background:red}</style>`,
  `<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">`,
  `<base href="javascript:window.__xss=1//">`,
  `<input autofocus onfocus="window.__xss=1">`,
];

const EVENTS = ["error", "load", "click", "mouseover", "focus", "toggle", "begin"];

/** Puts html into a scripted jsdom page, fires every event on every element, and says whether a payload ran. */
function fires(html: string): boolean {
  const dom = new JSDOM("<!doctype html><body></body>", { runScripts: "dangerously" });
  const { document } = dom.window;
  const host = document.createElement("div");
  host.innerHTML = html;
  document.body.append(host);
  // innerHTML does not run <script>: re-create each one, as a browser running it would.
  for (const old of Array.from(host.querySelectorAll("script"))) {
    const s = document.createElement("script");
    s.textContent = old.textContent;
    old.replaceWith(s);
  }
  for (const el of Array.from(document.querySelectorAll("*"))) {
    for (const type of EVENTS) el.dispatchEvent(new dom.window.Event(type));
    for (const name of ["href", "xlink:href", "src", "data", "formaction", "action"]) {
      // Browsers skip whitespace and control characters in a URL's scheme.
      const raw = el.getAttribute(name) ?? "";
      const url = [...raw]
        .filter((c) => c.charCodeAt(0) > 32)
        .join("")
        .toLowerCase();
      if (url.startsWith("javascript:")) return true; // a live link or frame
    }
  }
  const result = "__xss" in dom.window;
  dom.window.close();
  return result;
}

const sanitizer = createSanitizer(new JSDOM("").window);

describe("sanitize html", () => {
  test("the corpus fires unsanitised, so the check below can fail", () => {
    expect(CORPUS.filter((html) => fires(html)).length).toBeGreaterThanOrEqual(10);
  });

  test.each(CORPUS)("sanitize.html(%s) leaves no live payload", (html) => {
    const clean = sanitizer.html(html);
    expect(fires(clean)).toBe(false);
    expect(clean).not.toMatch(
      /<script|<iframe|<object|<embed|<style|<form|<meta|<base|\son\w+=|javascript:/i,
    );
  });

  test("sanitize.html keeps a pandas table and opens links in a new tab", () => {
    const table =
      '<div><table border="1" class="dataframe"><thead><tr style="text-align: right;"><th></th><th>a</th></tr></thead><tbody><tr><th>0</th><td>1.5</td></tr></tbody></table></div>';
    expect(sanitizer.html(table)).toBe(table);
    expect(sanitizer.html('<a href="https://numpy.org/">numpy</a>')).toBe(
      '<a href="https://numpy.org/" target="_blank" rel="noopener noreferrer">numpy</a>',
    );
  });
});

describe("sanitize svg", () => {
  test("sanitize.svg removes scripts and handlers and keeps local <use> references only", () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="window.__xss=1"><script>window.__xss=1</script><defs><path id="m" d="M0 0L1 1"/></defs><use xlink:href="#m"/><use href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=#x"/></svg>';
    expect(sanitizer.svg(svg)).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><path id="m" d="M0 0L1 1"></path></defs><use xlink:href="#m"></use><use></use></svg>',
    );
  });

  test("sanitize.svg declares the SVG namespace, and gives nothing for what is not an svg", () => {
    expect(sanitizer.svg('<svg width="2"><circle r="1"/></svg>')).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" width="2"><circle r="1"></circle></svg>',
    );
    expect(sanitizer.svg("<script>window.__xss=1</script>")).toBe("");
  });
});
