/**
 * The small matplotlib objects pyplot calls return: `Text`, `Line2D`,
 * `BarContainer`, `Rectangle`, `Legend`, `XTick`/`YTick`, and the
 * `silent_list` of several containers. They exist for their repr (what a
 * notebook shows when a cell ends with `plt.title(...)`) and a few getters.
 */
import { formatGeneral } from "../../nd/pyfloat.ts";
import {
  type KernelContext,
  makeMethod,
  PyFloat,
  PyObject,
  PyTuple,
  type PyValue,
  pyToStr,
  raise,
  strRepr,
  toIndex,
} from "../../py/values.ts";

/** Fake `id()` addresses for `<... object at 0x...>` reprs, unique within a session. */
export interface AddressBook {
  next: number;
}

export function nextAddress(book: AddressBook): string {
  book.next += 1;
  return `0x7f${(0x3a000000 + book.next * 0x60).toString(16).padStart(10, "0")}`;
}

/** `matplotlib.text.Text`: repr `Text(0.5, 1.0, 'title')` (x and y as `%s` of the stored numbers). */
export class TextObj extends PyObject {
  readonly typeName = "Text";
  constructor(
    readonly x: PyValue,
    readonly y: PyValue,
    readonly text: string,
  ) {
    super();
  }
  override repr(ctx: KernelContext): string {
    return `Text(${pyToStr(this.x, ctx)}, ${pyToStr(this.y, ctx)}, ${strRepr(this.text)})`;
  }
  override getattr(name: string): PyValue | undefined {
    if (name === "get_text") return makeMethod("Text", name, () => this.text);
    if (name === "get_position") return makeMethod("Text", name, () => new PyTuple([this.x, this.y]));
    return undefined;
  }
}

/** An object shown as `<matplotlib.lines.Line2D object at 0x7f...>`. */
export class AddressedObj extends PyObject {
  constructor(
    readonly typeName: string,
    readonly qualified: string,
    readonly address: string,
    readonly attrs: ReadonlyMap<string, () => PyValue> = new Map(),
  ) {
    super();
  }
  override repr(): string {
    return `<${this.qualified} object at ${this.address}>`;
  }
  override getattr(name: string): PyValue | undefined {
    const get = this.attrs.get(name);
    return get === undefined ? undefined : makeMethod(this.typeName, name, () => get());
  }
}

/** `matplotlib.patches.Rectangle`: repr `Rectangle(xy=(-3.04, 0), width=0.6, height=2, angle=0)`. */
export class RectangleObj extends PyObject {
  readonly typeName = "Rectangle";
  constructor(
    readonly x: number,
    readonly y: number,
    readonly width: number,
    readonly height: number,
  ) {
    super();
  }
  override repr(): string {
    const g = (v: number): string => formatGeneral(v, 6);
    return `Rectangle(xy=(${g(this.x)}, ${g(this.y)}), width=${g(this.width)}, height=${g(this.height)}, angle=0)`;
  }
  override getattr(name: string): PyValue | undefined {
    const value: Record<string, number> = {
      get_x: this.x,
      get_y: this.y,
      get_width: this.width,
      get_height: this.height,
    };
    const v = value[name];
    return v === undefined ? undefined : makeMethod("Rectangle", name, () => new PyFloat(v));
  }
}

/** A read-only sequence host object (`BarContainer`, `silent_list`). */
abstract class SequenceObj extends PyObject {
  abstract readonly items: readonly PyValue[];
  /** Python's IndexError text of the underlying type (`tuple index out of range`). */
  abstract readonly indexError: string;
  override len(): number {
    return this.items.length;
  }
  override iter(): Iterator<PyValue> {
    return this.items[Symbol.iterator]();
  }
  override getitem(key: PyValue): PyValue | undefined {
    const n = this.items.length;
    const i = toIndex(key);
    const j = i < 0 ? i + n : i;
    if (j < 0 || j >= n) return raise("IndexError", this.indexError);
    return this.items[j] ?? null;
  }
}

/** `matplotlib.container.BarContainer`: repr `<BarContainer object of 10 artists>`; a tuple of Rectangles. */
export class BarContainerObj extends SequenceObj {
  readonly typeName = "BarContainer";
  readonly indexError = "tuple index out of range";
  constructor(readonly items: readonly RectangleObj[]) {
    super();
  }
  override repr(): string {
    return `<BarContainer object of ${this.items.length} artists>`;
  }
}

/** matplotlib's `cbook.silent_list`: repr `<a list of 3 BarContainer objects>`. */
export class SilentListObj extends SequenceObj {
  readonly typeName = "silent_list";
  readonly indexError = "list index out of range";
  constructor(
    readonly itemType: string,
    readonly items: readonly PyValue[],
  ) {
    super();
  }
  override repr(): string {
    return `<a list of ${this.items.length} ${this.itemType} objects>`;
  }
}
