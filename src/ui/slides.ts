/**
 * Presentation mode's slides: one per `##` section. A markdown cell whose
 * first heading is level 2 starts a new slide; the cells before the first
 * such heading (the title) are the first slide.
 */

export interface SlideCell {
  id: string;
  cell_type: string;
  source: string;
}

/** Whether a markdown cell starts a section: its first non-blank line is a `## ` heading. */
export function startsSection(cell: SlideCell): boolean {
  if (cell.cell_type !== "markdown") return false;
  const first = cell.source.split("\n").find((line) => line.trim() !== "");
  return first !== undefined && /^##\s/.test(first.trim());
}

/** The ids of each slide's cells, in order; no slide is empty. */
export function slides(cells: readonly SlideCell[]): string[][] {
  const result: string[][] = [];
  let current: string[] = [];
  for (const cell of cells) {
    if (startsSection(cell) && current.length > 0) {
      result.push(current);
      current = [];
    }
    current.push(cell.id);
  }
  if (current.length > 0) result.push(current);
  return result;
}

/** The first line of a slide's heading, for its accessible name. */
export function slideTitle(cells: readonly SlideCell[], ids: readonly string[]): string {
  for (const id of ids) {
    const cell = cells.find((c) => c.id === id);
    if (cell?.cell_type !== "markdown") continue;
    const heading = cell.source.split("\n").find((line) => /^#{1,6}\s/.test(line.trim()));
    if (heading !== undefined) return heading.replace(/^#+\s*/, "").trim();
  }
  return "Slide";
}
