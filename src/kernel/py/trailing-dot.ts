/**
 * Python's trailing-dot floats (`1.`, `3.e-2`), which `@lezer/python` reads
 * as an int followed by an attribute dot. Before parsing, each such literal
 * gets a `0` after its dot (`1.` -> `1.0`), so the parser sees a float; the
 * positions of the inserted characters are kept, so that a SyntaxError's
 * caret still points into the text the user wrote.
 *
 * Strings and comments are skipped. Expressions inside f-strings are left
 * alone (they are rare places for such a literal).
 */

export interface DotRewrite {
  /** The source with `0` inserted after each trailing dot. */
  code: string;
  /** Positions in `code` of the inserted characters, ascending. */
  inserted: number[];
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isIdent(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || isDigit(c) || c > 127;
}

/** End of the string literal whose quote is at `i` (prefix already passed). */
function skipString(src: string, i: number): number {
  const q = src[i];
  const triple = src.startsWith(q === "'" ? "'''" : '"""', i);
  const close = triple ? (q === "'" ? "'''" : '"""') : q;
  let j = i + (triple ? 3 : 1);
  while (j < src.length) {
    const c = src[j];
    if (c === "\\") j += 2;
    else if (src.startsWith(close ?? "", j)) return j + (close?.length ?? 1);
    else if (!triple && c === "\n") return j;
    else j++;
  }
  return j;
}

export function rewriteTrailingDots(src: string): DotRewrite {
  let out = "";
  const inserted: number[] = [];
  let last = 0;
  let i = 0;
  while (i < src.length) {
    const c = src.charCodeAt(i);
    if (c === 35) {
      // '#': a comment runs to the end of the line
      const nl = src.indexOf("\n", i);
      i = nl < 0 ? src.length : nl;
    } else if (c === 34 || c === 39) {
      i = skipString(src, i);
    } else if (isDigit(c) && (i === 0 || !isIdent(src.charCodeAt(i - 1)))) {
      if (c === 48 && /[xXoObB]/.test(src[i + 1] ?? "")) {
        i += 2;
        while (i < src.length && isIdent(src.charCodeAt(i))) i++;
        continue;
      }
      while (i < src.length && (isDigit(src.charCodeAt(i)) || src[i] === "_")) i++;
      if (src[i] === ".") {
        if (!isDigit(src.charCodeAt(i + 1))) {
          out += src.slice(last, i + 1);
          inserted.push(out.length);
          out += "0";
          last = i + 1;
        }
        i++;
        while (i < src.length && (isDigit(src.charCodeAt(i)) || src[i] === "_")) i++;
      }
    } else if (isIdent(c)) {
      // a name (or a string prefix like rb'...': the quote is handled next round)
      while (i < src.length && isIdent(src.charCodeAt(i))) i++;
    } else {
      i++;
    }
  }
  out += src.slice(last);
  return { code: out, inserted };
}

/** Maps a position in the rewritten code back to the user's text. */
export function originalPosition(rewrite: DotRewrite, pos: number): number {
  let shift = 0;
  for (const at of rewrite.inserted) {
    if (at < pos) shift++;
    else break;
  }
  return pos - shift;
}
