/**
 * A kernel figure (`application/vnd.plotly.v1+json`) rendered with Plotly:
 * full container width with the figure's aspect, page-theme colours, a mode
 * bar with "download as PNG", and the kernel's alt text as a visually hidden
 * caption for screen readers. Plotly itself loads lazily on first use, and a
 * figure is drawn only once it comes near the viewport, so a Run all does not
 * spend the page's (and the kernel's shared) CPU on figures nobody sees yet.
 * While the component stays mounted, a new figure updates it in place
 * (react-plotly calls `Plotly.react`, not `newPlot`).
 */
import {
  type CSSProperties,
  lazy,
  type RefObject,
  Suspense,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import type { PlotlyBundle } from "./bundle.ts";
import { fitSize, figureLabel, PLOT_CONFIG, type PlotTheme, themedLayout } from "./theme.ts";

const Plot = lazy(() => import("./PlotlyCore.tsx"));

export interface PlotlyFigureProps {
  /** The validated mime payload (see `isPlotlyBundle`). */
  readonly figure: PlotlyBundle;
  readonly theme: PlotTheme;
  /** Text alternative (the output's `metadata["initlab/alt"]`), read by screen readers. */
  readonly alt?: string | undefined;
  readonly className?: string | undefined;
  /** Figure text scale from the page's text size (see `textScale`); 1 by default. */
  readonly textScale?: number | undefined;
}

const VISUALLY_HIDDEN: CSSProperties = {
  position: "absolute",
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: "hidden",
  clip: "rect(0, 0, 0, 0)",
  whiteSpace: "nowrap",
  border: 0,
};

/** The element's content width, updated as it resizes (null until measured). */
function useContainerWidth(ref: RefObject<HTMLElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    setWidth(Math.round(el.clientWidth));
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w !== undefined && w > 0) setWidth(Math.round(w));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** How far outside the viewport a figure starts drawing, so it is ready as it scrolls in. */
export const DRAW_MARGIN = "200px 0px";

/** Whether the element has come near the viewport; once true it stays true (a drawn figure stays drawn). */
function useSeen(ref: RefObject<HTMLElement | null>): boolean {
  const [seen, setSeen] = useState(typeof IntersectionObserver === "undefined");
  useEffect(() => {
    const el = ref.current;
    if (el === null || seen) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setSeen(true);
          observer.disconnect();
        }
      },
      { rootMargin: DRAW_MARGIN },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, seen]);
  return seen;
}

/** Counts Plotly calls (`newPlot`/`react`) on the figure element, for tests: `data-plotly-calls`. */
function countCall(_figure: unknown, graph: HTMLElement): void {
  const box = graph.closest("figure");
  if (box !== null) box.dataset.plotlyCalls = String(Number(box.dataset.plotlyCalls ?? "0") + 1);
}

export function PlotlyFigure({ figure, theme, alt, className, textScale = 1 }: PlotlyFigureProps) {
  const ref = useRef<HTMLElement>(null);
  const width = useContainerWidth(ref);
  const seen = useSeen(ref);
  const layout = useMemo(
    () => themedLayout(figure.layout, theme, width, textScale),
    [figure.layout, theme, width, textScale],
  );
  const height = typeof layout.height === "number" ? layout.height : fitSize(figure.layout, width).height;
  // react-plotly keeps the arrays it is given; copy so the store's output objects stay untouched.
  const data = useMemo(() => figure.data.map((t) => ({ ...t })), [figure.data]);
  return (
    <figure
      ref={ref}
      className={className ?? "plotly-figure"}
      aria-label={figureLabel(figure.layout)}
      data-drawn={seen ? "true" : "false"}
      style={{ position: "relative", margin: 0, width: "100%", minHeight: height }}
    >
      {seen ? (
        <Suspense fallback={<div className="plotly-figure-loading" aria-hidden="true" style={{ height }} />}>
          <Plot
            data={data}
            layout={layout}
            config={PLOT_CONFIG}
            onInitialized={countCall}
            onUpdate={countCall}
            useResizeHandler
            style={{ width: "100%", height }}
          />
        </Suspense>
      ) : (
        <div className="plotly-figure-loading" aria-hidden="true" style={{ height }} />
      )}
      {alt !== undefined && alt !== "" ? <figcaption style={VISUALLY_HIDDEN}>{alt}</figcaption> : null}
    </figure>
  );
}
