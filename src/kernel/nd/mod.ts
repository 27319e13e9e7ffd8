/**
 * The numpy-compatible array library: every public name of src/kernel/nd.
 * The interpreter's numpy module binds to these.
 */
export * from "./broadcast.ts";
export * from "./creation.ts";
export * from "./dtype.ts";
export * from "./errors.ts";
export * from "./linalg.ts";
export * from "./manip.ts";
export * from "./matmul-kernel.ts";
export * from "./ndarray.ts";
export * from "./reduce.ts";
export * from "./ufunc.ts";
export * from "./indexing.ts";
export * from "./random.ts";
export * from "./stats.ts";
export * from "./format.ts";
export * from "./matmul-wasm.ts";
