/**
 * The toolbar: every notebook command as a button with an accessible name,
 * the kernel switch, the kernel's status (and which kernel runs), the text
 * size and the theme.
 */
import type { ReactNode } from "react";
import { FONT_SIZES, type Theme } from "../notebook/store.ts";
import { deleteSelected, insertCell, moveSelected, runAndAdvance } from "./commands.ts";
import { Icon, type IconName } from "./icons.tsx";
import { KernelName, KernelSwitchButtons } from "./KernelSwitch.tsx";
import { useNotebook, useNotebookStore } from "./store-context.tsx";

/** Restart loses every variable, so it asks first (Jupyter does too). */
function confirmRestart(): boolean {
  return window.confirm("Restart the kernel? All variables will be lost.");
}

function Button({
  label,
  icon,
  text,
  onClick,
  disabled = false,
  title,
  keepText = false,
}: {
  label: string;
  icon?: IconName;
  text?: string;
  /** Keep the text on narrow screens (where most buttons show only their icon). */
  keepText?: boolean;
  onClick(): void;
  disabled?: boolean;
  title?: string;
}) {
  return (
    <button type="button" aria-label={label} title={title ?? label} onClick={onClick} disabled={disabled}>
      {icon !== undefined && <Icon name={icon} />}
      {text !== undefined && (
        <span className={keepText ? "button-text keep" : "button-text"} aria-hidden="true">
          {text}
        </span>
      )}
    </button>
  );
}

function Group({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <fieldset className={className === undefined ? "group" : `group ${className}`} aria-label={label}>
      {children}
    </fieldset>
  );
}

export function KernelBadge() {
  const status = useNotebook((s) => s.kernel.status);
  const queued = useNotebook((s) => s.kernel.runs.length);
  const text = status === "busy" && queued > 1 ? `busy (${queued - 1} queued)` : status;
  return (
    <output className={`kernel-status ${status}`} aria-live="polite" title="Kernel status">
      <span className="dot" aria-hidden="true" />
      Kernel: {text}
      <KernelName />
    </output>
  );
}

export function Toolbar() {
  const store = useNotebookStore();
  const running = useNotebook((s) => s.kernel.runs.length > 0);
  const canUndo = useNotebook((s) => s.trash.length > 0);
  const s = () => store.getState();

  return (
    <div className="toolbar" role="toolbar" aria-label="Notebook">
      <Group label="Run">
        <Button
          label="Run cell"
          icon="run"
          text="Run"
          title="Run cell (Shift+Enter)"
          onClick={() => runAndAdvance(store)}
        />
        <Button label="Run all" icon="runAll" text="Run all" onClick={() => s().runAll()} />
        <Button label="Interrupt" icon="stop" onClick={() => s().interrupt()} disabled={!running} />
        <Button
          label="Restart kernel"
          icon="restart"
          onClick={() => confirmRestart() && s().restartKernel()}
        />
        <Button
          label="Restart and run all"
          icon="restartRun"
          onClick={() => confirmRestart() && s().restartAndRunAll()}
        />
        <Button label="Clear outputs" icon="clear" text="Clear" onClick={() => s().clearOutputs()} />
      </Group>
      <Group label="Cells">
        <Button
          label="Add code cell"
          icon="plus"
          text="Code"
          keepText
          onClick={() => insertCell(store, "code", "below")}
        />
        <Button
          label="Add markdown cell"
          icon="plus"
          text="Text"
          keepText
          onClick={() => insertCell(store, "markdown", "below")}
        />
        <Button label="Move cell up" icon="up" onClick={() => moveSelected(store, -1)} />
        <Button label="Move cell down" icon="down" onClick={() => moveSelected(store, 1)} />
        <Button label="Delete cell" icon="trash" onClick={() => deleteSelected(store)} />
        <Button label="Undo delete" icon="undo" onClick={() => s().undoRemove()} disabled={!canUndo} />
      </Group>
      <Group label="Kernel" className="kernels">
        <KernelSwitchButtons />
      </Group>
    </div>
  );
}

/** Text size, theme and help: what a teacher sets once for the room. */
export function ViewBar() {
  const store = useNotebookStore();
  const fontSize = useNotebook((s) => s.ui.fontSize);
  const theme = useNotebook((s) => s.ui.theme);
  const s = () => store.getState();
  return (
    <div className="viewbar" role="toolbar" aria-label="View">
      <Button
        label="Smaller text"
        text="A−"
        keepText
        onClick={() => s().setFontSize(fontSize - 2)}
        disabled={fontSize <= FONT_SIZES.min}
      />
      <output className="font-size" aria-label="Text size">
        {fontSize}px
      </output>
      <Button
        label="Larger text"
        text="A+"
        keepText
        onClick={() => s().setFontSize(fontSize + 2)}
        disabled={fontSize >= FONT_SIZES.max}
      />
      <label className="theme">
        <span className="visually-hidden">Theme</span>
        <select value={theme} onChange={(e) => s().setTheme(toTheme(e.target.value))} aria-label="Theme">
          <option value="system">System theme</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </label>
      <Button label="Keyboard shortcuts" icon="help" onClick={() => s().setHelpOpen(true)} />
    </div>
  );
}

function toTheme(value: string): Theme {
  return value === "light" || value === "dark" ? value : "system";
}
