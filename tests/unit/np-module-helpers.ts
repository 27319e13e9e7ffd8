/**
 * A minimal KernelContext for testing the numpy/math/time modules without
 * the interpreter: session slots, stdout capture, array formatting with the
 * session's print options, and imports through the module registry.
 */
import { arrayRepr, arrayStr } from "../../src/kernel/nd/format.ts";
import type { NDArray } from "../../src/kernel/nd/ndarray.ts";
import { importModule } from "../../src/kernel/modules/registry.ts";
import { printOptionsKey } from "../../src/kernel/modules/numpy.ts";
import {
  callValue,
  type KernelContext,
  type PyModule,
  type PyValue,
  pyRepr,
  type SlotKey,
} from "../../src/kernel/py/values.ts";

export interface TestContext extends KernelContext {
  readonly out: string[];
  clock: number;
}

export function makeContext(): TestContext {
  const slots = new Map<SlotKey<unknown>, unknown>();
  const modules = new Map<string, PyModule>();
  const ctx: TestContext = {
    out: [],
    clock: 0,
    write(text) {
      ctx.out.push(text);
    },
    display() {},
    slot<T>(key: SlotKey<T>): T {
      if (!slots.has(key)) slots.set(key, key.init(ctx));
      // The map holds exactly the value `key.init` produced for this key.
      return slots.get(key) as T;
    },
    onCellEnd() {},
    sleep() {},
    readLine: () => null,
    formatArray(a: NDArray, mode: "repr" | "str") {
      const o = ctx.slot(printOptionsKey);
      return mode === "repr" ? arrayRepr(a, o) : arrayStr(a, o);
    },
    now() {
      return ctx.clock;
    },
    importModule(name) {
      return importModule(name, ctx, modules);
    },
  };
  return ctx;
}

/** `getattr(module, dotted.path)`. */
export function attr(ctx: KernelContext, path: string): PyValue {
  const [mod, ...rest] = path.split(".");
  let v: PyValue = ctx.importModule(mod ?? "");
  for (const name of rest) {
    if (!(v !== null && typeof v === "object" && "attrs" in v && v.attrs instanceof Map)) {
      throw new Error(`${path}: not a module at ${name}`);
    }
    const next: PyValue | undefined = v.attrs.get(name);
    if (next === undefined) throw new Error(`${path}: no attribute ${name}`);
    v = next;
  }
  return v;
}

/** Calls `module.fn(*args, **kwargs)` and returns the repr of the result. */
export function call(
  ctx: KernelContext,
  path: string,
  args: PyValue[],
  kwargs?: Record<string, PyValue>,
): PyValue {
  return callValue(ctx, attr(ctx, path), args, kwargs ? new Map(Object.entries(kwargs)) : null);
}

export function reprOf(ctx: KernelContext, v: PyValue): string {
  return pyRepr(v, ctx);
}
