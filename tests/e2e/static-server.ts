/**
 * A plain static file server for browser tests: serves a folder (dist/) as GitHub Pages would,
 * with a content type and NO cross-origin isolation headers, so the page has to get them from
 * the service worker. `transform` may rewrite a file's bytes per request (a new deploy) or
 * answer 404 (null); `down` makes every request fail at the network level.
 */
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { extname, join, normalize } from "node:path";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".ipynb": "application/x-ipynb+json",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".wasm": "application/wasm",
};

export interface StaticServer {
  readonly url: string;
  /** While true, every request is dropped (the connection is destroyed, as when the host is unreachable). */
  down: boolean;
  stop(): Promise<void>;
}

export interface StaticOptions {
  /** The folder the files are served under, e.g. "/initlab/" as on a GitHub Pages project site ("/" by default). */
  prefix?: string;
  /** The bytes to send for `path` (relative, e.g. "sw.js"), or null for a 404. */
  transform?: (path: string, body: Buffer) => Buffer | null;
}

export async function startStaticServer(root: string, options: StaticOptions = {}): Promise<StaticServer> {
  const state = { down: false };
  const server: Server = createServer((request, response) => {
    if (state.down) {
      request.socket.destroy();
      return;
    }
    void (async () => {
      const prefix = options.prefix ?? "/";
      const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
      if (!pathname.startsWith(prefix)) {
        response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
        return;
      }
      let path = normalize(pathname.slice(prefix.length - 1)).replace(/^[/\\]+/, "");
      if (path === "" || path.endsWith("/")) path += "index.html";
      if (path.startsWith("..")) {
        response.writeHead(403).end();
        return;
      }
      let body: Buffer | null;
      try {
        body = await readFile(join(root, path));
      } catch {
        body = null;
      }
      if (body !== null && options.transform !== undefined) body = options.transform(path, body);
      if (body === null) {
        response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
        return;
      }
      response.writeHead(200, {
        "Content-Type": TYPES[extname(path)] ?? "application/octet-stream",
        "Content-Length": body.length,
      });
      response.end(request.method === "HEAD" ? undefined : body);
    })();
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}${options.prefix ?? "/"}`,
    get down() {
      return state.down;
    },
    set down(value: boolean) {
      state.down = value;
    },
    stop: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
