/**
 * Python's `time` module: `perf_counter`, `time`, `sleep` (the subset lessons use).
 *
 * `perf_counter()` reads the session clock (`ctx.now()`, milliseconds from an
 * arbitrary origin) and returns seconds as a float. `sleep(s)` validates its
 * argument (CPython's errors), then blocks through the host (`ctx.sleep`): the
 * worker waits on shared memory and wakes early on an interrupt; a host that
 * cannot block returns at once.
 */
import { NDArray } from "../nd/ndarray.ts";
import {
  type KernelContext,
  type Kwargs,
  makeBuiltin,
  makeModule,
  NpScalar,
  PyFloat,
  type PyModule,
  type PyValue,
  pyFloat,
  raise,
  typeName,
} from "../py/values.ts";

function noArgs(name: string, args: readonly PyValue[], kwargs: Kwargs | null): void {
  if (kwargs !== null && kwargs.size > 0) raise("TypeError", `time.${name}() takes no keyword arguments`);
  if (args.length > 0) {
    raise("TypeError", `time.${name}() takes no arguments (${args.length} given)`);
  }
}

function sleepSeconds(v: PyValue): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof PyFloat) return v.v;
  if (v instanceof NpScalar) return v.value;
  if (v instanceof NDArray && v.ndim === 0) return v.data[v.offset] ?? 0;
  return raise("TypeError", `'${typeName(v)}' object cannot be interpreted as an integer`);
}

/** The `time` module (factory for the module registry; the clock comes from the context). */
export function timeModule(ctx: KernelContext): PyModule {
  return makeModule("time", {
    perf_counter: makeBuiltin("perf_counter", (args, kwargs, c) => {
      noArgs("perf_counter", args, kwargs);
      return pyFloat(c.now() / 1000);
    }),
    time: makeBuiltin("time", (args, kwargs) => {
      noArgs("time", args, kwargs);
      // Wall-clock seconds since the epoch; the one place the kernel reads the date.
      return pyFloat(Date.now() / 1000);
    }),
    sleep: makeBuiltin("sleep", (args, kwargs) => {
      if (kwargs !== null && kwargs.size > 0)
        return raise("TypeError", "time.sleep() takes no keyword arguments");
      if (args.length !== 1) {
        return raise("TypeError", `time.sleep() takes exactly one argument (${args.length} given)`);
      }
      const s = sleepSeconds(args[0] ?? null);
      if (Number.isNaN(s)) return raise("ValueError", "Invalid value NaN (not a number)");
      if (s < 0) return raise("ValueError", "sleep length must be non-negative");
      ctx.sleep(s);
      return null;
    }),
    monotonic: makeBuiltin("monotonic", (args, kwargs) => {
      noArgs("monotonic", args, kwargs);
      return pyFloat(ctx.now() / 1000);
    }),
  });
}
