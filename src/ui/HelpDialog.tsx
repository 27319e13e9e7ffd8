import { useEffect, useRef } from "react";
import { SHORTCUTS } from "./keys.ts";
import { useNotebook, useNotebookStore } from "./store-context.tsx";

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
      <h2 id="help-title">Keyboard shortcuts</h2>
      <p>
        The notebook has two modes, as in Jupyter. In <strong>command mode</strong> (blue bar) keys act on
        whole cells; in <strong>edit mode</strong> (green bar) you type into the cell.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Mode</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={`${s.mode}-${s.keys}`}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{s.mode}</td>
              <td>{s.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
