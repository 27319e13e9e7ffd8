/**
 * The slider beside its figure: when the form of a cell has scrolled out of
 * view while a figure of a cell it drives (`downstream` of it) is on screen,
 * a compact copy of that form is docked at the bottom of the viewport. The
 * copy is the same `CellForm` (the same widgets, the same keyboard use, the
 * same source rewrite), so moving `depth` there redraws the histograms in
 * view. Which form to dock is a pure function (`pickDock`) of the geometry.
 */
import { useEffect, useMemo, useState } from "react";
import { downstream } from "../../notebook/downstream.ts";
import { parseForms } from "../../notebook/forms.ts";
import { useNotebook } from "../store-context.tsx";
import { CellForm } from "./CellForm.tsx";
import "./form-dock.css";

/** A cell with a form that has at least one parameter, and the later cells it drives. */
export interface FormDriver {
  readonly id: string;
  readonly dependents: readonly string[];
}

/** Viewport geometry the dock decision needs, measured by the component. */
export interface DockGeometry {
  /** Bottom of the sticky header: content above it is hidden. */
  readonly top: number;
  readonly height: number;
  /** Each driver's form box (top, bottom), or undefined when not rendered. */
  readonly form: (id: string) => { top: number; bottom: number } | undefined;
  /** Whether a figure of the cell intersects the visible band. */
  readonly figureVisible: (id: string) => boolean;
}

/**
 * The driver whose form to dock: the last driver (in notebook order) whose
 * form is out of the visible band and one of whose dependents shows a figure
 * in it; null when none.
 */
export function pickDock(drivers: readonly FormDriver[], g: DockGeometry): string | null {
  let picked: string | null = null;
  for (const d of drivers) {
    const box = g.form(d.id);
    const hidden = box === undefined || box.bottom <= g.top || box.top >= g.height;
    if (hidden && d.dependents.some(g.figureVisible)) picked = d.id;
  }
  return picked;
}

function rectOf(selector: string): DOMRect | undefined {
  return document.querySelector(selector)?.getBoundingClientRect();
}

function measure(): DockGeometry {
  const top = rectOf(".topbar")?.bottom ?? 0;
  const height = window.innerHeight;
  return {
    top,
    height,
    form: (id) => {
      const r = rectOf(`section[data-cell-id="${CSS.escape(id)}"] .cell-form`);
      return r === undefined ? undefined : { top: r.top, bottom: r.bottom };
    },
    figureVisible: (id) =>
      Array.from(document.querySelectorAll(`section[data-cell-id="${CSS.escape(id)}"] .output-figure`)).some(
        (el) => {
          const r = el.getBoundingClientRect();
          return r.bottom > top && r.top < height;
        },
      ),
  };
}

export function FormDock() {
  const order = useNotebook((s) => s.order);
  const cells = useNotebook((s) => s.cells);
  // Sources only: outputs streaming in must not recompute the graph.
  const sources = useMemo(
    () =>
      order.flatMap((id) => {
        const doc = cells[id]?.doc;
        return doc === undefined ? [] : [{ id, source: doc.source, cell_type: doc.cell_type }];
      }),
    [order, cells],
  );
  const key = sources.map((c) => `${c.id}\u0000${c.cell_type}\u0000${c.source}`).join("\u0001");
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `sources`' content.
  const drivers = useMemo<FormDriver[]>(
    () =>
      sources
        .filter((c) => c.cell_type === "code" && parseForms(c.source).params.length > 0)
        .map((c) => ({ id: c.id, dependents: downstream(sources, c.id).filter((d) => d !== c.id) }))
        .filter((d) => d.dependents.length > 0),
    [key],
  );
  const [docked, setDocked] = useState<string | null>(null);
  useEffect(() => {
    if (drivers.length === 0) {
      setDocked(null);
      return;
    }
    let frame = 0;
    const update = (): void => {
      frame = 0;
      setDocked(pickDock(drivers, measure()));
    };
    const schedule = (): void => {
      if (frame === 0) frame = requestAnimationFrame(update);
    };
    update();
    window.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", schedule);
    // Figures appear and grow as cells run: re-check when the page's size changes.
    const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(schedule);
    observer?.observe(document.body);
    return () => {
      window.removeEventListener("scroll", schedule);
      window.removeEventListener("resize", schedule);
      observer?.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [drivers]);
  const source = docked === null ? undefined : cells[docked]?.doc.source;
  if (docked === null || source === undefined) return null;
  return (
    <aside className="form-dock" aria-label="Parameters of the figures in view">
      <CellForm cellId={docked} source={source} />
    </aside>
  );
}
