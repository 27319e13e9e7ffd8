/**
 * Page entry: starts the kernel worker, builds the store, opens the lesson.
 */
import "katex/dist/katex.min.css";
import "./ui/styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import type { NotebookDoc } from "./notebook/ipynb.ts";
import { createKernelClient, type KernelClient } from "./notebook/kernel-client.ts";
import { createSharedBuffer } from "./shared-channel.ts";
import { createIdbStorage } from "./notebook/persist.ts";
import { createReactiveScheduler, type ReactiveScheduler } from "./notebook/reactive.ts";
import { createNotebookStore, type NotebookStore } from "./notebook/store.ts";
import { startServiceWorker } from "./sw/register.ts";
import { App, type LoadState } from "./ui/App.tsx";
import { createLive } from "./ui/live.ts";
import { LiveProvider } from "./ui/live-context.tsx";
import { startNotebook } from "./ui/startup.ts";
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
  let scheduler: ReactiveScheduler | null = null;
  const store: NotebookStore = createNotebookStore({
    kernel: {
      execute: (runId, cellId, code) => client?.send({ op: "execute", runId, cellId, code }),
      reset: () => {
        client?.send({ op: "reset" });
        scheduler?.kernelReset();
      },
      restart: () => client?.restart(),
      drop: (runIds) => client?.send({ op: "drop", runIds: [...runIds] }),
      interruptKeepingState: (upTo) => client?.interrupt(upTo) ?? false,
      answerInput: (text) => client?.answerInput(text),
    },
    storage: window.localStorage,
  });
  client = createKernelClient({
    spawn: spawnWorker,
    onMessage: (message) => store.getState().receive(message),
    onCrash: (reason) => store.getState().crashed(reason),
    createShared: () => (globalThis.crossOriginIsolated === true ? createSharedBuffer() : null),
  });
  scheduler = createReactiveScheduler(store);
  const live = createLive(store, scheduler);

  const root = createRoot(rootElement);
  const render = (load: LoadState): void =>
    root.render(
      <StrictMode>
        <StoreProvider store={store}>
          <LiveProvider live={live}>
            <App load={load} />
          </LiveProvider>
        </StoreProvider>
      </StrictMode>,
    );
  render({ phase: "loading" });
  // Isolation on header-less static hosts, offline use and update notices (sw/register.ts).
  if (import.meta.env.PROD) {
    void startServiceWorker({
      scriptUrl: `${import.meta.env.BASE_URL}sw.js`,
      notify: (text, action) =>
        live.notify(text, action === undefined ? { timeoutMs: null } : { action, timeoutMs: null }),
    });
  }
  fetch(LESSON)
    .then((response) => {
      if (!response.ok) throw new Error(`${response.status} ${response.statusText} for ${LESSON}`);
      return response.text();
    })
    .then(async (text) => {
      // A share link, else the notebook saved in this browser, else the lesson (ui/startup.ts).
      await startNotebook({
        notebook: store,
        live,
        lessonText: text,
        storage: typeof indexedDB === "undefined" ? null : createIdbStorage(),
        hash: window.location.hash,
        clearHash: () =>
          window.history.replaceState(null, "", window.location.pathname + window.location.search),
        journal: window.localStorage,
        channel: typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel("initlab-autosave"),
        reload: () => window.location.reload(),
      });
      const title = notebookTitle(store.getState().toDoc());
      if (title !== null) document.title = `${title} · Initlab`;
      render({ phase: "ready" });
    })
    .catch((error: unknown) => {
      render({ phase: "failed", message: error instanceof Error ? error.message : String(error) });
    });
}

start();
