/**
 * Page entry: starts the kernel worker, builds the store, opens the lesson.
 */
import "katex/dist/katex.min.css";
import "./ui/styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { type NotebookDoc, parseIpynb } from "./notebook/ipynb.ts";
import { createKernelClient, type KernelClient } from "./notebook/kernel-client.ts";
import { createNotebookStore, type NotebookStore } from "./notebook/store.ts";
import { App, type LoadState } from "./ui/App.tsx";
import { StoreProvider } from "./ui/store-context.tsx";

const LESSON = `${import.meta.env.BASE_URL}notebooks/8-4-initializers.ipynb`;

function spawnWorker(): Worker {
  return new Worker(new URL("./kernel/worker.ts", import.meta.url), { type: "module", name: "kernel" });
}

/** The first `# heading` of the notebook's markdown, for the browser tab. */
function notebookTitle(doc: NotebookDoc): string | null {
  for (const cell of doc.cells) {
    if (cell.cell_type !== "markdown") continue;
    const match = /^#\s+(.+?)\s*#*\s*$/m.exec(cell.source);
    if (match?.[1] !== undefined) return match[1];
  }
  return null;
}

function start(): void {
  const rootElement = document.getElementById("root");
  if (rootElement === null) throw new Error("index.html has no #root");
  // The store and the client refer to each other; the client is bound once both exist.
  let client: KernelClient | null = null;
  const store: NotebookStore = createNotebookStore({
    kernel: {
      execute: (runId, cellId, code) => client?.send({ op: "execute", runId, cellId, code }),
      reset: () => client?.send({ op: "reset" }),
      restart: () => client?.restart(),
    },
    storage: window.localStorage,
  });
  client = createKernelClient({
    spawn: spawnWorker,
    onMessage: (message) => store.getState().receive(message),
    onCrash: (reason) => store.getState().crashed(reason),
  });

  const root = createRoot(rootElement);
  const render = (load: LoadState): void =>
    root.render(
      <StrictMode>
        <StoreProvider store={store}>
          <App load={load} />
        </StoreProvider>
      </StrictMode>,
    );
  render({ phase: "loading" });
  fetch(LESSON)
    .then((response) => {
      if (!response.ok) throw new Error(`${response.status} ${response.statusText} for ${LESSON}`);
      return response.text();
    })
    .then((text) => {
      const { doc, skipped } = parseIpynb(text);
      if (skipped.length > 0) console.warn("lesson: parts kept as raw cells", skipped);
      store.getState().load(doc);
      const title = notebookTitle(doc);
      if (title !== null) document.title = `${title} · Initlab`;
      render({ phase: "ready" });
    })
    .catch((error: unknown) => {
      render({ phase: "failed", message: error instanceof Error ? error.message : String(error) });
    });
}

start();
