/**
 * Starts a real `jupyter-server` on 127.0.0.1 at a free port with a random
 * token and a temp root dir, and stops it by its process id. The flags are the
 * ones README.md gives a teacher (token auth needs no XSRF switch-off). Debian's
 * jupyter-server runs with Debian's python (/usr/bin/python3), whose
 * ipykernel, numpy and matplotlib the `python3` kernel spec uses.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const JUPYTER_SERVER = "/usr/bin/jupyter-server";
export const haveJupyter = existsSync(JUPYTER_SERVER);

export interface RunningServer {
  url: string;
  token: string;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export async function startJupyter(allowOrigin = "*"): Promise<RunningServer> {
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const root = mkdtempSync(join(tmpdir(), "initlab-jupyter-"));
  const child: ChildProcess = spawn(
    JUPYTER_SERVER,
    [
      "--no-browser",
      "--allow-root",
      "--ip=127.0.0.1",
      `--port=${port}`,
      `--ServerApp.token=${token}`,
      `--ServerApp.allow_origin=${allowOrigin}`,
      `--ServerApp.root_dir=${root}`,
    ],
    // Debian's python first, so the kernel spec's `python3` is /usr/bin/python3.
    { env: { ...process.env, PATH: `/usr/bin:${process.env.PATH ?? ""}` }, stdio: "ignore" },
  );
  const url = `http://127.0.0.1:${port}/`;
  const stop = () => {
    if (child.pid !== undefined) child.kill("SIGTERM");
    rmSync(root, { recursive: true, force: true });
  };
  for (let i = 0; i < 150; i++) {
    try {
      const res = await fetch(`${url}api/status?token=${token}`);
      if (res.ok) return { url, token, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error("jupyter-server did not start in 30 s");
}
