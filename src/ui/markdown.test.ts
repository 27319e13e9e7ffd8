import { describe, expect, test } from "vitest";
import { extractMath, renderMarkdown, safeUrl } from "./markdown.ts";

describe("extractMath", () => {
  test("cuts out display and inline math, leaving code alone", () => {
    const { text, math } = extractMath("a $x_1$ and\n$$\n\\frac{a}{b}\n$$\n`$y$` and\n```\n$z$\n```\n");
    expect(text).toBe("a KATEXMATH0ZZ and\nKATEXMATH1ZZ\n`$y$` and\n```\n$z$\n```\n");
    expect(math).toEqual([
      { tex: "x_1", display: false },
      { tex: "\n\\frac{a}{b}\n", display: true },
    ]);
  });

  test("an escaped or unmatched dollar stays text", () => {
    expect(extractMath("costs \\$5 and $3").math).toEqual([]);
    expect(extractMath("$ 5 and 6 $").math).toEqual([]);
  });
});

describe("renderMarkdown", () => {
  test("typesets math without markdown touching underscores inside it", () => {
    const html = renderMarkdown("# Title\n\n$n_j + n_{j+1}$ and _em_");
    expect(html).toContain("<h1>Title</h1>");
    expect(html).toContain('class="katex"');
    expect(html).toContain("<em>em</em>");
    expect(html).not.toContain("KATEXMATH");
    expect(html).not.toMatch(/<em>j/);
  });

  test("punctuation after inline math is kept with it", () => {
    const html = renderMarkdown("about $10^{-7}$.");
    expect(html).toMatch(
      /^<p>about <span class="math-nowrap"><span class="katex">.*<\/span>\.<\/span><\/p>\n$/s,
    );
  });

  test("raw HTML is shown as text, never run", () => {
    const html = renderMarkdown('hi <script>alert(1)</script> <img src=x onerror="alert(1)">');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
  });

  test("javascript: links lose their href", () => {
    expect(renderMarkdown("[x](javascript:alert(1))")).toBe("<p>x</p>\n");
    expect(renderMarkdown("[x](https://a.org)")).toBe(
      '<p><a href="https://a.org" target="_blank" rel="noopener noreferrer">x</a></p>\n',
    );
  });
});

describe("safeUrl", () => {
  test("keeps web, mail and relative links; images may be data PNGs", () => {
    expect(safeUrl("https://x.org", "link")).toBe("https://x.org");
    expect(safeUrl("mailto:a@b.c", "link")).toBe("mailto:a@b.c");
    expect(safeUrl("#top", "link")).toBe("#top");
    expect(safeUrl("JavaScript:alert(1)", "link")).toBeNull();
    expect(safeUrl("data:text/html,<b>", "link")).toBeNull();
    expect(safeUrl("data:image/png;base64,AAA", "image")).toBe("data:image/png;base64,AAA");
    expect(safeUrl("data:image/svg+xml;base64,AAA", "image")).toBeNull();
  });
});

describe("links and images from strangers", () => {
  const bypasses = [
    "[x](<java\tscript:alert(1)>)",
    "[x](<\u0001javascript:alert(1)>)",
    "[x](<java\nscript:alert(1)>)",
    "[x](<  javascript:alert(1)>)",
    "[x](JaVaScRiPt:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html,<script>alert(1)</script>)",
    "[b](jav&#x61;script:alert(1))",
    "[r]\n\n[r]: <java\tscript:alert(1)>",
  ];
  for (const source of bypasses) {
    test(`no live link for ${JSON.stringify(source)}`, () => {
      const html = renderMarkdown(source);
      const hrefs = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) =>
        (m[1] ?? "")
          .replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)))
          .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
          .replaceAll("&quot;", '"')
          .replaceAll("&lt;", "<")
          .replaceAll("&gt;", ">")
          .replaceAll("&amp;", "&"),
      );
      for (const href of hrefs) {
        // Resolved as a browser resolves it (WHATWG URL strips tabs, newlines and edge controls).
        expect(new URL(href, "https://initlab.test/").protocol).toMatch(/^https?:$/);
      }
    });
  }

  test("web, mail, in-page and relative links stay links", () => {
    const html = renderMarkdown("[a](https://x.org/p) [b](mailto:t@x.org) [c](#sec) [d](notes/1.html)");
    expect(html.match(/<a href=/g)).toHaveLength(4);
  });

  test("images from other sites are placeholders until allowed; data images always show", () => {
    const source = "![beacon](http://host.example/b.png) ![dot](data:image/png;base64,iVBORw0KGgo=)";
    const blocked = renderMarkdown(source);
    expect(blocked).toContain('class="remote-image-blocked"');
    expect(blocked).toContain("[image: beacon from host.example, not loaded]");
    expect(blocked).not.toContain('src="http://host.example');
    expect(blocked).toContain('<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">');
    const allowed = renderMarkdown(source, { remoteImages: true });
    expect(allowed).toContain('<img src="http://host.example/b.png" alt="beacon">');
  });
});
