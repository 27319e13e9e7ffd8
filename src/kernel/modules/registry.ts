/**
 * The importable modules: dotted import name -> factory `(ctx) => PyModule`.
 *
 * A factory runs once per session, on the first import of its name; the
 * session keeps the module cache, so module state never outlives a session.
 * Importing `a.b` first imports `a` and then sets `a.b` as an attribute of
 * `a`, as Python does.
 *
 * To add a module: write its factory in `src/kernel/modules/<name>.ts` and
 * add one entry to `factories` below.
 */
import { raise } from "../py/errors.ts";
import type { KernelContext, PyModule } from "../py/values.ts";
import { mathModule } from "./math.ts";
import { numpyModule, numpyRandomModule } from "./numpy.ts";
import { matplotlibModule, pyplotModule } from "./pyplot/module.ts";
import { timeModule } from "./time.ts";

export type ModuleFactory = (ctx: KernelContext) => PyModule;

/** What the ModuleNotFoundError message tells the user is available. */
export const PROVIDED_TEXT = "numpy, matplotlib.pyplot, math and time";

const factories: ReadonlyMap<string, ModuleFactory> = new Map<string, ModuleFactory>([
  ["numpy", numpyModule],
  ["numpy.random", numpyRandomModule],
  // `import matplotlib` alone gives a package whose `pyplot` attribute appears once imported.
  ["matplotlib", matplotlibModule],
  ["matplotlib.pyplot", pyplotModule],
  ["math", mathModule],
  ["time", timeModule],
]);

/** Names that belong to the notebook's module set even when their factory is not registered. */
const planned = new Set(["numpy", "numpy.random", "matplotlib", "matplotlib.pyplot", "math", "time"]);

/** Whether `name` can be imported in this build. */
export function isImportable(name: string): boolean {
  return factories.has(name);
}

/**
 * Imports `name` (dotted) into `cache`, creating parents first.
 * Raises `ModuleNotFoundError: No module named 'os' (this notebook provides ...)`.
 */
export function importModule(name: string, ctx: KernelContext, cache: Map<string, PyModule>): PyModule {
  const cached = cache.get(name);
  if (cached) return cached;
  const dot = name.lastIndexOf(".");
  const parent = dot >= 0 ? importModule(name.slice(0, dot), ctx, cache) : null;
  const factory = factories.get(name);
  if (!factory) {
    const why = planned.has(name)
      ? "(it is not available in this build yet)"
      : `(this notebook provides ${PROVIDED_TEXT})`;
    return raise("ModuleNotFoundError", `No module named '${name}' ${why}`);
  }
  const mod = factory(ctx);
  cache.set(name, mod);
  if (parent) parent.attrs.set(name.slice(dot + 1), mod);
  return mod;
}
