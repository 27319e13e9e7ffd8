/**
 * A numpy object array of host objects, as `plt.subplots` returns its Axes:
 * shape (n,) or (r, c), C order. Supports what lessons do with it:
 * `axes[i, j]`, `axes[j]`, `axes[0]` (a row), `axes[:, 0]`, negative indices,
 * iteration over the first axis, `len`, `.shape/.ndim/.size`, `.flat`,
 * `.ravel()`, `.flatten()`, `.reshape()`, `.T`, `.tolist()`, and numpy's repr
 * `array([<Axes: >, <Axes: >], dtype=object)`. Not a numeric NDArray.
 */
import {
  Ellipsis,
  type KernelContext,
  makeMethod,
  NpScalar,
  PyList,
  PyObject,
  PySlice,
  PyTuple,
  type PyValue,
  pyRepr,
  raise,
  toIndex,
  toArray,
  typeName,
} from "../../py/values.ts";

/** numpy's defaults for repr line width and the separator of object arrays. */
const LINE_WIDTH = 75;

export class ObjectArray extends PyObject {
  readonly typeName = "ndarray";
  constructor(
    /** Elements in C order. */
    readonly items: readonly PyValue[],
    readonly shape: readonly number[],
  ) {
    super();
  }

  private strides(): number[] {
    return this.shape.length === 2 ? [this.shape[1] ?? 0, 1] : [1];
  }

  override len(): number {
    return this.shape[0] ?? 0;
  }

  override iter(ctx: KernelContext): Iterator<PyValue> {
    const n = this.shape[0] ?? 0;
    const rows: PyValue[] = [];
    for (let i = 0; i < n; i++) rows.push(this.index([i], ctx));
    return rows[Symbol.iterator]();
  }

  override getitem(key: PyValue, ctx: KernelContext): PyValue | undefined {
    const parts = key instanceof PyTuple ? [...key.items] : [key];
    return this.index(parts, ctx);
  }

  /** Basic indexing with ints and slices (and one `...`), numpy's IndexErrors. */
  private index(parts: PyValue[], _ctx: KernelContext): PyValue {
    const ndim = this.shape.length;
    const ell = parts.indexOf(Ellipsis);
    if (ell >= 0) {
      const fill = Math.max(0, ndim - (parts.length - 1));
      parts = [
        ...parts.slice(0, ell),
        ...Array.from({ length: fill }, () => new PySlice(null, null, null)),
        ...parts.slice(ell + 1),
      ];
    }
    if (parts.length > ndim) {
      return raise(
        "IndexError",
        `too many indices for array: array is ${ndim}-dimensional, but ${parts.length} were indexed`,
      );
    }
    const strides = this.strides();
    const axes: number[][] = [];
    const keptShape: number[] = [];
    for (let d = 0; d < ndim; d++) {
      const size = this.shape[d] ?? 0;
      const p = d < parts.length ? (parts[d] ?? null) : new PySlice(null, null, null);
      if (p instanceof PySlice) {
        const idx = sliceIndices(p, size);
        axes.push(idx);
        keptShape.push(idx.length);
      } else if (typeof p === "number" || typeof p === "boolean" || p instanceof NpScalar) {
        const i = toIndex(p);
        const j = i < 0 ? i + size : i;
        if (j < 0 || j >= size) {
          return raise("IndexError", `index ${i} is out of bounds for axis ${d} with size ${size}`);
        }
        axes.push([j]);
      } else {
        return raise(
          "IndexError",
          "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
        );
      }
    }
    const picked: PyValue[] = [];
    const walk = (d: number, offset: number): void => {
      if (d === ndim) {
        picked.push(this.items[offset] ?? null);
        return;
      }
      for (const i of axes[d] ?? []) walk(d + 1, offset + i * (strides[d] ?? 0));
    };
    walk(0, 0);
    if (keptShape.length === 0) return picked[0] ?? null;
    return new ObjectArray(picked, keptShape);
  }

  override getattr(name: string, ctx: KernelContext): PyValue | undefined {
    switch (name) {
      case "shape":
        return new PyTuple([...this.shape]);
      case "ndim":
        return this.shape.length;
      case "size":
        return this.items.length;
      case "flat":
        return new ObjectArray(this.items, [this.items.length]);
      case "T":
        return this.transposed();
      case "ravel":
      case "flatten":
        return makeMethod("ndarray", name, () => new ObjectArray(this.items, [this.items.length]));
      case "copy":
        return makeMethod("ndarray", name, () => new ObjectArray(this.items, this.shape));
      case "tolist":
        return makeMethod("ndarray", name, () => this.toList());
      case "reshape":
        return makeMethod("ndarray", name, (args) => {
          const dims =
            args.length === 1 && !(typeof args[0] === "number") ? toArray(args[0] ?? null, ctx) : args;
          return this.reshaped(dims.map(toIndex));
        });
      default:
        return undefined;
    }
  }

  private transposed(): ObjectArray {
    if (this.shape.length < 2) return this;
    const [r = 0, c = 0] = this.shape;
    const out: PyValue[] = [];
    for (let j = 0; j < c; j++) for (let i = 0; i < r; i++) out.push(this.items[i * c + j] ?? null);
    return new ObjectArray(out, [c, r]);
  }

  private reshaped(dims: number[]): ObjectArray {
    const n = this.items.length;
    const unknown = dims.filter((d) => d === -1).length;
    const known = dims.reduce((p, d) => (d === -1 ? p : p * d), 1);
    const shape = dims.map((d) => (d === -1 && unknown === 1 && known > 0 ? n / known : d));
    const size = shape.reduce((p, d) => p * d, 1);
    if (shape.length > 2 || size !== n || shape.some((d) => !Number.isInteger(d) || d < 0)) {
      return raise("ValueError", `cannot reshape array of size ${n} into shape (${dims.join(", ")})`);
    }
    return new ObjectArray(this.items, shape);
  }

  private toList(): PyList {
    if (this.shape.length === 1) return new PyList([...this.items]);
    const [r = 0, c = 0] = this.shape;
    const rows: PyValue[] = [];
    for (let i = 0; i < r; i++) rows.push(new PyList(this.items.slice(i * c, (i + 1) * c)));
    return new PyList(rows);
  }

  override repr(ctx: KernelContext): string {
    return objectArrayRepr(
      this.items.map((v) => pyRepr(v, ctx)),
      this.shape,
    );
  }

  override str(ctx: KernelContext): string {
    return objectArrayRepr(
      this.items.map((v) => pyRepr(v, ctx)),
      this.shape,
      "str",
    );
  }

  override binop(op: string, other: PyValue): PyValue | undefined {
    if (op === "==") return other === this;
    if (op === "!=") return other !== this;
    return undefined;
  }
}

/** The indices a slice selects in a sequence of `size` (CPython's `slice.indices`). */
export function sliceIndices(s: PySlice, size: number): number[] {
  const step = s.step === null ? 1 : toIndex(s.step);
  if (step === 0) return raise("ValueError", "slice step cannot be zero");
  const clampStart = (v: PyValue, dflt: number): number => {
    if (v === null) return dflt;
    let i = toIndex(v);
    if (i < 0) i += size;
    if (step > 0) return Math.min(Math.max(i, 0), size);
    return Math.min(Math.max(i, -1), size - 1);
  };
  const start = clampStart(s.start, step > 0 ? 0 : size - 1);
  const stop = clampStart(s.stop, step > 0 ? size : -1);
  const out: number[] = [];
  if (step > 0) for (let i = start; i < stop; i += step) out.push(i);
  else for (let i = start; i > stop; i += step) out.push(i);
  return out;
}

/**
 * numpy 2's `repr` (or `str`) of an object array whose elements print as
 * `words` (C order): `_formatArray` with separator ", " (" " for str), line
 * width 75 less the closing ")" for repr, wrapping before a word that would
 * cross it; repr then adds `, dtype=object)` on the last line or, when that
 * would cross 75, on a new line.
 */
export function objectArrayRepr(
  words: readonly string[],
  shape: readonly number[],
  mode: "repr" | "str" = "repr",
): string {
  const prefix = mode === "repr" ? "array(" : "";
  const lineWidth = mode === "repr" ? LINE_WIDTH - 1 : LINE_WIDTH;
  const separator = mode === "repr" ? ", " : " ";
  const nextLinePrefix = " ".repeat(prefix.length + 1);
  const ndim = shape.length;
  const recurse = (offset: number, axis: number, hanging: string, width: number): string => {
    const axesLeft = ndim - axis;
    if (axesLeft === 0) return words[offset] ?? "";
    const nextHanging = `${hanging} `;
    const nextWidth = width - 1;
    const n = shape[axis] ?? 0;
    const stride = shape.slice(axis + 1).reduce((p, d) => p * d, 1);
    let s = "";
    if (axesLeft === 1) {
      const elemWidth = width - separator.trimEnd().length;
      let line = hanging;
      const extend = (word: string, w: number): void => {
        if (line.length + word.length > w && line.length > hanging.length) {
          s += `${line.trimEnd()}\n`;
          line = hanging;
        }
        line += word;
      };
      for (let i = 0; i < n - 1; i++) {
        extend(recurse(offset + i * stride, axis + 1, nextHanging, nextWidth), elemWidth);
        line += separator;
      }
      if (n > 0) extend(recurse(offset + (n - 1) * stride, axis + 1, nextHanging, nextWidth), nextWidth);
      s += line;
    } else {
      const lineSep = `${separator.trimEnd()}${"\n".repeat(axesLeft - 1)}`;
      for (let i = 0; i < n - 1; i++) {
        s += hanging + recurse(offset + i * stride, axis + 1, nextHanging, nextWidth) + lineSep;
      }
      if (n > 0) s += hanging + recurse(offset + (n - 1) * stride, axis + 1, nextHanging, nextWidth);
    }
    return `[${s.slice(hanging.length)}]`;
  };
  const body = recurse(0, 0, nextLinePrefix, lineWidth);
  if (mode === "str") return body;
  const head = `${prefix}${body},`;
  const dtype = "dtype=object)";
  const lastLine = head.length + 1 - (head.lastIndexOf("\n") + 1);
  const spacer = lastLine + dtype.length + 1 > LINE_WIDTH ? `\n${" ".repeat(prefix.length)}` : " ";
  return `${head}${spacer}${dtype}`;
}

/** Whether `v` is an ObjectArray (for callers that accept "an Axes or an array of Axes"). */
export function isObjectArray(v: PyValue): v is ObjectArray {
  return v instanceof ObjectArray;
}

/** TypeError text for a value that should have been an Axes. */
export function notAxes(v: PyValue): never {
  return raise("TypeError", `expected an Axes, not ${typeName(v)}`);
}
