/**
 * The kernel switch: one `KernelPort` for the store that forwards to the kernel
 * in use, the browser's Web Worker or a Jupyter server's kernel. The store, the
 * forms and the reactive scheduler keep talking to the same port; a switch
 * cancels the runs in flight (their cells keep their text) and tells the
 * scheduler that the variables are gone.
 *
 * The switch also keeps what the kernel status line shows: which kernel runs,
 * the state of a server connection, and the problem to explain, if any.
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import type { FromWorker } from "../protocol.ts";
import type { JupyterEvent, JupyterKernel } from "./jupyter-kernel.ts";
import { connectionProblem, describeJupyterError, type JupyterProblem } from "./jupyter-problems.ts";
import type { KernelPort, NotebookStore } from "./store.ts";

/** The status line's words for a browser kernel on a page without shared memory. */
export const NOT_ISOLATED_STATUS = "not isolated: interrupt restarts the kernel";
export const BROWSER_KERNEL = "Browser (Initlab)";

/** A kernel the switch can use; `dispose` stops it for good. */
export interface Backend extends KernelPort {
  dispose(): void;
}

export interface JupyterTarget {
  /** Base URL with a trailing slash (jupyter-problems.ts `normaliseServerUrl`). */
  url: string;
  token: string;
  spec: string;
  displayName: string;
}

export type JupyterPhase = "connecting" | "connected" | "reconnecting" | "down";

export type KernelConnection =
  | { kind: "browser"; isolated: boolean }
  | { kind: "jupyter"; url: string; spec: string; displayName: string; phase: JupyterPhase };

export interface KernelSwitchState {
  connection: KernelConnection;
  /** A Jupyter connection that is attempted and not yet in use (the browser kernel still runs). */
  pending: { url: string; displayName: string } | null;
  problem: JupyterProblem | null;
}

export type Receive = (message: FromWorker) => void;

export interface KernelSwitchOptions {
  /** A new browser kernel; `crashed` reports a worker that died. */
  browser(receive: Receive, crashed: (reason: string) => void): Backend;
  jupyter(target: JupyterTarget, receive: Receive, onEvent: (event: JupyterEvent) => void): JupyterKernel;
  /** Whether the page is cross-origin isolated (the browser kernel can interrupt and keep state). */
  isolated: boolean;
  /** The page's origin, which a server must allow (CORS). */
  origin: string;
}

export interface KernelSwitch {
  /** Give this to `createNotebookStore`. */
  readonly port: KernelPort;
  readonly state: StoreApi<KernelSwitchState>;
  /** Binds the store and the scheduler, once both exist; starts the browser kernel. */
  bind(store: NotebookStore, kernelReset: () => void): void;
  toBrowser(): void;
  /** Starts a kernel on the server and switches to it; on failure stays put and returns the problem. */
  toJupyter(target: JupyterTarget): Promise<JupyterProblem | null>;
  dismissProblem(): void;
}

/** The words after "Kernel: idle ·" in the status line. */
export function connectionLabel(connection: KernelConnection): string {
  switch (connection.kind) {
    case "browser":
      return connection.isolated ? BROWSER_KERNEL : `${BROWSER_KERNEL} · ${NOT_ISOLATED_STATUS}`;
    case "jupyter": {
      const where = `${connection.displayName} on ${hostOf(connection.url)}`;
      switch (connection.phase) {
        case "connecting":
          return `${where} · Connecting…`;
        case "connected":
          return where;
        case "reconnecting":
          return `${where} · Reconnecting…`;
        case "down":
          return `${where} · disconnected`;
        default: {
          const never: never = connection.phase;
          return never;
        }
      }
    }
    default: {
      const never: never = connection;
      return never;
    }
  }
}

function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname === "/" ? parsed.host : `${parsed.host}${parsed.pathname.replace(/\/$/, "")}`;
  } catch {
    return url;
  }
}

export function createKernelSwitch(options: KernelSwitchOptions): KernelSwitch {
  const state = createStore<KernelSwitchState>(() => ({
    connection: { kind: "browser", isolated: options.isolated },
    pending: null,
    problem: null,
  }));
  let store: NotebookStore | null = null;
  let kernelReset: () => void = () => undefined;
  let current: Backend | null = null;
  /** Bumped by every switch, so a slow `toJupyter` that lost the race does not switch. */
  let generation = 0;
  /** Messages from a kernel that is not current (an old one, or one still starting) are dropped. */
  const receiverFor =
    (backend: () => Backend | null): Receive =>
    (message) => {
      if (backend() === current && current !== null) store?.getState().receive(message);
    };

  function setJupyterPhase(phase: JupyterPhase, problem: JupyterProblem | null): void {
    state.setState((s) =>
      s.connection.kind === "jupyter" ? { connection: { ...s.connection, phase }, problem } : {},
    );
  }

  /** Cancels the store's runs (their cells keep text, lose the run) and installs `next`. */
  function install(next: Backend): void {
    const old = current;
    current = next;
    old?.dispose();
    const s = store?.getState();
    if (s !== undefined) {
      for (const run of s.kernel.runs) s.receive({ op: "aborted", runId: run.runId });
    }
    kernelReset();
  }

  function startBrowser(): void {
    let backend: Backend | null = null;
    backend = options.browser(
      receiverFor(() => backend),
      (reason) => {
        if (backend === current) store?.getState().crashed(reason);
      },
    );
    install(backend);
  }

  const port: KernelPort = {
    execute: (runId, cellId, code) => current?.execute(runId, cellId, code),
    reset: () => current?.reset(),
    restart: () => current?.restart(),
    drop: (runIds) => current?.drop(runIds),
    interruptKeepingState: (upTo) => current?.interruptKeepingState(upTo) ?? false,
    answerInput: (text) => current?.answerInput?.(text),
  };

  return {
    port,
    state,
    bind(notebook, reset) {
      store = notebook;
      kernelReset = reset;
      startBrowser();
    },
    toBrowser() {
      generation++;
      state.setState({
        connection: { kind: "browser", isolated: options.isolated },
        pending: null,
        problem: null,
      });
      startBrowser();
    },
    async toJupyter(target) {
      const mine = ++generation;
      state.setState({ pending: { url: target.url, displayName: target.displayName }, problem: null });
      /** This kernel once it is in use (wrapped as a `Backend`); until then null. */
      let kernel: Backend | null = null;
      const onEvent = (event: JupyterEvent): void => {
        if (kernel !== current) return;
        switch (event.kind) {
          case "connected":
            setJupyterPhase("connected", null);
            return;
          case "reconnecting":
            setJupyterPhase(
              "reconnecting",
              connectionProblem("reconnecting", target.url, event.serverAnswers),
            );
            return;
          case "lost":
            setJupyterPhase("down", connectionProblem("lost", target.url, null));
            store?.getState().crashed("the connection to the Jupyter server was lost");
            return;
          case "dead":
            setJupyterPhase("down", connectionProblem("dead", target.url, null));
            store?.getState().crashed("the kernel on the Jupyter server died");
            return;
          case "failed":
            setJupyterPhase(
              "down",
              describeJupyterError(event.error, target.url, options.origin, target.spec),
            );
            store?.getState().crashed("the Jupyter server could not start the kernel");
            return;
          default: {
            const never: never = event;
            throw new Error(`unknown Jupyter event ${JSON.stringify(never)}`);
          }
        }
      };
      const forward = receiverFor(() => kernel);
      const created: JupyterKernel = options.jupyter(
        target,
        (message) => {
          // A new kernel after a restart: the connection is up again.
          if (message.op === "ready" && kernel === current) setJupyterPhase("connected", null);
          forward(message);
        },
        onEvent,
      );
      try {
        await created.ready;
      } catch (error: unknown) {
        void created.shutdown();
        const problem = describeJupyterError(error, target.url, options.origin, target.spec);
        if (mine === generation) state.setState({ pending: null, problem });
        return problem;
      }
      if (mine !== generation) {
        void created.shutdown();
        return null;
      }
      kernel = { ...created, dispose: () => void created.shutdown() };
      install(kernel);
      state.setState({
        connection: {
          kind: "jupyter",
          url: target.url,
          spec: target.spec,
          displayName: target.displayName,
          phase: "connected",
        },
        pending: null,
        problem: null,
      });
      // Its `ready` came while it was not in use yet.
      store?.getState().receive({ op: "ready" });
      return null;
    },
    dismissProblem() {
      state.setState({ problem: null });
    },
  };
}
