/**
 * View semantics and scalar helpers of src/kernel/nd that the numpy fixtures
 * cannot show: which results share memory with their base (numpy returns
 * views for reshape of contiguous arrays, transpose, basic indexing), writes
 * through views, `tolist`/`item`, and numpy's pairwise summation blocks.
 */
import { describe, expect, test } from "vitest";
import * as nd from "../../src/kernel/nd/mod.ts";

const s = (start: number | null, stop: number | null, step: number | null = null): nd.SliceSpec => ({
  start,
  stop,
  step,
});

function grid(): nd.NDArray {
  return nd.reshape(nd.arange(nd.pyInt(12)), [3, 4]);
}

describe("views", () => {
  test("basic indexing returns a view that writes through", () => {
    const a = grid();
    const v = nd.getItem(a, [s(null, null), s(1, null, 2)]);
    nd.setItem(v, ["ellipsis"], nd.pyInt(-1));
    expect(nd.tolist(a)).toEqual([
      [0, -1, 2, -1],
      [4, -1, 6, -1],
      [8, -1, 10, -1],
    ]);
  });

  test("transpose and reshape of a contiguous array share the buffer", () => {
    const a = grid();
    const t = nd.transpose(a);
    const r = nd.reshape(a, [2, 6]);
    nd.setItem(t, [0, 2], nd.pyInt(100));
    expect({ r: nd.item(r, 1, 2), t: t.data === a.data, same: r.data === a.data }).toEqual({
      r: 100,
      t: true,
      same: true,
    });
  });

  test("fancy indexing copies; assignment through it writes the base", () => {
    const a = grid();
    const picked = nd.getItem(a, [nd.array([nd.pyInt(2), nd.pyInt(0)])]);
    nd.setItem(picked, [0, 0], nd.pyInt(99));
    nd.setItem(a, [nd.array([nd.pyInt(1)]), s(null, null, -1)], nd.arange(nd.pyInt(4)));
    expect({ a: nd.tolist(a), picked: nd.tolist(picked) }).toEqual({
      a: [
        [0, 1, 2, 3],
        [3, 2, 1, 0],
        [8, 9, 10, 11],
      ],
      picked: [
        [99, 9, 10, 11],
        [0, 1, 2, 3],
      ],
    });
  });

  test("ravel of a transposed view copies, flatten always copies", () => {
    const a = grid();
    expect({
      ravelT: nd.ravel(nd.transpose(a)).data === a.data,
      ravel: nd.ravel(a).data === a.data,
      flatten: nd.flatten(a).data === a.data,
    }).toEqual({ ravelT: false, ravel: true, flatten: false });
  });
});

describe("tolist and item", () => {
  test("bool arrays give booleans, 0-d gives the bare value", () => {
    const b = nd.compare(">", grid(), nd.pyInt(9));
    expect({ list: nd.tolist(nd.getItem(b, [2])), scalar: nd.tolist(nd.sum(grid())) }).toEqual({
      list: [false, false, true, true],
      scalar: 66,
    });
  });

  test("item on a size>1 array raises numpy's ValueError", () => {
    expect(() => nd.item(grid())).toThrow("can only convert an array of size 1 to a Python scalar");
  });
});

describe("pairwise summation", () => {
  test("blocks of 8 accumulators differ from a plain loop exactly as numpy's do", () => {
    // 1e16 then fifteen 1s: a plain loop loses every 1; numpy's 8 accumulators lose only the one
    // added to 1e16 (np.sum gives 1e16 + 14).
    const data = new Float64Array(16).fill(1);
    data[0] = 1e16;
    let plain = 0;
    for (const v of data) plain += v;
    expect({ pairwise: nd.pairwiseSum(data, 0, 16, 1), plain }).toEqual({ pairwise: 1e16 + 14, plain: 1e16 });
  });
});

describe("RuntimeWarnings", () => {
  test("mean and var of empty arrays warn like numpy and give nan", () => {
    const seen: string[] = [];
    const warn = (_c: "RuntimeWarning", m: string) => seen.push(m);
    const m = nd.mean(nd.zeros([0, 3]), { axis: 0, warn });
    const v = nd.variance(nd.zeros([0]), { warn });
    expect({ m: nd.tolist(m), v: nd.tolist(v), seen }).toEqual({
      m: [Number.NaN, Number.NaN, Number.NaN],
      v: Number.NaN,
      seen: [
        "Mean of empty slice",
        "invalid value encountered in divide",
        "Degrees of freedom <= 0 for slice",
        "invalid value encountered in divide",
        "invalid value encountered in scalar divide",
      ],
    });
  });
});
