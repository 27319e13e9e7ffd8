/**
 * Terminal colour escapes (ANSI SGR, `ESC [ n ; n m`) as styled runs of text,
 * for the coloured tracebacks and streams a real IPython kernel sends. Pure:
 * no DOM; Ansi.tsx turns the runs into spans (text, never HTML).
 *
 * Colours 0-15 stay palette indices, so the page's light and dark themes pick
 * their shade; 256-colour (`38;5;n`) and true-colour (`38;2;r;g;b`) become RGB.
 * Escapes other than SGR (cursor moves, erase line) are dropped.
 */

export type AnsiColor = { palette: number } | { rgb: readonly [number, number, number] };

export interface AnsiStyle {
  fg?: AnsiColor;
  bg?: AnsiColor;
  bold?: true;
  dim?: true;
  italic?: true;
  underline?: true;
  inverse?: true;
}

export interface AnsiRun {
  text: string;
  style: AnsiStyle;
}

// ESC [ params final: the CSI sequences; ESC ] ... BEL|ESC \ : OSC (titles, links); lone ESC x.
const ESCAPE = new RegExp(
  `${String.fromCharCode(27)}(?:\\[([0-9;:?]*)([@-~])|\\][^${String.fromCharCode(7)}${String.fromCharCode(27)}]*(?:${String.fromCharCode(7)}|${String.fromCharCode(27)}\\\\)?|[@-Z\\\\-_]?)`,
  "g",
);

/** The colour of xterm's 256-colour index `n` (16-255) as RGB. */
export function xterm256(n: number): readonly [number, number, number] {
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return [v, v, v];
  }
  const i = n - 16;
  const level = (k: number) => (k === 0 ? 0 : 55 + k * 40);
  return [level(Math.floor(i / 36) % 6), level(Math.floor(i / 6) % 6), level(i % 6)];
}

const byte = (n: number | undefined): number => Math.max(0, Math.min(255, n ?? 0));

/** A `38;5;n` / `38;2;r;g;b` colour starting at `codes[i]` (the 5 or 2), and how many codes it used. */
function extended(codes: readonly number[], i: number): { color: AnsiColor | null; used: number } {
  const kind = codes[i];
  if (kind === 5) {
    const n = codes[i + 1];
    if (n === undefined) return { color: null, used: 1 };
    return { color: n < 16 ? { palette: n } : { rgb: xterm256(byte(n)) }, used: 2 };
  }
  if (kind === 2)
    return { color: { rgb: [byte(codes[i + 1]), byte(codes[i + 2]), byte(codes[i + 3])] }, used: 4 };
  return { color: null, used: 0 };
}

/** The style after one SGR sequence's codes (`[]` is a reset, as `ESC[m`). */
export function applySgr(style: AnsiStyle, codes: readonly number[]): AnsiStyle {
  let s: AnsiStyle = { ...style };
  if (codes.length === 0) return {};
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] ?? 0;
    if (c === 0) s = {};
    else if (c === 1) s.bold = true;
    else if (c === 2) s.dim = true;
    else if (c === 3) s.italic = true;
    else if (c === 4) s.underline = true;
    else if (c === 7) s.inverse = true;
    else if (c === 22) {
      delete s.bold;
      delete s.dim;
    } else if (c === 23) delete s.italic;
    else if (c === 24) delete s.underline;
    else if (c === 27) delete s.inverse;
    else if (c >= 30 && c <= 37) s.fg = { palette: c - 30 };
    else if (c >= 90 && c <= 97) s.fg = { palette: c - 90 + 8 };
    else if (c >= 40 && c <= 47) s.bg = { palette: c - 40 };
    else if (c >= 100 && c <= 107) s.bg = { palette: c - 100 + 8 };
    else if (c === 39) delete s.fg;
    else if (c === 49) delete s.bg;
    else if (c === 38 || c === 48) {
      const { color, used } = extended(codes, i + 1);
      if (color !== null) {
        if (c === 38) s.fg = color;
        else s.bg = color;
      }
      i += used;
    }
    // Other codes (blink, fonts, overline...) change nothing we draw.
  }
  return s;
}

/** Splits text at its escapes into runs of one style each (empty runs left out). */
export function parseAnsi(text: string): AnsiRun[] {
  const runs: AnsiRun[] = [];
  let style: AnsiStyle = {};
  let last = 0;
  const push = (chunk: string) => {
    if (chunk === "") return;
    const prev = runs[runs.length - 1];
    if (prev !== undefined && sameStyle(prev.style, style)) prev.text += chunk;
    else runs.push({ text: chunk, style });
  };
  for (const m of text.matchAll(ESCAPE)) {
    push(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[2] === "m" && !(m[1] ?? "").includes("?")) {
      const params = m[1] ?? "";
      const codes = params === "" ? [] : params.split(/[;:]/).map((p) => (p === "" ? 0 : Number(p)));
      style = applySgr(style, codes);
    }
  }
  push(text.slice(last));
  return runs;
}

/** The text without its escapes. */
export function stripAnsiCodes(text: string): string {
  return text.replace(ESCAPE, "");
}

function sameColor(a: AnsiColor | undefined, b: AnsiColor | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if ("palette" in a) return "palette" in b && a.palette === b.palette;
  return "rgb" in b && a.rgb.every((v, k) => v === b.rgb[k]);
}

function sameStyle(a: AnsiStyle, b: AnsiStyle): boolean {
  return (
    sameColor(a.fg, b.fg) &&
    sameColor(a.bg, b.bg) &&
    a.bold === b.bold &&
    a.dim === b.dim &&
    a.italic === b.italic &&
    a.underline === b.underline &&
    a.inverse === b.inverse
  );
}

/**
 * Stream text as a terminal leaves it: a carriage return goes back to the
 * start of its line, so what follows overwrites it (progress bars), and a
 * backspace deletes the character before it. As JupyterLab shows streams.
 */
export function terminalText(text: string): string {
  if (!text.includes("\r") && !text.includes("\b")) return text;
  const lines = text.replace(/\r+\n/g, "\n").split("\n");
  return lines
    .map((line) => {
      let out = "";
      for (const part of line.split("\r")) out = part + out.slice(part.length);
      let kept = "";
      for (const ch of out) kept = ch === "\b" ? kept.slice(0, -1) : kept + ch;
      return kept;
    })
    .join("\n");
}
