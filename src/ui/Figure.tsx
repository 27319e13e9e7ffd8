/**
 * A Plotly figure output. Until the figure renderer has loaded (it is a
 * separate chunk) the figure's text/plain stands in.
 */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

export function Figure({ fallback }: { spec: unknown; fallback: string | null }) {
  return <pre className="output output-text">{fallback ?? "(figure)"}</pre>;
}
