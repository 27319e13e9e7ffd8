/**
 * Foreign HTML and SVG through DOMPurify before the page shows them: no
 * scripts, no event handlers, no `javascript:` URLs, no forms or frames, and
 * no `<style>` (a notebook's CSS would restyle the whole page). Links open in
 * a new tab without `window.opener`. SVG keeps matplotlib's `<use>` references
 * to its own `#ids` and nothing else (external `<use href>` is a known bypass).
 *
 * One sanitiser per window: the page's, or a test's jsdom window.
 */
import createDOMPurify, { type Config, type WindowLike } from "dompurify";

export interface Sanitizer {
  /** Safe HTML for `innerHTML`. */
  html(dirty: string): string;
  /** A safe standalone SVG document (for an `<img>` data URL). */
  svg(dirty: string): string;
}

const HTML_CONFIG: Config = {
  FORBID_TAGS: [
    "style",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "option",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "base",
    "link",
    "meta",
  ],
  FORBID_ATTR: ["formaction", "action"],
  ALLOW_DATA_ATTR: false,
  // Prefixes ids and names, so output HTML cannot clobber the page's globals.
  SANITIZE_NAMED_PROPS: true,
};

const SVG_CONFIG: Config = {
  USE_PROFILES: { svg: true, svgFilters: true },
  ADD_TAGS: ["use"],
};

const SVG_NS = "http://www.w3.org/2000/svg";

export function createSanitizer(window: WindowLike): Sanitizer {
  const purify = createDOMPurify(window);
  purify.addHook("uponSanitizeAttribute", (node, data) => {
    const isHref = data.attrName === "href" || data.attrName === "xlink:href";
    if (isHref && node.nodeName.toLowerCase() === "use" && !data.attrValue.startsWith("#"))
      data.keepAttr = false;
  });
  purify.addHook("afterSanitizeAttributes", (node) => {
    if (node.nodeName.toLowerCase() === "a" && node.hasAttribute("href")) {
      node.setAttribute("target", "_blank");
      node.setAttribute("rel", "noopener noreferrer");
    }
  });
  return {
    html: (dirty) => purify.sanitize(dirty, HTML_CONFIG),
    svg(dirty) {
      const clean = purify.sanitize(dirty, SVG_CONFIG).trim();
      if (!clean.startsWith("<svg")) return "";
      // An SVG shown as an image is parsed as XML: it needs its namespace declared.
      return /^<svg[^>]*\sxmlns=/.test(clean) ? clean : clean.replace(/^<svg/, `<svg xmlns="${SVG_NS}"`);
    },
  };
}

let pageSanitizer: Sanitizer | null = null;

/** The page's sanitiser, made on first use. */
export function sanitizer(): Sanitizer {
  pageSanitizer ??= createSanitizer(window);
  return pageSanitizer;
}
