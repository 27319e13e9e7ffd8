/**
 * Markdown cells to HTML: `marked` for the markdown, KaTeX for `$...$` and
 * `$$...$$`. Math is cut out before marked sees it (so `_` and `\\` inside a
 * formula are not read as emphasis or escapes) and put back afterwards.
 *
 * Notebook text is untrusted: raw HTML is shown as text, never executed, and
 * links and images keep only safe URLs.
 */
import katex from "katex";
import { Marked, type Tokens } from "marked";

interface Math {
  tex: string;
  display: boolean;
}

const TOKEN = (i: number): string => `KATEXMATH${i}ZZ`;
const TOKEN_PATTERN = /KATEXMATH(\d+)ZZ([.,;:!?)]*)/g;

/**
 * Replaces math with placeholder words, leaving code spans and fenced code
 * untouched. `\$` stays a literal dollar.
 */
export function extractMath(source: string): { text: string; math: Math[] } {
  const math: Math[] = [];
  let out = "";
  let i = 0;
  let lineStart = true;
  while (i < source.length) {
    const ch = source[i];
    if (lineStart) {
      const fence = /^( {0,3})(`{3,}|~{3,})[^\n]*\n?/.exec(source.slice(i));
      if (fence !== null) {
        const marker = fence[2] ?? "```";
        const close = new RegExp(
          `\\n {0,3}${marker[0] === "`" ? "`" : "~"}{${marker.length},}[ \\t]*(\\n|$)`,
        );
        const rest = source.slice(i + fence[0].length - 1);
        const end = close.exec(rest);
        const stop = end === null ? source.length : i + fence[0].length - 1 + end.index + end[0].length;
        out += source.slice(i, stop);
        i = stop;
        lineStart = true;
        continue;
      }
    }
    lineStart = ch === "\n";
    if (ch === "\\" && source[i + 1] === "$") {
      out += "\\$";
      i += 2;
      continue;
    }
    if (ch === "`") {
      const run = /^`+/.exec(source.slice(i))?.[0] ?? "`";
      const end = source.indexOf(run, i + run.length);
      const stop = end < 0 ? i + run.length : end + run.length;
      out += source.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === "$") {
      const display = source[i + 1] === "$";
      const open = display ? 2 : 1;
      const end = display ? source.indexOf("$$", i + 2) : findInlineEnd(source, i + 1);
      if (end > i + open - 1) {
        const tex = source.slice(i + open, end);
        if (display || (tex.trim() === tex && tex.length > 0)) {
          out += TOKEN(math.length);
          math.push({ tex, display });
          i = end + open;
          continue;
        }
      }
    }
    out += ch;
    i += 1;
  }
  return { text: out, math };
}

/** The closing `$` of inline math that opened just before `from`, or -1. */
function findInlineEnd(source: string, from: number): number {
  for (let j = from; j < source.length; j++) {
    const c = source[j];
    if (c === "\\") {
      j += 1;
    } else if (c === "\n" && source[j + 1] === "\n") {
      return -1;
    } else if (c === "$") {
      return j;
    }
  }
  return -1;
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/**
 * Keeps web, mail, in-page and relative URLs; drops `javascript:` and friends.
 * The URL is first read as the browser will read it: tabs and newlines
 * anywhere, and controls and spaces at either end, are removed (so
 * `java\tscript:` and `\x01javascript:` are seen as `javascript:`). A URL
 * with other control characters, or a colon before its first `/`, `?` or `#`
 * that is not one of the allowed schemes, is dropped.
 */
export function safeUrl(href: string, kind: "link" | "image"): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters browsers strip.
  const url = href.replace(/[\t\n\r]/g, "").replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, "");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a URL with controls inside is refused.
  if (/[\x00-\x1f\x7f]/.test(url)) return null;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) return /^[^/?#]*:/.test(url) ? null : url;
  if (scheme === "http" || scheme === "https") return url;
  if (kind === "link" && scheme === "mailto") return url;
  if (kind === "image" && /^data:image\/(png|jpeg|gif|webp);/i.test(url)) return url;
  return null;
}

/** True for a URL that another site serves (an image from it can track who opens the notebook). */
function isRemote(url: string): boolean {
  return /^(https?:)?\/\//i.test(url);
}

export interface MarkdownOptions {
  /** Load images from other sites; when false they are shown as a placeholder. */
  remoteImages?: boolean;
}

/** The class of the placeholder for an image from another site that was not loaded. */
export const BLOCKED_IMAGE_CLASS = "remote-image-blocked";

/** A markdown renderer; `allowRemote` loads images from other sites. */
const makeMarked = (allowRemote: boolean) =>
  new Marked({
    gfm: true,
    breaks: false,
    renderer: {
      html(token: Tokens.HTML | Tokens.Tag): string {
        return escapeHtml(token.text);
      },
      link(token: Tokens.Link): string {
        const text = this.parser.parseInline(token.tokens);
        const href = safeUrl(token.href, "link");
        if (href === null) return text;
        const title = token.title ? ` title="${escapeHtml(token.title)}"` : "";
        return `<a href="${escapeHtml(href)}"${title} target="_blank" rel="noopener noreferrer">${text}</a>`;
      },
      image(token: Tokens.Image): string {
        const src = safeUrl(token.href, "image");
        if (src === null) return escapeHtml(token.text);
        if (isRemote(src) && !allowRemote) {
          const host = /^(?:https?:)?\/\/([^/?#]*)/i.exec(src)?.[1] ?? "another site";
          return `<span class="${BLOCKED_IMAGE_CLASS}" title="${escapeHtml(src)}">[image${token.text ? `: ${escapeHtml(token.text)}` : ""} from ${escapeHtml(host)}, not loaded]</span>`;
        }
        return `<img src="${escapeHtml(src)}" alt="${escapeHtml(token.text)}">`;
      },
    },
  });

const localOnly = makeMarked(false);
const withRemote = makeMarked(true);

function renderMath({ tex, display }: Math): string {
  return katex.renderToString(tex, {
    displayMode: display,
    throwOnError: false,
    trust: false,
    strict: "ignore",
    output: "htmlAndMathml",
  });
}

/** Renders a markdown cell's source to safe HTML with typeset math. */
export function renderMarkdown(source: string, options: MarkdownOptions = {}): string {
  const { text, math } = extractMath(source);
  const html = (options.remoteImages === true ? withRemote : localOnly).parse(text, { async: false });
  // Punctuation right after inline math stays on its line (no lone "." at the start of the next).
  return html.replace(TOKEN_PATTERN, (whole, index: string, punctuation: string) => {
    const m = math[Number(index)];
    if (m === undefined) return whole;
    if (m.display || punctuation === "") return renderMath(m) + punctuation;
    return `<span class="math-nowrap">${renderMath(m)}${punctuation}</span>`;
  });
}
