import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { objectArrayRepr } from "../../src/kernel/modules/pyplot/object-array.ts";

interface Case {
  words: string[];
  shape: number[];
  repr: string;
  str: string;
}

const fixture: { cases: Case[] } = JSON.parse(
  readFileSync(new URL("../fixtures/pyplot/object_repr.json", import.meta.url), "utf8"),
);

describe("objectArrayRepr", () => {
  it("prints object arrays of Axes as numpy 2 does (repr and str)", () => {
    const got = fixture.cases.map((c) => ({
      repr: objectArrayRepr(c.words, c.shape, "repr"),
      str: objectArrayRepr(c.words, c.shape, "str"),
    }));
    expect(got).toEqual(fixture.cases.map((c) => ({ repr: c.repr, str: c.str })));
  });
});
