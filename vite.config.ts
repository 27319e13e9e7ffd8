import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// `base: "./"` makes the build work from any static host under any path.
export default defineConfig({
  base: "./",
  plugins: [react()],
  worker: { format: "es" },
  build: { target: "es2022", chunkSizeWarningLimit: 4000 },
  test: {
    include: ["src/**/*.test.ts", "tests/unit/**/*.test.ts", "tests/golden/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
  },
});
