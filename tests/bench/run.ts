/**
 * `npm run bench`: runs every tests/bench/*.bench.ts in turn. Each file
 * exports `async function run(): Promise<void>` that prints its own lines.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .sort();

for (const file of files) {
  console.log(`# ${file}`);
  const mod: unknown = await import(pathToFileURL(`${dir}${file}`).href);
  // Validated boundary: a bench module must export run().
  if (typeof mod !== "object" || mod === null || !("run" in mod) || typeof mod.run !== "function") {
    throw new Error(`${file} does not export run()`);
  }
  await mod.run();
}
