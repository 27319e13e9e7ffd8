/**
 * Which of an output's mime types the page shows, and as what: a pure choice
 * (no React), so the sanitising is tested on its own. The order is
 * JupyterLab's: HTML, markdown, LaTeX, SVG, PNG, JPEG, GIF, then plain text.
 * Plotly JSON is drawn before all of them, by Outputs.tsx.
 *
 * Foreign HTML and SVG go through the sanitiser; HTML that sanitises to
 * nothing (a script-only bundle, as plotly's offline HTML) falls through to
 * the next mime type. Images become `data:` URLs with alt text.
 */
import { renderMarkdown } from "../markdown.ts";
import type { Sanitizer } from "./sanitize.ts";

export type OutputPlan =
  | { kind: "html"; mime: "text/html" | "text/markdown" | "text/latex"; html: string }
  | { kind: "image"; mime: ImageMime; src: string; alt: string; width?: number; height?: number }
  | { kind: "text"; text: string }
  | { kind: "none" };

type ImageMime = "image/svg+xml" | "image/png" | "image/jpeg" | "image/gif";

/** The mime types this module draws (the open notice lists any other). */
export const RENDERED_MIMES: readonly string[] = [
  "text/html",
  "text/markdown",
  "text/latex",
  "image/svg+xml",
  "image/png",
  "image/jpeg",
  "image/gif",
  "text/plain",
];

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function text(data: Record<string, unknown>, mime: string): string | null {
  const value = data[mime];
  return typeof value === "string" ? value : null;
}

function size(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** nbformat's image size: `metadata["image/png"].width`, or IPython's older top-level width/height. */
function imageSize(metadata: Record<string, unknown>, mime: string): { width?: number; height?: number } {
  const own = metadata[mime];
  const source = typeof own === "object" && own !== null ? own : metadata;
  const width = size("width" in source ? source.width : undefined);
  const height = size("height" in source ? source.height : undefined);
  return { ...(width === undefined ? {} : { width }), ...(height === undefined ? {} : { height }) };
}

function altText(data: Record<string, unknown>, metadata: Record<string, unknown>): string {
  const alt = metadata["initlab/alt"];
  if (typeof alt === "string" && alt.trim() !== "") return alt;
  const plain = text(data, "text/plain");
  return plain !== null && plain.trim() !== "" ? plain : "an image output";
}

/** LaTeX output as markdown math: `$...$` as it comes, bare LaTeX as display math. */
function latexAsMarkdown(latex: string): string {
  return latex.includes("$") ? latex : `$$${latex}$$`;
}

export function planOutput(
  data: Record<string, unknown>,
  metadata: Record<string, unknown>,
  sanitize: Sanitizer,
): OutputPlan {
  const html = text(data, "text/html");
  if (html !== null) {
    const clean = sanitize.html(html);
    if (clean.trim() !== "") return { kind: "html", mime: "text/html", html: clean };
  }
  const markdown = text(data, "text/markdown");
  if (markdown !== null)
    return { kind: "html", mime: "text/markdown", html: sanitize.html(renderMarkdown(markdown)) };
  const latex = text(data, "text/latex");
  if (latex !== null)
    return { kind: "html", mime: "text/latex", html: sanitize.html(renderMarkdown(latexAsMarkdown(latex))) };
  const svg = text(data, "image/svg+xml");
  if (svg !== null) {
    const clean = sanitize.svg(svg);
    if (clean !== "")
      return {
        kind: "image",
        mime: "image/svg+xml",
        src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(clean)}`,
        alt: altText(data, metadata),
        ...imageSize(metadata, "image/svg+xml"),
      };
  }
  for (const mime of ["image/png", "image/jpeg", "image/gif"] as const) {
    const raw = text(data, mime);
    if (raw === null) continue;
    const base64 = raw.replace(/\s+/g, "");
    if (base64 === "" || !BASE64.test(base64)) continue;
    return {
      kind: "image",
      mime,
      src: `data:${mime};base64,${base64}`,
      alt: altText(data, metadata),
      ...imageSize(metadata, mime),
    };
  }
  const plain = text(data, "text/plain");
  return plain === null ? { kind: "none" } : { kind: "text", text: plain };
}
