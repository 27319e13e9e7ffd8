/**
 * Page entry: builds the kernel switch (the worker first), the store, opens the lesson.
 */
import "katex/dist/katex.min.css";
import "./ui/styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import type { NotebookDoc } from "./notebook/ipynb.ts";
import { createJupyterKernel } from "./notebook/jupyter-kernel.ts";
import { normaliseServerUrl } from "./notebook/jupyter-problems.ts";
import { createKernelClient } from "./notebook/kernel-client.ts";
import {
  type Backend,
  createKernelSwitch,
  type KernelSwitch,
  type Receive,
} from "./notebook/kernel-switch.ts";
import { createSharedBuffer } from "./shared-channel.ts";
import { createIdbStorage } from "./notebook/persist.ts";
import { createReactiveScheduler, type ReactiveScheduler } from "./notebook/reactive.ts";
import { createNotebookStore, type NotebookStore } from "./notebook/store.ts";
import { NOT_ISOLATED, startServiceWorker } from "./sw/register.ts";
import { App, type LoadState } from "./ui/App.tsx";
import { KernelSwitchProvider } from "./ui/KernelSwitch.tsx";
import { createLive, type Live } from "./ui/live.ts";
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

/** The browser kernel: the Web Worker behind the page side of its protocol (kernel-client.ts). */
function browserKernel(isolated: boolean, receive: Receive, crashed: (reason: string) => void): Backend {
  const client = createKernelClient({
    spawn: spawnWorker,
    onMessage: receive,
    onCrash: crashed,
    createShared: () => (isolated ? createSharedBuffer() : null),
  });
  return {
    execute: (runId, cellId, code) => client.send({ op: "execute", runId, cellId, code }),
    reset: () => client.send({ op: "reset" }),
    restart: () => client.restart(),
    drop: (runIds) => client.send({ op: "drop", runIds: [...runIds] }),
    interruptKeepingState: (upTo) => client.interrupt(upTo),
    answerInput: (text) => client.answerInput(text),
    dispose: () => client.dispose(),
  };
}

/** `?jupyter=URL` (a course page's link, or a copied link of a page on a server kernel). */
function linkedServer(): string | null {
  const value = new URLSearchParams(window.location.search).get("jupyter");
  return value === null ? null : (normaliseServerUrl(value) ?? value);
}

/** Puts the server address (never the token) in the page's query, so Copy link carries it. */
function linkServer(url: string | null): void {
  const params = new URLSearchParams(window.location.search);
  if (url === null) params.delete("jupyter");
  else params.set("jupyter", url);
  const query = params.toString();
  window.history.replaceState(
    window.history.state,
    "",
    `${window.location.pathname}${query === "" ? "" : `?${query}`}${window.location.hash}`,
  );
}

/** Each kernel problem as one warning notice with "Switch back to the browser kernel". */
function showKernelProblems(kernels: KernelSwitch, live: Live): void {
  let shown: { id: number; message: string } | null = null;
  kernels.state.subscribe((state) => {
    const problem = state.connection.kind === "jupyter" ? state.problem : null;
    if (shown !== null && shown.message === problem?.message) return;
    if (shown !== null) live.dismiss(shown.id);
    shown = null;
    if (problem === null) return;
    const id = live.notify(problem.message, {
      tone: "warning",
      action: { label: "Switch back to the browser kernel", run: () => kernels.toBrowser() },
    });
    shown = { id, message: problem.message };
  });
  let linked = kernels.state.getState().connection.kind;
  kernels.state.subscribe((state) => {
    if (state.connection.kind === linked) return;
    linked = state.connection.kind;
    linkServer(state.connection.kind === "jupyter" ? state.connection.url : null);
  });
}

function start(): void {
  const rootElement = document.getElementById("root");
  if (rootElement === null) throw new Error("index.html has no #root");
  const isolated = globalThis.crossOriginIsolated === true;
  // The store talks to one port; the switch forwards it to the browser's worker or a server's kernel.
  const kernels = createKernelSwitch({
    isolated,
    origin: window.location.origin,
    browser: (receive, crashed) => browserKernel(isolated, receive, crashed),
    jupyter: (target, receive, onEvent) =>
      createJupyterKernel({ url: target.url, token: target.token, spec: target.spec, onEvent }, receive),
  });
  let scheduler: ReactiveScheduler | null = null;
  const store: NotebookStore = createNotebookStore({
    kernel: {
      ...kernels.port,
      reset: () => {
        kernels.port.reset();
        scheduler?.kernelReset();
      },
    },
    storage: window.localStorage,
  });
  scheduler = createReactiveScheduler(store);
  const reactive = scheduler;
  kernels.bind(store, () => reactive.kernelReset());
  const live = createLive(store, scheduler);
  showKernelProblems(kernels, live);
  const storage = typeof indexedDB === "undefined" ? null : createIdbStorage();
  const switchContext = { kernels, storage, linkedUrl: linkedServer() };

  const root = createRoot(rootElement);
  const render = (load: LoadState): void =>
    root.render(
      <StrictMode>
        <StoreProvider store={store}>
          <LiveProvider live={live}>
            <KernelSwitchProvider value={switchContext}>
              <App load={load} />
            </KernelSwitchProvider>
          </LiveProvider>
        </StoreProvider>
      </StrictMode>,
    );
  render({ phase: "loading" });
  // Isolation on header-less static hosts, offline use and update notices (sw/register.ts).
  if (import.meta.env.PROD) {
    void startServiceWorker({
      scriptUrl: `${import.meta.env.BASE_URL}sw.js`,
      // "Not isolated" is said once in the kernel status line instead (kernel-switch.ts).
      notify: (text, action) => {
        if (text === NOT_ISOLATED) return;
        live.notify(text, action === undefined ? { timeoutMs: null } : { action, timeoutMs: null });
      },
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
        storage,
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
