import { describe, expect, test } from "vitest";
import { toIpynb, parseIpynb } from "./ipynb.ts";
import { MAX_JSON_DEPTH, pruneDeep } from "./json-depth.ts";
import { decodeSaved, encodeSaved } from "./persist.ts";
import { decodeShare, encodeShare, shareStateFor } from "./share.ts";

const LEVELS = 200_000;
const deepText = `${'{"a":'.repeat(LEVELS)}1${"}".repeat(LEVELS)}`;

function notebookText(metadata: string): string {
  return `{"nbformat":4,"nbformat_minor":5,"metadata":${metadata},"cells":[{"cell_type":"code","id":"c1","source":"x = 1","metadata":{},"outputs":[],"execution_count":null}]}`;
}

describe("deeply nested JSON from strangers", () => {
  test("a notebook whose metadata nests 200,000 levels opens, exports, saves and shares", () => {
    const { doc, skipped } = parseIpynb(notebookText(deepText));
    expect(skipped).toEqual([
      `metadata${".a".repeat(MAX_JSON_DEPTH - 1)}: nested deeper than ${MAX_JSON_DEPTH} levels; dropped`,
    ]);
    expect(doc.cells.map((c) => c.source)).toEqual(["x = 1"]);
    const exported = toIpynb(doc);
    expect(parseIpynb(exported).doc.cells).toEqual(doc.cells);
    expect(decodeSaved(encodeSaved(doc, 1)).ok).toBe(true);
    const hash = encodeShare(shareStateFor({ metadata: {}, cells: [] }, doc));
    expect("error" in decodeShare(hash)).toBe(false);
  });

  test("pruneDeep leaves shallow values alone and cuts each deep branch at the limit", () => {
    const shallow = { a: [1, { b: 2 }], c: "x" };
    expect(pruneDeep(shallow, 3)).toEqual([]);
    expect(shallow).toEqual({ a: [1, { b: 2 }], c: "x" });
    const value = { a: { b: { c: { d: 1 } } }, e: [[[[2]]]] };
    expect(pruneDeep(value, 3).sort()).toEqual(["a.b.c", "e.0.0"]);
    expect(value).toEqual({ a: { b: { c: null } }, e: [[null]] });
  });
});
