/**
 * What went wrong with a Jupyter server, in words a teacher can act on. Each kind is
 * one failure the page tells apart; the message names the server and the fix.
 */
import { ServerConnection } from "@jupyterlab/services";

export type JupyterProblemKind =
  /** The address does not parse as an http(s) URL. */
  | "bad-url"
  /** Something answers, but not a Jupyter server's REST API (404, HTML, bad JSON). */
  | "not-jupyter"
  /** 401/403: the token is wrong or missing. */
  | "token"
  /** fetch failed: nothing listens there, the network is down, or CORS refused this page's origin. */
  | "unreachable"
  /** The server answered but could not start the kernel spec. */
  | "kernel-start"
  /** The WebSocket dropped; the kernel connection is reconnecting with backoff. */
  | "reconnecting"
  /** Reconnecting gave up. */
  | "lost"
  /** The kernel process died (or the server restarted it): its variables are gone. */
  | "dead";

export interface JupyterProblem {
  kind: JupyterProblemKind;
  message: string;
}

/** The base URL with one trailing slash, or null when `text` is not an http(s) address. */
export function normaliseServerUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  // The address jupyter prints may carry ?token=… and a /lab or /tree page; the API lives at the base.
  url.search = "";
  url.hash = "";
  url.pathname = url.pathname.replace(/\/(lab|tree|notebooks)(\/.*)?$/, "/");
  const base = url.toString();
  return base.endsWith("/") ? base : `${base}/`;
}

/** The token in an address such as `http://127.0.0.1:8888/lab?token=abc`, if any. */
export function tokenInUrl(text: string): string | null {
  try {
    return new URL(text.trim()).searchParams.get("token");
  } catch {
    return null;
  }
}

function isLocal(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
  } catch {
    return false;
  }
}

/**
 * The problem behind an error from `@jupyterlab/services` (a REST call to `url`).
 * `origin` is the page's origin, which the server must allow for CORS.
 */
export function describeJupyterError(error: unknown, url: string, origin: string, spec = ""): JupyterProblem {
  if (error instanceof ServerConnection.ResponseError) {
    const status = error.response.status;
    if (status === 401 || status === 403) {
      return {
        kind: "token",
        message: `The Jupyter server at ${url} refused the token (${status} ${status === 403 ? "Forbidden" : "Unauthorized"}). Use the token from the address jupyter server printed (…?token=…).`,
      };
    }
    if (spec !== "" && status !== 404) {
      return {
        kind: "kernel-start",
        message: `The Jupyter server at ${url} could not start the kernel "${spec}" (${status}): ${error.message}`,
      };
    }
    return {
      kind: "not-jupyter",
      message: `No Jupyter server answers at ${url} (${status} for its REST API). Check the address: the one jupyter server printed, without /lab or /tree.`,
    };
  }
  if (error instanceof ServerConnection.NetworkError || error instanceof TypeError) {
    const mixed =
      origin.startsWith("https:") && url.startsWith("http:") && !isLocal(url)
        ? " This page is https, so the browser also blocks a plain http:// server that is not on this computer."
        : "";
    return {
      kind: "unreachable",
      message: `Could not reach the Jupyter server at ${url}: it is not running there, the network is down, or it refuses this page's origin (CORS). Start it with --ServerApp.allow_origin=${origin}.${mixed}`,
    };
  }
  return {
    kind: "not-jupyter",
    message: `The server at ${url} did not answer like a Jupyter server (${error instanceof Error ? error.message : String(error)}). Check the address.`,
  };
}

export function badUrlProblem(text: string): JupyterProblem {
  return {
    kind: "bad-url",
    message: `"${text}" is not a server address. Use the one jupyter server printed, such as http://127.0.0.1:8888/.`,
  };
}

export function connectionProblem(
  kind: "reconnecting" | "lost" | "dead",
  url: string,
  serverAnswers: boolean | null,
): JupyterProblem {
  switch (kind) {
    case "reconnecting":
      return {
        kind,
        message:
          serverAnswers === false
            ? `The Jupyter server at ${url} does not answer (it stopped, or the network is down). Reconnecting… The notebook is unchanged.`
            : `The connection to the Jupyter server at ${url} dropped. Reconnecting… The notebook is unchanged.`,
      };
    case "lost":
      return {
        kind,
        message: `Gave up reconnecting to the Jupyter server at ${url}. The notebook is unchanged; Restart kernel tries the server again.`,
      };
    case "dead":
      return {
        kind,
        message: `The kernel on the Jupyter server at ${url} died or was restarted by the server: its variables are gone. The notebook is unchanged; run the cells again.`,
      };
    default: {
      const never: never = kind;
      return never;
    }
  }
}
