/**
 * Notebook commands shared by the toolbar and the keyboard, so both do
 * exactly the same thing.
 */
import type { NotebookStore } from "../notebook/store.ts";

/** Runs the selected cell (markdown: renders it) and stays. */
export function runSelected(store: NotebookStore): void {
  const s = store.getState();
  const id = s.ui.selectedId;
  if (id === null) return;
  s.run(id);
  s.setMode("command");
}

/** Shift+Enter: runs the selected cell and selects the next, adding a code cell at the end. */
export function runAndAdvance(store: NotebookStore): void {
  const s = store.getState();
  const id = s.ui.selectedId;
  if (id === null) return;
  s.run(id);
  const index = s.order.indexOf(id);
  const next = store.getState().order[index + 1];
  if (next === undefined) s.insert("code", "below", id);
  else s.select(next);
  s.setMode(next === undefined ? "edit" : "command");
}

/** Alt+Enter: runs the selected cell and inserts a code cell below it, in edit mode. */
export function runAndInsert(store: NotebookStore): void {
  const s = store.getState();
  const id = s.ui.selectedId;
  if (id === null) return;
  s.run(id);
  s.insert("code", "below", id);
  s.setMode("edit");
}

export function insertCell(
  store: NotebookStore,
  cellType: "code" | "markdown",
  where: "above" | "below",
): void {
  const s = store.getState();
  s.insert(cellType, where, s.ui.selectedId ?? undefined);
  s.setMode("command");
}

export function deleteSelected(store: NotebookStore): void {
  const s = store.getState();
  if (s.ui.selectedId !== null) s.remove(s.ui.selectedId);
}

export function moveSelected(store: NotebookStore, delta: -1 | 1): void {
  const s = store.getState();
  if (s.ui.selectedId !== null) s.move(s.ui.selectedId, delta);
}
