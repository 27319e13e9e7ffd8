/**
 * The page: toolbar, kernel notice, the cells, and the help dialog. Command
 * mode keys are handled here, once for the whole document.
 */
import { useEffect, useRef } from "react";
import type { NotebookStore } from "../notebook/store.ts";
import { Cell } from "./Cell.tsx";
import {
  deleteSelected,
  insertCell,
  moveSelected,
  runAndAdvance,
  runAndInsert,
  runSelected,
} from "./commands.ts";
import { HelpDialog } from "./HelpDialog.tsx";
import { type Command, commandFor } from "./keys.ts";
import { LiveBar } from "./LiveBar.tsx";
import { useLiveState } from "./live-context.tsx";
import { Notices } from "./Notices.tsx";
import { Presentation } from "./Presentation.tsx";
import { FormDock } from "./forms/FormDock.tsx";
import { useNotebook, useNotebookStore } from "./store-context.tsx";
import { useResolvedTheme } from "./theme.ts";
import { KernelBadge, Toolbar, ViewBar } from "./Toolbar.tsx";

export type LoadState = { phase: "loading" } | { phase: "ready" } | { phase: "failed"; message: string };

function apply(store: NotebookStore, command: Command): void {
  const s = store.getState();
  const id = s.ui.selectedId;
  switch (command) {
    case "run-advance":
      runAndAdvance(store);
      return;
    case "run":
      runSelected(store);
      return;
    case "run-insert":
      runAndInsert(store);
      return;
    case "edit":
      if (id !== null) s.setMode("edit");
      return;
    case "command-mode":
      s.setHelpOpen(false);
      return;
    case "insert-above":
      insertCell(store, "code", "above");
      return;
    case "insert-below":
      insertCell(store, "code", "below");
      return;
    case "to-markdown":
      if (id !== null) s.setType(id, "markdown");
      return;
    case "to-code":
      if (id !== null) s.setType(id, "code");
      return;
    case "delete-first-d":
      return;
    case "delete":
      deleteSelected(store);
      return;
    case "undo-delete":
      s.undoRemove();
      return;
    case "select-prev":
      s.selectRelative(-1);
      return;
    case "select-next":
      s.selectRelative(1);
      return;
    case "move-up":
      moveSelected(store, -1);
      return;
    case "move-down":
      moveSelected(store, 1);
      return;
    case "help":
      s.setHelpOpen(true);
      return;
    default: {
      const unhandled: never = command;
      throw new Error(`unknown command ${String(unhandled)}`);
    }
  }
}

/** Whether a key press belongs to a control rather than to the notebook. */
function ownedByControl(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest("input, textarea, select, [contenteditable='true'], dialog, .cm-editor") !== null)
    return true;
  const control = target.closest("button, a, summary");
  return control !== null && (key === "Enter" || key === " ");
}

function useCommandKeys(store: NotebookStore): void {
  const lastKey = useRef<{ key: string; at: number } | null>(null);
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      const s = store.getState();
      if (s.ui.mode !== "command" || s.ui.helpOpen || event.defaultPrevented || event.isComposing) return;
      if (ownedByControl(event.target, event.key)) return;
      const previous = lastKey.current;
      const recent = previous !== null && event.timeStamp - previous.at < 800 ? previous.key : null;
      const command = commandFor(event, recent);
      lastKey.current = command === "delete-first-d" ? { key: "d", at: event.timeStamp } : null;
      if (command === null) return;
      event.preventDefault();
      apply(store, command);
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [store]);
}

function Notice() {
  const store = useNotebookStore();
  const notice = useNotebook((s) => s.kernel.notice);
  if (notice === null) return null;
  return (
    <div className="notice" role="status">
      <span>{notice}</span>
      <button type="button" onClick={() => store.getState().dismissNotice()} aria-label="Dismiss notice">
        ✕
      </button>
    </div>
  );
}

function Cells() {
  const order = useNotebook((s) => s.order);
  return (
    <main className="notebook" aria-label="Notebook">
      {order.map((id, index) => (
        <Cell key={id} id={id} index={index} />
      ))}
    </main>
  );
}

export function App({ load }: { load: LoadState }) {
  const store = useNotebookStore();
  const theme = useResolvedTheme();
  const fontSize = useNotebook((s) => s.ui.fontSize);
  const mode = useNotebook((s) => s.ui.mode);
  const presenting = useLiveState((s) => s.slide !== null);
  useCommandKeys(store);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);

  useEffect(() => {
    document.documentElement.style.setProperty("--font-size", `${fontSize}px`);
  }, [fontSize]);

  return (
    <div className={`app mode-${mode}`}>
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            ∿
          </span>
          Initlab
          <span className="mode-badge" title="Esc: command mode, Enter: edit mode">
            {mode === "edit" ? "Edit mode" : "Command mode"}
          </span>
        </div>
        <KernelBadge />
        <ViewBar />
        <Toolbar />
        <LiveBar />
      </header>
      <Notice />
      <Notices />
      {load.phase === "loading" && <p className="loading">Loading the lesson…</p>}
      {load.phase === "failed" && (
        <p className="load-error" role="alert">
          The lesson could not be loaded: {load.message}
        </p>
      )}
      {presenting ? <Presentation /> : <Cells />}
      {!presenting && <FormDock />}
      <HelpDialog />
    </div>
  );
}
