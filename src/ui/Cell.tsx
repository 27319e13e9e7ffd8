/**
 * One notebook cell: a labelled region with its prompt, its editor or
 * rendered markdown, a progress bar while running, and its outputs.
 */
import { memo, useEffect, useMemo, useRef, useState } from "react";
import { runAndAdvance, runAndInsert, runSelected } from "./commands.ts";
import { CodeEditor, type EditorCommands } from "./CodeEditor.tsx";
import { CellForm } from "./forms/CellForm.tsx";
import { useLive, useLiveState, useReactive } from "./live-context.tsx";
import { BLOCKED_IMAGE_CLASS, renderMarkdown } from "./markdown.ts";
import { Outputs } from "./Outputs.tsx";
import { scrubber } from "./Scrubber.ts";
import { StdinBox } from "./StdinBox.tsx";
import { useNotebook, useNotebookStore } from "./store-context.tsx";
import type { CellRun } from "../notebook/transitions.ts";

const TYPE_NAMES = { code: "Code", markdown: "Markdown", raw: "Raw" } as const;

function formatSeconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** `In [3]:`, `In [*]:` while queued or running, `In [ ]:` before the first run. */
export function promptText(run: CellRun, executionCount: number | null): string {
  if (run.phase === "queued" || run.phase === "running") return "In [*]:";
  return `In [${executionCount ?? " "}]:`;
}

/**
 * How often the running time redraws: twice a second. Each tick repaints the page, and the worker
 * shares the machine's cores with it, so a faster clock slows the run it is timing.
 */
const ELAPSED_TICK_MS = 500;

/** Elapsed time, ticking while a run lasts longer than 300 ms. */
function Elapsed({ run }: { run: CellRun }) {
  const [now, setNow] = useState(() => Date.now());
  const running = run.phase === "running";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), ELAPSED_TICK_MS);
    return () => clearInterval(timer);
  }, [running]);
  const ms = running && run.startedAt !== null ? now - run.startedAt : run.elapsedMs;
  if (ms === null || ms <= 300) return null;
  return <span className="elapsed">{running ? formatSeconds(ms) : `took ${formatSeconds(ms)}`}</span>;
}

function Progress({ run }: { run: CellRun }) {
  if (run.phase !== "running" || run.progress === null || run.progress.total <= 0) return null;
  const { done, total } = run.progress;
  return (
    <progress
      className="cell-progress"
      max={total}
      value={Math.min(done, total)}
      aria-label="Cell progress"
    />
  );
}

function Markdown({ source }: { source: string }) {
  const live = useLive();
  const remoteImages = useLiveState((s) => s.remoteImages);
  const html = useMemo(() => renderMarkdown(source, { remoteImages }), [source, remoteImages]);
  const blocked = html.includes(BLOCKED_IMAGE_CLASS);
  useEffect(() => {
    if (blocked) live?.remoteImagesBlocked();
  }, [blocked, live]);
  if (source.trim() === "")
    return <div className="markdown empty">Empty markdown cell: double-click to edit</div>;
  // renderMarkdown escapes raw HTML and filters URLs, so this HTML carries no script.
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised in markdown.ts.
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}

export const Cell = memo(function Cell({ id, index }: { id: string; index: number }) {
  const store = useNotebookStore();
  const cell = useNotebook((s) => s.cells[id]);
  const selected = useNotebook((s) => s.ui.selectedId === id);
  const editing = useNotebook((s) => s.ui.selectedId === id && s.ui.mode === "edit");
  const commandMode = useNotebook((s) => s.ui.mode === "command");
  const section = useRef<HTMLElement>(null);
  // Live editing (live.ts): stale marks from the reactive scheduler, and the number scrubber.
  const live = useLive();
  const stale = useReactive((s) => s.stale.has(id));
  const scrub = useMemo(() => (live === null ? [] : scrubber(() => live.sourceChanged(id))), [live, id]);

  // In command mode the selected cell holds the focus, unless the user is in the toolbar.
  useEffect(() => {
    const el = section.current;
    if (!selected || !commandMode || el === null) return;
    const active = document.activeElement;
    const inNotebook = active === null || active === document.body || active.closest(".notebook") !== null;
    if (inNotebook && active !== el) el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "nearest" });
  }, [selected, commandMode]);

  const commands: EditorCommands = useMemo(
    () => ({
      runAdvance: () => runAndAdvance(store),
      run: () => runSelected(store),
      runInsert: () => runAndInsert(store),
      escape: () => store.getState().setMode("command"),
    }),
    [store],
  );

  if (cell === undefined) return null;
  const { doc, run } = cell;
  const kind = TYPE_NAMES[doc.cell_type];
  const label = `${kind} cell ${index + 1}`;
  const isCode = doc.cell_type === "code";
  const showEditor = isCode || editing || doc.cell_type === "raw";
  const classes = [
    "cell",
    `cell-${doc.cell_type}`,
    selected ? "selected" : "",
    editing ? "editing" : "",
    run.phase === "running" ? "running" : "",
    stale ? "stale" : "",
  ].join(" ");

  return (
    <section
      ref={section}
      className={classes}
      aria-label={label}
      aria-current={selected ? "true" : undefined}
      tabIndex={selected ? 0 : -1}
      data-cell-id={id}
      onMouseDown={() => {
        if (!selected) store.getState().select(id);
      }}
      onFocus={(event) => {
        if (event.target === event.currentTarget) {
          const s = store.getState();
          if (s.ui.selectedId !== id) s.select(id);
          if (s.ui.mode !== "command") s.setMode("command");
        }
      }}
    >
      <div className="prompt" aria-hidden={!isCode}>
        {isCode && <span className="prompt-text">{promptText(run, doc.execution_count)}</span>}
        {isCode && <Elapsed run={run} />}
        {run.phase === "cancelled" && !stale && <span className="cancelled">cancelled</span>}
        {stale && isCode && <span className="stale-badge">stale</span>}
      </div>
      <div className="cell-body">
        {isCode && <CellForm cellId={id} source={doc.source} />}
        {showEditor ? (
          <div className="input">
            <CodeEditor
              value={doc.source}
              language={isCode ? "python" : "markdown"}
              label={`${label} source`}
              focused={editing}
              onChange={(source) => store.getState().setSource(id, source)}
              onFocus={() => {
                const s = store.getState();
                s.select(id);
                s.setMode("edit");
              }}
              onBlur={() => {
                // Focus left the editor (a toolbar button, another window): shortcuts act on cells again.
                const s = store.getState();
                if (s.ui.selectedId === id && s.ui.mode === "edit") s.setMode("command");
              }}
              commands={commands}
              extensions={isCode ? scrub : []}
            />
          </div>
        ) : (
          // biome-ignore lint/a11y/noStaticElementInteractions: double-click to edit mirrors Jupyter; Enter does the same from the keyboard.
          <div
            className="rendered"
            onDoubleClick={() => {
              const s = store.getState();
              s.select(id);
              s.setMode("edit");
            }}
          >
            <Markdown source={doc.source} />
          </div>
        )}
        <Progress run={run} />
        {isCode && (
          <Outputs
            outputs={doc.outputs}
            // Queued too: a superseded run (a slider drag) is cancelled and queued again, and its figures
            // must stay mounted for Plotly.react instead of being unmounted until the new run starts.
            running={run.phase === "running" || run.phase === "queued" || run.phase === "cancelled"}
            label={`Output of ${label.toLowerCase()}`}
          />
        )}
        {isCode && <StdinBox cellId={id} />}
      </div>
    </section>
  );
});
