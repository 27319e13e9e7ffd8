/**
 * Presentation mode: one slide per `##` section, large type, no chrome.
 * Arrow keys (and Page Up / Page Down) move between slides when the focus is
 * not in an editor or a form control; Esc leaves. Cells stay editable and
 * runnable, and their forms work.
 */
import { useEffect, useMemo } from "react";
import { Cell } from "./Cell.tsx";
import { useLive, useLiveState } from "./live-context.tsx";
import { slides, slideTitle } from "./slides.ts";
import { useNotebook } from "./store-context.tsx";
import "./live.css";

/** Keys inside these belong to the control, not to the slides. */
function ownedByControl(target: EventTarget | null): boolean {
  return (
    target instanceof Element &&
    target.closest("input, textarea, select, [contenteditable='true'], dialog, .cm-editor") !== null
  );
}

export function Presentation() {
  const live = useLive();
  const slide = useLiveState((s) => s.slide);
  const order = useNotebook((s) => s.order);
  const cells = useNotebook((s) => s.cells);
  const all = useMemo(
    () =>
      order.flatMap((id) => {
        const c = cells[id];
        return c === undefined ? [] : [{ id, cell_type: c.doc.cell_type, source: c.doc.source }];
      }),
    [order, cells],
  );
  const deck = useMemo(() => slides(all), [all]);
  const count = deck.length;
  const index = slide === null ? 0 : Math.min(Math.max(0, slide), Math.max(0, count - 1));
  const ids = deck[index] ?? [];
  const mode = useNotebook((s) => s.ui.mode);

  useEffect(() => {
    if (live === null || slide === null) return;
    document.documentElement.classList.add("presenting");
    function onKey(event: KeyboardEvent): void {
      if (live === null || event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
      if (ownedByControl(event.target)) return;
      const current = live.state.getState().slide ?? 0;
      let next: number | null | undefined;
      if (event.key === "ArrowRight" || event.key === "PageDown") next = Math.min(current + 1, count - 1);
      else if (event.key === "ArrowLeft" || event.key === "PageUp") next = Math.max(current - 1, 0);
      else if (event.key === "Escape" && live.notebook.getState().ui.mode === "command") next = null;
      if (next === undefined) return;
      event.preventDefault();
      event.stopPropagation();
      live.present(next);
      const first = next === null ? undefined : deck[next]?.[0];
      if (first !== undefined) live.notebook.getState().select(first);
    }
    window.addEventListener("keydown", onKey, true);
    return () => {
      window.removeEventListener("keydown", onKey, true);
      document.documentElement.classList.remove("presenting");
    };
  }, [live, slide, count, deck]);

  if (live === null || slide === null) return null;
  const title = slideTitle(all, ids);
  return (
    <section className={`presentation mode-${mode}`} aria-label="Presentation" aria-roledescription="slides">
      <main className="slide notebook" aria-label={`Slide ${index + 1} of ${count}: ${title}`}>
        {ids.map((id) => (
          <Cell key={id} id={id} index={order.indexOf(id)} />
        ))}
      </main>
      <nav className="slide-nav" aria-label="Slides">
        <button type="button" onClick={() => live.present(Math.max(0, index - 1))} disabled={index === 0}>
          ← Previous
        </button>
        <button
          type="button"
          onClick={() => live.present(Math.min(count - 1, index + 1))}
          disabled={index >= count - 1}
        >
          Next →
        </button>
        <button type="button" onClick={() => live.present(null)}>
          Leave (Esc)
        </button>
      </nav>
      <output className="slide-counter" aria-live="polite">
        {index + 1} / {count}
      </output>
    </section>
  );
}
