import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Cross-origin isolation (shared memory between the page and its workers:
// interrupt, blocking input/sleep, a second compute thread). Static hosts that
// send no headers get them from the service worker instead.
const isolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

// `base: "./"` makes the build work from any static host under any path.
export default defineConfig({
  base: "./",
  server: { headers: isolation },
  preview: { headers: isolation },
  plugins: [react()],
  worker: { format: "es" },
  build: { target: "es2022", chunkSizeWarningLimit: 4000 },
  test: {
    include: ["src/**/*.test.ts", "tests/unit/**/*.test.ts", "tests/golden/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
  },
});
