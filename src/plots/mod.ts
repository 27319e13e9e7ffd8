/** Plotly figure rendering for the page: the component, the payload validator and the theming. */
export { isPlotlyBundle, PLOTLY_MIME, type PlotlyBundle } from "./bundle.ts";
export { PlotlyFigure, type PlotlyFigureProps } from "./PlotlyFigure.tsx";
export { type PlotTheme, textScale, themedLayout } from "./theme.ts";
