import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { build, type Plugin } from "vite";
import { defineConfig } from "vitest/config";
import { CACHE_PREFIX, ISOLATION_HEADERS, precacheFiles } from "./src/sw/precache.ts";

// Cross-origin isolation (shared memory between the page and its workers:
// interrupt, blocking input/sleep, a second compute thread). Static hosts that
// send no headers get them from the service worker instead.
const isolation = {
  "Cross-Origin-Opener-Policy": ISOLATION_HEADERS["Cross-Origin-Opener-Policy"] ?? "",
  "Cross-Origin-Embedder-Policy": ISOLATION_HEADERS["Cross-Origin-Embedder-Policy"] ?? "",
};

/** Every file under `dir`, as a path relative to it with `/` separators. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split("\\").join("/"));
}

/**
 * Emits `sw.js` (src/sw/sw.ts, bundled on its own as a classic script) with the precache list
 * of this build and a version: a hash of every precached file's name and bytes. Runs after
 * every other plugin has emitted its files (index.html, the kernel worker's chunks).
 */
function serviceWorker(): Plugin {
  let publicDir = "";
  return {
    name: "initlab-service-worker",
    apply: "build",
    configResolved(config) {
      publicDir = config.publicDir;
    },
    generateBundle: {
      order: "post",
      async handler(_options, bundle) {
        const contents = new Map<string, string | Uint8Array>();
        for (const [name, item] of Object.entries(bundle)) {
          contents.set(name, item.type === "chunk" ? item.code : item.source);
        }
        if (publicDir !== "") {
          for (const name of filesUnder(publicDir)) contents.set(name, readFileSync(join(publicDir, name)));
        }
        const files = precacheFiles([...contents.keys()]);
        const hash = createHash("sha256");
        for (const name of files)
          hash
            .update(`${name}\0`)
            .update(contents.get(name) ?? "")
            .update("\0");
        const cache = `${CACHE_PREFIX}${hash.digest("hex").slice(0, 16)}`;
        const output = await build({
          configFile: false,
          logLevel: "warn",
          publicDir: false,
          define: { __INITLAB_SW__: JSON.stringify({ cache, files }) },
          build: {
            write: false,
            target: "es2022",
            lib: {
              entry: resolve(import.meta.dirname, "src/sw/sw.ts"),
              formats: ["iife"],
              name: "initlabSw",
            },
          },
        });
        const chunk = (Array.isArray(output) ? output : [output])
          .flatMap((o) => ("output" in o ? o.output : []))
          .find((o) => o.type === "chunk");
        if (chunk === undefined || chunk.type !== "chunk")
          this.error("the service worker build emitted no chunk");
        this.emitFile({ type: "asset", fileName: "sw.js", source: chunk.code });
      },
    },
  };
}

// `base: "./"` makes the build work from any static host under any path.
export default defineConfig({
  base: "./",
  server: { headers: isolation },
  preview: { headers: isolation },
  plugins: [react(), serviceWorker()],
  worker: { format: "es" },
  build: { target: "es2022", chunkSizeWarningLimit: 4000 },
  test: {
    include: ["src/**/*.test.ts", "tests/unit/**/*.test.ts", "tests/golden/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
  },
});
