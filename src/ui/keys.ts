/**
 * Jupyter's keyboard model. `commandFor` maps a key press to a command; it is
 * pure so the shortcut table is tested without a browser, and the help dialog
 * lists the same table.
 */
export type Command =
  | "run-advance"
  | "run"
  | "run-insert"
  | "edit"
  | "command-mode"
  | "insert-above"
  | "insert-below"
  | "to-markdown"
  | "to-code"
  | "delete-first-d"
  | "delete"
  | "undo-delete"
  | "select-prev"
  | "select-next"
  | "move-up"
  | "move-down"
  | "help";

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** Shortcuts for the help dialog: keys as shown, and what they do. */
export const SHORTCUTS: { mode: "Both modes" | "Command mode" | "Edit mode"; keys: string; does: string }[] =
  [
    { mode: "Both modes", keys: "Shift+Enter", does: "Run the cell and select the next one" },
    { mode: "Both modes", keys: "Ctrl+Enter", does: "Run the cell and stay" },
    { mode: "Both modes", keys: "Alt+Enter", does: "Run the cell and insert a code cell below" },
    { mode: "Command mode", keys: "Enter", does: "Edit the selected cell" },
    { mode: "Edit mode", keys: "Esc", does: "Stop editing (command mode)" },
    { mode: "Edit mode", keys: "Tab", does: "Indent (press Esc first to move the focus on with Tab)" },
    { mode: "Command mode", keys: "↑ / K", does: "Select the cell above" },
    { mode: "Command mode", keys: "↓ / J", does: "Select the cell below" },
    { mode: "Command mode", keys: "Ctrl+Shift+↑ / ↓", does: "Move the cell up / down" },
    { mode: "Command mode", keys: "A", does: "Insert a code cell above" },
    { mode: "Command mode", keys: "B", does: "Insert a code cell below" },
    { mode: "Command mode", keys: "M", does: "Change the cell to markdown" },
    { mode: "Command mode", keys: "Y", does: "Change the cell to code" },
    { mode: "Command mode", keys: "D, D", does: "Delete the cell" },
    { mode: "Command mode", keys: "Z", does: "Undo the last delete" },
    { mode: "Command mode", keys: "H", does: "Show this help" },
  ];

/** The command for a key press in command mode; null when the key is not a shortcut. */
export function commandFor(press: KeyPress, lastKey: string | null): Command | null {
  const mod = press.ctrlKey || press.metaKey;
  if (press.key === "Enter") {
    if (press.shiftKey) return "run-advance";
    if (mod) return "run";
    if (press.altKey) return "run-insert";
    return "edit";
  }
  if (mod && press.shiftKey && press.key === "ArrowUp") return "move-up";
  if (mod && press.shiftKey && press.key === "ArrowDown") return "move-down";
  if (mod || press.altKey) return null;
  switch (press.key) {
    case "Escape":
      return "command-mode";
    case "ArrowUp":
    case "k":
    case "K":
      return "select-prev";
    case "ArrowDown":
    case "j":
    case "J":
      return "select-next";
  }
  if (press.shiftKey) return null;
  switch (press.key) {
    case "a":
      return "insert-above";
    case "b":
      return "insert-below";
    case "m":
      return "to-markdown";
    case "y":
      return "to-code";
    case "d":
      return lastKey === "d" ? "delete" : "delete-first-d";
    case "z":
      return "undo-delete";
    case "h":
      return "help";
    default:
      return null;
  }
}
