/**
 * The session's numpy print options and `np.set_printoptions` /
 * `np.get_printoptions`.
 *
 * The options live in a session slot (`printOptionsKey`): the session's
 * `ctx.formatArray` reads `ctx.slot(printOptionsKey)` so that
 * `np.set_printoptions(precision=3)` changes how later cells print arrays.
 */
import {
  defaultPrintOptions,
  type FloatMode,
  type PrintOptions,
  type SignMode,
  setPrintOptions,
} from "../../nd/format.ts";
import {
  type KernelContext,
  type PyDict,
  PyFloat,
  type PyValue,
  pyDict,
  raise,
  SlotKey,
  typeName,
} from "../../py/values.ts";
import { flagArg, intArg } from "./convert.ts";
import { type Bound, fn } from "./ops.ts";

/** The per-session print options (numpy's defaults until `set_printoptions`). */
export const printOptionsKey = new SlotKey<PrintOptions>("numpy.printoptions", () => defaultPrintOptions());

const floatModes: readonly FloatMode[] = ["fixed", "unique", "maxprec", "maxprec_equal"];
const signModes: readonly SignMode[] = ["-", "+", " "];

function intOption(name: string, v: PyValue): number {
  if (v instanceof PyFloat) {
    if (name === "threshold") return v.v;
    return raise("TypeError", `${name} must be an integer`);
  }
  return intArg(v);
}

const setParams = [
  "precision?",
  "threshold?",
  "edgeitems?",
  "linewidth?",
  "suppress?",
  "nanstr?",
  "infstr?",
  "formatter?",
  "sign?",
  "floatmode?",
  "*",
  "legacy?",
  "override_repr?",
];

function setOptions(ctx: KernelContext, v: Bound): PyValue {
  const [
    precision,
    threshold,
    edgeitems,
    linewidth,
    suppress,
    nanstr,
    infstr,
    formatter,
    sign,
    floatmode,
    legacy,
  ] = v;
  const unsupported: [string, PyValue | undefined][] = [
    ["nanstr", nanstr],
    ["infstr", infstr],
    ["formatter", formatter],
    ["legacy", legacy],
  ];
  for (const [name, value] of unsupported) {
    if (value !== undefined && value !== null) {
      raise("NotImplementedError", `set_printoptions(${name}=...) is not supported in this notebook`);
    }
  }
  const changes: Partial<PrintOptions> = {};
  if (precision !== undefined && precision !== null) changes.precision = intOption("precision", precision);
  if (threshold !== undefined && threshold !== null) changes.threshold = intOption("threshold", threshold);
  if (edgeitems !== undefined && edgeitems !== null) changes.edgeitems = intOption("edgeitems", edgeitems);
  if (linewidth !== undefined && linewidth !== null) changes.linewidth = intOption("linewidth", linewidth);
  if (suppress !== undefined && suppress !== null) changes.suppress = flagArg(suppress, false);
  if (sign !== undefined && sign !== null) {
    const s = signModes.find((m) => m === sign);
    if (s === undefined) return raise("ValueError", "sign option must be one of ' ', '+', or '-'");
    changes.sign = s;
  }
  if (floatmode !== undefined && floatmode !== null) {
    const m = floatModes.find((x) => x === floatmode);
    if (m === undefined) {
      const text = typeof floatmode === "string" ? `"${floatmode}"` : typeName(floatmode);
      return raise(
        "ValueError",
        `floatmode option must be one of "fixed", "unique", "maxprec", "maxprec_equal", got ${text}`,
      );
    }
    changes.floatmode = m;
  }
  setPrintOptions(ctx.slot(printOptionsKey), changes);
  return null;
}

/** `np.get_printoptions()`: a dict with numpy's keys in numpy's order. */
function getOptions(ctx: KernelContext): PyDict {
  const o = ctx.slot(printOptionsKey);
  return pyDict([
    ["edgeitems", o.edgeitems],
    ["threshold", o.threshold],
    ["floatmode", o.floatmode],
    ["precision", o.precision],
    ["suppress", o.suppress],
    ["linewidth", o.linewidth],
    ["nanstr", "nan"],
    ["infstr", "inf"],
    ["sign", o.sign],
    ["formatter", null],
    ["legacy", false],
    ["override_repr", null],
  ]);
}

/** The `set_printoptions` and `get_printoptions` functions of the numpy module. */
export function printOptionFunctions(): Record<string, PyValue> {
  return {
    set_printoptions: fn("set_printoptions", setParams, (v, ctx) => setOptions(ctx, v)),
    get_printoptions: fn("get_printoptions", [], (_v, ctx) => getOptions(ctx)),
  };
}
