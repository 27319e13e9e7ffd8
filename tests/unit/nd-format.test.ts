/**
 * numpy 2.x array/scalar printing and CPython float text, checked against
 * tests/fixtures/nd_print.json (made by tests/fixtures/gen_nd_print.py with the
 * real numpy): whole repr/str strings, compared exactly.
 */
import { describe, expect, it } from "vitest";
import {
  arrayRepr,
  arrayStr,
  defaultPrintOptions,
  type PrintOptions,
  scalarRepr,
  scalarStr,
  setPrintOptions,
} from "../../src/kernel/nd/format.ts";
import { formatFloatPositional, formatFloatScientific } from "../../src/kernel/nd/format-dragon4.ts";
import { type DType, NDArray, allocate } from "../../src/kernel/nd/ndarray.ts";
import { floatRepr, formatExp, formatFixed, formatGeneral } from "../../src/kernel/nd/pyfloat.ts";
import { fixtureNumber, readFixtureJson } from "./fixture-json.ts";

type Elem = number | boolean | string;
interface StoredArray {
  shape: number[];
  dtype: string;
  data: Elem[];
}
interface FormatCase {
  name: string;
  options: Partial<PrintOptions>;
  array: StoredArray;
  repr: string;
  str: string;
}
interface ScalarCase {
  dtype: string;
  value: Elem;
  repr: string;
  str: string;
}
interface Dragon4Case {
  x: Elem;
  x32: Elem;
  p8: string;
  s8: string;
  p3: string;
  fixed5: string;
  p32: string;
  s32: string;
}
interface PyFloatCase {
  x: Elem;
  d: number;
  repr: string;
  f: string;
  e: string;
  g: string;
  ga: string;
}
interface Fixture {
  format: FormatCase[];
  scalars: ScalarCase[];
  dragon4: Dragon4Case[];
  pyfloat: PyFloatCase[];
}

// The fixture is produced by our own generator; this is the validated boundary.
const fixture = readFixtureJson("nd_print.json") as Fixture;

function dtypeOf(name: string): DType {
  switch (name) {
    case "float64":
    case "float32":
    case "int64":
    case "bool":
      return name;
    default:
      throw new Error(`unsupported dtype ${name}`);
  }
}

function toNDArray(stored: StoredArray): NDArray {
  const dtype = dtypeOf(stored.dtype);
  const data = allocate(dtype, stored.shape);
  stored.data.forEach((v, i) => {
    data[i] = fixtureNumber(v);
  });
  return NDArray.fromData(dtype, data, stored.shape);
}

describe("arrayRepr / arrayStr match numpy", () => {
  it.each(fixture.format.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const options = defaultPrintOptions();
    setPrintOptions(options, c.options);
    const a = toNDArray(c.array);
    expect({ repr: arrayRepr(a, options), str: arrayStr(a, options) }).toEqual({ repr: c.repr, str: c.str });
  });

  it("a non-contiguous view prints its own elements", () => {
    const base = NDArray.fromData("float64", Float64Array.from([1, 2, 3, 4, 5, 6]), [2, 3]);
    // transpose view: shape (3, 2), strides (1, 3)
    const t = new NDArray("float64", base.data, [3, 2], [1, 3], 0, base);
    expect(arrayRepr(t, defaultPrintOptions())).toBe("array([[1., 4.],\n       [2., 5.],\n       [3., 6.]])");
  });

  it("setPrintOptions rejects a negative precision like numpy", () => {
    expect(() => setPrintOptions(defaultPrintOptions(), { precision: -1 })).toThrow("precision must be >= 0");
  });
});

describe("numpy scalar repr / str", () => {
  it.each(fixture.scalars.map((c) => [c.repr, c] as const))("%s", (_r, c) => {
    const dtype = dtypeOf(c.dtype);
    const x = fixtureNumber(c.value);
    expect({ repr: scalarRepr(x, dtype), str: scalarStr(x, dtype) }).toEqual({ repr: c.repr, str: c.str });
  });
});

describe("Dragon4 element formatting", () => {
  it(`matches np.format_float_positional/scientific on ${fixture.dragon4.length} values`, () => {
    const mismatches: string[] = [];
    for (const c of fixture.dragon4) {
      const x = fixtureNumber(c.x);
      const x32 = fixtureNumber(c.x32);
      const got = {
        p8: formatFloatPositional(x, "float64", { precision: 8, trim: "." }),
        s8: formatFloatScientific(x, "float64", { precision: 8, trim: "." }),
        p3: formatFloatPositional(x, "float64", { precision: 3, trim: "." }),
        fixed5: formatFloatPositional(x, "float64", {
          precision: 5,
          unique: false,
          trim: "k",
          padLeft: 4,
          padRight: 7,
        }),
        p32: formatFloatPositional(x32, "float32", { precision: 8, trim: "." }),
        s32: formatFloatScientific(x32, "float32", { trim: "0" }),
      };
      for (const [k, v] of Object.entries(got)) {
        const want = c[k as keyof typeof got]; // keys come from `got`, all present in the case
        if (v !== want) mismatches.push(`${k}(${x}): ${v} != ${want}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe("CPython float text", () => {
  it(`repr, %.*f, %.*e, %.*g, %#.*g on ${fixture.pyfloat.length} values`, () => {
    const mismatches: string[] = [];
    for (const c of fixture.pyfloat) {
      const x = fixtureNumber(c.x);
      const got = {
        repr: floatRepr(x),
        f: formatFixed(x, c.d),
        e: formatExp(x, c.d),
        g: formatGeneral(x, c.d),
        ga: formatGeneral(x, c.d, true),
      };
      for (const [k, v] of Object.entries(got)) {
        const want = c[k as keyof typeof got];
        if (v !== want) mismatches.push(`${k}(${x}, ${c.d}): ${v} != ${want}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
