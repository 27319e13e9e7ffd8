/**
 * The `application/vnd.plotly.v1+json` payload as it crosses into the page:
 * validated here, at the boundary, instead of cast.
 */

export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** A Plotly figure: traces and a layout, plain JSON objects. */
export interface PlotlyBundle {
  readonly data: readonly Record<string, unknown>[];
  readonly layout: Record<string, unknown>;
}

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** Whether `x` is `{data: object[], layout: object}` (what the kernel's pyplot emits). */
export function isPlotlyBundle(x: unknown): x is PlotlyBundle {
  return isRecord(x) && Array.isArray(x.data) && x.data.every(isRecord) && isRecord(x.layout);
}
