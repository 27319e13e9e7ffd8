/**
 * A Plotly figure output, themed like the page. A payload that is not a
 * valid figure shows its text/plain instead.
 */
import { isPlotlyBundle, PlotlyFigure, textScale } from "../plots/mod.ts";
import { useNotebook } from "./store-context.tsx";
import { useResolvedTheme } from "./theme.ts";

export { PLOTLY_MIME } from "../plots/mod.ts";

export function Figure({
  spec,
  fallback,
  alt,
}: {
  spec: unknown;
  fallback: string | null;
  alt: string | undefined;
}) {
  const theme = useResolvedTheme();
  // Figure titles and ticks follow the page's text size (A- / A+).
  const scale = textScale(useNotebook((s) => s.ui.fontSize));
  if (!isPlotlyBundle(spec))
    return <pre className="output output-text">{fallback ?? "(a figure this page cannot show)"}</pre>;
  return (
    <div className="output-figure">
      <PlotlyFigure figure={spec} theme={theme} alt={alt ?? fallback ?? undefined} textScale={scale} />
    </div>
  );
}
