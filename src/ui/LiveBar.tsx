/**
 * The live bar: auto-run of dependents, the autosave status, the file
 * commands (open, export, share link, reset the lesson) and presentation mode.
 * Files can also be dropped anywhere on the page.
 */
import { useEffect, useRef, useState } from "react";
import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";
import type { SaveStatus } from "../notebook/autosave.ts";
import {
  download,
  exportIpynb,
  exportPercentPy,
  openedMessage,
  readNotebookFile,
  shareLink,
} from "./files.ts";
import type { Live } from "./live.ts";
import { useLive, useLiveState, useReactive } from "./live-context.tsx";
import { slides } from "./slides.ts";
import "./live.css";

const noStatus = createStore<SaveStatus>()(() => ({ state: "idle" }));

function timeText(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

function SaveBadge() {
  const autosave = useLiveState((s) => s.autosave);
  const status = useStore(autosave?.status ?? noStatus, (s) => s);
  let text: string;
  switch (status.state) {
    case "idle":
      text = "";
      break;
    case "unsaved":
      text = "Saving…";
      break;
    case "saved":
      text = `Saved ${timeText(status.at)}`;
      break;
    case "error":
    case "off":
      text = status.message;
      break;
    default: {
      const unhandled: never = status;
      return unhandled;
    }
  }
  const bad = status.state === "error" || status.state === "off";
  return (
    <output className={bad ? "save-status error" : "save-status"} aria-live="polite" title="Autosave">
      {text}
    </output>
  );
}

function baseName(live: Live): string {
  return live.state.getState().fileName;
}

export async function openFile(live: Live, file: File): Promise<void> {
  const text = await file.text();
  const opened = readNotebookFile(file.name, text);
  if ("error" in opened) {
    live.notify(opened.error, { tone: "warning" });
    return;
  }
  live.replace(opened.doc, openedMessage(file.name, opened.skipped), `Opened ${file.name}`);
  live.state.setState({ fileName: file.name.replace(/\.(ipynb|py)$/i, "") || "notebook" });
}

function useFileDrop(live: Live | null): boolean {
  const [over, setOver] = useState(false);
  useEffect(() => {
    if (live === null) return;
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes("Files") === true;
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(true);
    };
    const onLeave = (e: DragEvent) => {
      if (e.relatedTarget === null) setOver(false);
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(false);
      const file = e.dataTransfer?.files[0];
      if (file !== undefined) void openFile(live, file);
    };
    window.addEventListener("dragover", onOver);
    window.addEventListener("dragleave", onLeave);
    window.addEventListener("drop", onDrop);
    return () => {
      window.removeEventListener("dragover", onOver);
      window.removeEventListener("dragleave", onLeave);
      window.removeEventListener("drop", onDrop);
    };
  }, [live]);
  return over;
}

function ConfirmReset({ live, onClose }: { live: Live; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d !== null && !d.open) d.showModal();
  }, []);
  const lesson = useLiveState((s) => s.lesson);
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby="reset-title"
      onClose={onClose}
      onCancel={onClose}
    >
      <h2 id="reset-title">Reset the lesson?</h2>
      <p>
        Your changes are replaced by the original lesson. Undo in the notice that follows, or "Restore
        previous" later, brings them back.
      </p>
      <div className="actions">
        <button type="button" onClick={() => dialog.current?.close()}>
          Cancel
        </button>
        <button
          type="button"
          onClick={() => {
            if (lesson !== null)
              live.replace(lesson, "The lesson was reset to the original.", "Reset lesson");
            dialog.current?.close();
          }}
        >
          Reset lesson
        </button>
      </div>
    </dialog>
  );
}

function ShareField({ link, copied, onClose }: { link: string; copied: boolean; onClose(): void }) {
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);
  return (
    <div className="share-link">
      <label htmlFor="share-link-field">{copied ? "Copied to the clipboard:" : "Copy this link:"}</label>
      <input id="share-link-field" ref={field} readOnly value={link} aria-label="Share link" />
      <button type="button" onClick={onClose} aria-label="Close the share link">
        ✕
      </button>
    </div>
  );
}

export function LiveBar() {
  const live = useLive();
  const autoRun = useReactive((s) => s.autoRun);
  const lesson = useLiveState((s) => s.lesson);
  const previous = useLiveState((s) => s.previous);
  const [confirming, setConfirming] = useState(false);
  const [link, setLink] = useState<{ url: string; copied: boolean } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const dropping = useFileDrop(live);
  if (live === null) return null;

  const copyLink = async () => {
    if (lesson === null) return;
    const url = shareLink(window.location.href, lesson, live.notebook.getState().toDoc());
    try {
      await navigator.clipboard.writeText(url);
      setLink({ url, copied: true });
    } catch {
      // Clipboard access denied (a setting, an insecure page, a headless browser): the field is the way.
      setLink({ url, copied: false });
    }
  };

  const present = () => {
    const s = live.notebook.getState();
    const cells = s.order.flatMap((id) => {
      const doc = s.cells[id]?.doc;
      return doc === undefined ? [] : [{ id, cell_type: doc.cell_type, source: doc.source }];
    });
    // Start on the slide that holds the selected cell.
    const selected = s.ui.selectedId;
    const at = slides(cells).findIndex((ids) => selected !== null && ids.includes(selected));
    s.setMode("command");
    live.present(Math.max(0, at));
  };

  return (
    <div className="livebar" role="toolbar" aria-label="Live editing and files">
      <button
        type="button"
        aria-pressed={autoRun}
        title="When a parameter changes, re-run the cells that depend on it"
        onClick={() => live.scheduler.setAutoRun(!autoRun)}
      >
        Auto-run dependents
      </button>
      <SaveBadge />
      <button
        type="button"
        onClick={() => input.current?.click()}
        title="Open a .ipynb or a percent .py file"
      >
        Open…
      </button>
      <input
        ref={input}
        type="file"
        accept=".ipynb,.py,application/x-ipynb+json"
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Notebook file to open"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file !== undefined) void openFile(live, file);
        }}
      />
      <button
        type="button"
        onClick={() =>
          download(
            `${baseName(live)}.ipynb`,
            exportIpynb(live.notebook.getState().toDoc()),
            "application/x-ipynb+json",
          )
        }
      >
        Export .ipynb
      </button>
      <button
        type="button"
        onClick={() =>
          download(`${baseName(live)}.py`, exportPercentPy(live.notebook.getState().toDoc()), "text/x-python")
        }
      >
        Export .py
      </button>
      <button type="button" onClick={() => void copyLink()} disabled={lesson === null}>
        Copy link
      </button>
      <button type="button" onClick={() => setConfirming(true)} disabled={lesson === null}>
        Reset lesson
      </button>
      {previous > 0 && (
        <button
          type="button"
          onClick={() => void live.restorePrevious()}
          title="Bring back the notebook that Open…, Reset lesson or a link replaced (the current one is kept too)"
        >
          Restore previous
        </button>
      )}
      <button type="button" onClick={present} title="One slide per section; arrow keys move, Esc leaves">
        Present
      </button>
      {link !== null && <ShareField link={link.url} copied={link.copied} onClose={() => setLink(null)} />}
      {confirming && <ConfirmReset live={live} onClose={() => setConfirming(false)} />}
      {dropping && (
        <div className="drop-target" aria-hidden="true">
          Drop a notebook to open it
        </div>
      )}
    </div>
  );
}
