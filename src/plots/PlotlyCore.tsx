/**
 * The Plotly React component on the partial "basic" bundle (scatter, bar,
 * pie). Loaded lazily by `PlotlyFigure` so the page paints without it.
 */
import Plotly from "plotly.js-basic-dist-min";
import createPlotlyComponent from "react-plotly.js/factory";

const Plot = createPlotlyComponent(Plotly);
export default Plot;
