import { describe, expect, test } from "vitest";
import { findNumericLiterals, type NumericLiteral } from "../notebook/forms.ts";
import { literalDecimals, scrubbedText } from "./Scrubber.ts";

function literal(source: string): NumericLiteral {
  const found = findNumericLiterals(source)[0];
  if (found === undefined) throw new Error(`no literal in ${source}`);
  return found;
}

describe("literalDecimals", () => {
  test("counts the places of the last written digit", () => {
    expect(["0.01", "0.010", "1e-3", "2.5e-2", "2.", "10", "-0.5"].map(literalDecimals)).toEqual([
      2, 3, 3, 3, 0, 0, 1,
    ]);
  });
});

describe("scrubbedText", () => {
  test("ints move by one, floats by their last decimal, without float noise", () => {
    expect(scrubbedText(literal("depth = 10"), 3)).toBe("13");
    expect(scrubbedText(literal("depth = 10"), -12)).toBe("-2");
    expect(scrubbedText(literal("x * 0.01"), 9)).toBe("0.10");
    expect(scrubbedText(literal("x * 0.1"), 2)).toBe("0.3");
    expect(scrubbedText(literal("x * 0.1"), -3)).toBe("-0.2");
    expect(scrubbedText(literal("y = -0.5"), 7)).toBe("0.2");
    expect(scrubbedText(literal("lr = 1e-3"), 1)).toBe("0.002");
    expect(scrubbedText(literal("a = 2."), 1)).toBe("3.0");
  });
});
