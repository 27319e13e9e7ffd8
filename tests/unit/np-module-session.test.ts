/**
 * Session wiring of the numpy binding: module identity (`np.random` is
 * `numpy.random`), per-session random state and print options, the clock
 * behind `time.perf_counter`, and `type()`/`isinstance` type objects.
 */
import { describe, expect, it } from "vitest";
import { NDArray } from "../../src/kernel/nd/ndarray.ts";
import { numpyTypeOf, numpyTypes } from "../../src/kernel/modules/numpy.ts";
import { NpScalar, PyFloat, PyTuple, pyRepr } from "../../src/kernel/py/values.ts";
import { attr, call, makeContext } from "./np-module-helpers.ts";

describe("numpy module wiring", () => {
  it("np.random and import numpy.random are one module object", () => {
    const ctx = makeContext();
    const np = ctx.importModule("numpy");
    const sub = ctx.importModule("numpy.random");
    expect(np.attrs.get("random")).toBe(sub);
  });

  it("np.newaxis is present and is None", () => {
    const ctx = makeContext();
    const np = ctx.importModule("numpy");
    expect(np.attrs.has("newaxis")).toBe(true);
    expect(np.attrs.get("newaxis")).toBeNull();
  });

  it("random state belongs to the session: draws in one do not advance the other", () => {
    const a = makeContext();
    const b = makeContext();
    call(a, "numpy.random.seed", [0]);
    call(b, "numpy.random.seed", [0]);
    call(a, "numpy.random.rand", [5]);
    const fromB = call(b, "numpy.random.rand", []);
    call(a, "numpy.random.seed", [0]);
    const fromA = call(a, "numpy.random.rand", []);
    expect(fromB).toEqual(fromA);
  });

  it("print options belong to the session", () => {
    const a = makeContext();
    const b = makeContext();
    call(a, "numpy.set_printoptions", [], { precision: 2 });
    const x = call(a, "numpy.array", [new PyTuple([new PyFloat(1 / 3)])]);
    expect(pyRepr(x, a)).not.toBe(pyRepr(x, b));
    call(a, "numpy.set_printoptions", [], { precision: 8 });
    expect(pyRepr(x, a)).toBe(pyRepr(x, b));
  });

  it("set_printoptions rejects options this notebook does not implement", () => {
    const ctx = makeContext();
    expect(() => call(ctx, "numpy.set_printoptions", [], { formatter: new PyTuple([]) })).toThrow(
      /not supported in this notebook/,
    );
  });

  it("out= is rejected with a clear error rather than ignored", () => {
    const ctx = makeContext();
    const a = call(ctx, "numpy.ones", [3]);
    expect(() => call(ctx, "numpy.sum", [a], { out: a })).toThrow(/out= argument is not supported/);
    expect(() => call(ctx, "numpy.tanh", [a], { out: a })).toThrow(/out= argument is not supported/);
  });

  it("time.perf_counter reads the session clock in seconds", () => {
    const ctx = makeContext();
    ctx.clock = 1500;
    expect(call(ctx, "time.perf_counter", [])).toEqual(new PyFloat(1.5));
    ctx.clock = 4000;
    expect(call(ctx, "time.perf_counter", [])).toEqual(new PyFloat(4));
  });

  it("type objects are per session and shared by type() and the module", () => {
    const ctx = makeContext();
    const t = numpyTypes(ctx);
    expect(attr(ctx, "numpy.float64")).toBe(t.scalar.float64);
    expect(attr(ctx, "numpy.ndarray")).toBe(t.ndarray);
    expect(numpyTypeOf(ctx, new NpScalar("int64", 3))).toBe(attr(ctx, "numpy.int64"));
    expect(numpyTypeOf(ctx, NDArray.zeros([2]))).toBe(t.ndarray);
    expect(numpyTypeOf(ctx, 3)).toBeUndefined();
    expect(numpyTypes(makeContext()).ndarray).not.toBe(t.ndarray);
    expect(t.ndarray.isInstance(NDArray.zeros([1]))).toBe(true);
    expect(t.scalar.float64.isInstance(new NpScalar("float32", 1))).toBe(false);
  });
});
