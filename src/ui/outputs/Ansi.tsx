/**
 * Text with terminal colour escapes as React spans: the escapes become
 * classes (palette colours, themed in outputs.css) or an inline colour
 * (256 and true colour, which the dark theme blends towards its text colour
 * so that IPython's dark blues stay readable). The text is only ever a text node.
 */
import type { CSSProperties, ReactNode } from "react";
import { type AnsiColor, type AnsiStyle, parseAnsi } from "./ansi.ts";
import "./outputs.css";

function colorClass(color: AnsiColor | undefined, layer: "fg" | "bg"): string | null {
  if (color === undefined) return null;
  return "palette" in color ? `ansi-${layer}-${color.palette}` : `ansi-${layer}-rgb`;
}

/** The colours as custom properties, which outputs.css turns into `color` per theme. */
type AnsiCss = CSSProperties & { "--ansi-fg"?: string; "--ansi-bg"?: string };

function colorCss(color: AnsiColor | undefined): string | undefined {
  return color !== undefined && "rgb" in color ? `rgb(${color.rgb.join(", ")})` : undefined;
}

/** The class names and inline style of one run. */
export function spanProps(style: AnsiStyle): { className: string; style: AnsiCss } {
  const fg = style.inverse ? style.bg : style.fg;
  const bg = style.inverse ? style.fg : style.bg;
  const classes = [
    colorClass(fg, "fg"),
    colorClass(bg, "bg"),
    style.bold ? "ansi-bold" : null,
    style.dim ? "ansi-dim" : null,
    style.italic ? "ansi-italic" : null,
    style.underline ? "ansi-underline" : null,
    style.inverse && fg === undefined && bg === undefined ? "ansi-inverse" : null,
  ].filter((c) => c !== null);
  const css: AnsiCss = {};
  const color = colorCss(fg);
  const background = colorCss(bg);
  if (color !== undefined) css["--ansi-fg"] = color;
  if (background !== undefined) css["--ansi-bg"] = background;
  return { className: classes.join(" "), style: css };
}

export function AnsiText({ text }: { text: string }): ReactNode {
  const runs = parseAnsi(text);
  return runs.map((run, i) => {
    if (Object.keys(run.style).length === 0) return run.text;
    const { className, style } = spanProps(run.style);
    return (
      // biome-ignore lint/suspicious/noArrayIndexKey: the runs of one text, in order, never reordered.
      <span key={i} {...(className === "" ? {} : { className })} style={style}>
        {run.text}
      </span>
    );
  });
}
