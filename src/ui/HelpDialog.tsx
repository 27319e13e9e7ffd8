import { useEffect, useRef } from "react";
import { SHORTCUTS } from "./keys.ts";
import { useNotebook, useNotebookStore } from "./store-context.tsx";

type Mode = (typeof SHORTCUTS)[number]["mode"];

/** Two columns: the run keys and edit mode on the left, command mode on the right. */
const COLUMNS: readonly (readonly Mode[])[] = [["Both modes", "Edit mode"], ["Command mode"]];

function ShortcutTable({ mode }: { mode: Mode }) {
  return (
    <table>
      <caption>{mode}</caption>
      <tbody>
        {SHORTCUTS.filter((s) => s.mode === mode).map((s) => (
          <tr key={s.keys}>
            <th scope="row">
              <kbd>{s.keys}</kbd>
            </th>
            <td>{s.does}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The keyboard shortcuts, as a modal dialog (H in command mode, or the ? button). */
export function HelpDialog() {
  const store = useNotebookStore();
  const open = useNotebook((s) => s.ui.helpOpen);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const el = dialog.current;
    if (el === null) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className="help"
      aria-labelledby="help-title"
      onClose={() => store.getState().setHelpOpen(false)}
    >
      <form method="dialog" className="help-head">
        <h2 id="help-title">Keyboard shortcuts</h2>
        <button type="submit">Close</button>
      </form>
      <p>
        As in Jupyter: in <strong>command mode</strong> (blue bar) keys act on whole cells; in{" "}
        <strong>edit mode</strong> (green bar) you type into the cell. Esc and Enter switch between them.
      </p>
      <div className="help-groups">
        {COLUMNS.map((modes) => (
          <div key={modes.join()}>
            {modes.map((mode) => (
              <ShortcutTable key={mode} mode={mode} />
            ))}
          </div>
        ))}
      </div>
    </dialog>
  );
}
