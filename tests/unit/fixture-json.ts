/**
 * Reading the JSON fixtures that tests/fixtures/gen_*.py write with the real
 * numpy, and the way they spell numbers JSON has no literal for.
 */
import { readFileSync } from "node:fs";

/** The parsed tests/fixtures/`name`; the caller validates (or, at a commented boundary, types) it. */
export function readFixtureJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8"));
}

/** A fixture element as a double: numbers as they are, booleans as 0/1, "nan", "inf" and "-inf". */
export function fixtureNumber(v: unknown): number {
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return v;
  if (v === "nan") return Number.NaN;
  if (v === "inf") return Number.POSITIVE_INFINITY;
  if (v === "-inf") return Number.NEGATIVE_INFINITY;
  throw new Error(`not a number in the fixture: ${String(v)}`);
}
