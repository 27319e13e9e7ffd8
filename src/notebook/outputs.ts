/**
 * Output lists as Jupyter's front ends keep them: `update_display_data`
 * replaces the outputs that carry its `display_id`, and the saved notebook
 * leaves the page-only `transient` field out (nbformat has no such key).
 */
import type { MimeBundle, Output } from "../protocol.ts";

/**
 * The outputs with every display carrying `displayId` given the new data and
 * metadata (its place and its `display_id` stay); null when none does.
 */
export function updateDisplay(
  outputs: readonly Output[],
  displayId: string,
  data: MimeBundle,
  metadata: Record<string, unknown>,
): Output[] | null {
  let changed = false;
  const next = outputs.map((o) => {
    if (o.output_type !== "display_data" || o.transient?.display_id !== displayId) return o;
    changed = true;
    return { ...o, data, metadata };
  });
  return changed ? next : null;
}

/** The output as an .ipynb stores it: without the page-only `transient` field. */
export function savedOutput(output: Output): Output {
  if (output.output_type !== "display_data" || output.transient === undefined) return output;
  const { transient: _page, ...saved } = output;
  return saved;
}
