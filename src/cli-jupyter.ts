/**
 * `initlab run FILE --kernel jupyter --url URL --token T [--spec NAME]`: the
 * notebook's code cells run in order on a Jupyter server's kernel, through the
 * same `createJupyterKernel` and notebook store as the page, so
 * `clear_output` and `update_display_data` leave the outputs the page shows.
 */
import { ServerConnection } from "@jupyterlab/services";
import WebSocket from "ws";
import { createJupyterKernel, listKernelSpecs } from "./notebook/jupyter-kernel.ts";
import type { NotebookDoc } from "./notebook/model.ts";
import { createNotebookStore, type NotebookStore } from "./notebook/store.ts";
import type { Output } from "./protocol.ts";

export interface JupyterRunArgs {
  url: string;
  token: string;
  spec: string;
  allowErrors: boolean;
}

// `ws` is Node's WebSocket; its type differs from the DOM one only in extras the client does not use.
const NodeWebSocket = WebSocket as unknown as typeof globalThis.WebSocket;

/**
 * Silences `@jupyterlab/services`' console chatter ("Starting WebSocket",
 * "Kernel: dead" on shutdown, logged parse errors) so that stdout holds only
 * the notebook's outputs; our own messages go through `fail`. INITLAB_DEBUG=1 keeps it.
 */
function quietConsole(): () => void {
  if (process.env.INITLAB_DEBUG) return () => {};
  const saved = { ...console };
  const quiet = () => {};
  console.debug = quiet;
  console.log = quiet;
  console.info = quiet;
  console.warn = quiet;
  console.error = quiet;
  return () => Object.assign(console, saved);
}

/** Why the server cannot run the notebook, as one line, or null when it can. */
export async function serverProblem(url: string, token: string, spec: string): Promise<string | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `--url ${url} is not a URL; give the server's address, such as http://127.0.0.1:8888/`;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    return `--url ${url} must start with http:// or https://`;
  let specs: { name: string }[];
  try {
    specs = await listKernelSpecs(url, token, NodeWebSocket);
  } catch (e) {
    if (e instanceof ServerConnection.ResponseError) {
      const status = e.response.status;
      if (status === 401 || status === 403)
        return `the Jupyter server at ${url} refused the token (HTTP ${status}); check --token`;
      if (status === 404)
        return `${url} has no Jupyter API (HTTP 404 for api/kernelspecs); check --url (on JupyterHub it ends in /user/NAME/)`;
      return `the Jupyter server at ${url} answered HTTP ${status} (${e.message})`;
    }
    const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : "";
    if (e instanceof ServerConnection.NetworkError || e instanceof TypeError)
      return `cannot reach a Jupyter server at ${url} (${e.message}${cause}); is it running, and is --url right?`;
    return `the Jupyter server at ${url} failed: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (!specs.some((s) => s.name === spec)) {
    const names = specs.map((s) => s.name).join(", ") || "none";
    return `the Jupyter server at ${url} has no kernel spec "${spec}" (it has: ${names}); choose one with --spec`;
  }
  return null;
}

/** Resolves when the store has no run left, with whether the last one ended without error. */
function settled(store: NotebookStore, cellId: string): Promise<boolean> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const s = store.getState();
      if (s.kernel.runs.length > 0) return false;
      resolve(s.cells[cellId]?.run.ok === true);
      return true;
    };
    if (check()) return;
    const unsubscribe = store.subscribe(() => {
      if (check()) unsubscribe();
    });
  });
}

/**
 * Runs the notebook's code cells on the server, one at a time, writing each
 * cell's outputs into `doc` and passing them to `write`. Returns the exit code:
 * 0, 1 at the first error (unless `allowErrors`), 2 when the server cannot run it.
 */
export async function runNotebookOnJupyter(
  doc: NotebookDoc,
  args: JupyterRunArgs,
  write: (outputs: readonly Output[]) => void,
  fail: (message: string) => void,
): Promise<number> {
  const restore = quietConsole();
  try {
    return await runQuietly(doc, args, write, fail);
  } finally {
    restore();
  }
}

async function runQuietly(
  doc: NotebookDoc,
  args: JupyterRunArgs,
  write: (outputs: readonly Output[]) => void,
  fail: (message: string) => void,
): Promise<number> {
  const problem = await serverProblem(args.url, args.token, args.spec);
  if (problem !== null) {
    fail(problem);
    return 2;
  }
  let store: NotebookStore | null = null;
  let lost: string | null = null;
  const kernel = createJupyterKernel(
    { url: args.url, token: args.token, spec: args.spec, WebSocket: NodeWebSocket },
    (message) => store?.getState().receive(message),
  );
  store = createNotebookStore({ kernel, nextFrame: null });
  store.getState().load(doc);
  try {
    await kernel.ready;
  } catch (e) {
    fail(`the Jupyter server at ${args.url} could not start a "${args.spec}" kernel: ${String(e)}`);
    return 2;
  }
  let code = 0;
  try {
    for (const [index, cell] of doc.cells.entries()) {
      if (cell.cell_type !== "code") continue;
      store.getState().run(cell.id);
      const ok = await settled(store, cell.id);
      const state = store.getState().cells[cell.id];
      cell.outputs = state?.doc.outputs ?? [];
      cell.execution_count = state?.doc.execution_count ?? null;
      write(cell.outputs);
      if (!ok && !cell.outputs.some((o) => o.output_type === "error")) {
        // No reply and no traceback: the kernel went away under the cell (nbclient's DeadKernelError).
        lost = `cell ${index + 1} did not finish: the kernel died or was restarted, so its variables are gone`;
        code = 1;
        break;
      }
      if (!ok && !args.allowErrors) {
        code = 1;
        break;
      }
    }
  } finally {
    await kernel.shutdown().catch(() => undefined);
  }
  if (lost !== null) fail(lost);
  return code;
}
