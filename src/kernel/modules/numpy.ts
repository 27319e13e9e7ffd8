/**
 * The numpy binding of the kernel: `import numpy as np` (module factory),
 * `numpy.random`, ndarray/numpy-scalar attribute lookup for the interpreter,
 * the session's numpy type objects and print options.
 *
 * Implementation lives in `./numpy/`: `module.ts` (the np namespace),
 * `random.ts`, `methods.ts` (ndarray attributes), `ops.ts` (operations shared
 * by functions and methods), `types.ts` (scalar types, dtype objects),
 * `convert.ts` (PyValue <-> array library), `printoptions.ts`.
 */
export { arrayGetattr, scalarGetattr } from "./numpy/methods.ts";
export { numpyModule, numpyRandomModule } from "./numpy/module.ts";
export { printOptionsKey } from "./numpy/printoptions.ts";
export { randomStateKey } from "./numpy/random.ts";
export { DTypeObject, dtypeArg, NpScalarType, numpyTypeOf, numpyTypes } from "./numpy/types.ts";
export { toNDArray, toOperand, wrap } from "./numpy/convert.ts";
