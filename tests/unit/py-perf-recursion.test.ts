/**
 * Python recursion depth in a worker-sized JS stack. A Chromium Web Worker
 * recurses a trivial JS function about 4,895 deep, Node (default
 * --stack-size=984, in KB) about 10,474 deep: a worker has about 460 KB.
 * The script runs in a Node with --stack-size=450 (KB) and with V8's
 * optimising tiers off (--no-opt --no-maglev), so every frame has its cold
 * interpreter size, as in a freshly started worker. Each recursion must
 * reach depth 990 and print CPython's result, and unbounded recursion must
 * raise RecursionError (not SystemError, no crash).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { FINITE, UNBOUNDED } from "./py-perf-deep.ts";

const DEPTH = 990;
const script = fileURLToPath(new URL("./py-perf-deep.ts", import.meta.url));

interface Line {
  kind: string;
  name: string;
  text: string;
}

function isLine(v: unknown): v is Line {
  return (
    typeof v === "object" &&
    v !== null &&
    "kind" in v &&
    typeof v.kind === "string" &&
    "name" in v &&
    typeof v.name === "string" &&
    "text" in v &&
    typeof v.text === "string"
  );
}

function runDeep(): Line[] {
  const r = spawnSync(
    process.execPath,
    ["--stack-size=450", "--no-opt", "--no-maglev", "--import", "tsx", script, String(DEPTH)],
    { encoding: "utf8", cwd: fileURLToPath(new URL("../..", import.meta.url)), timeout: 60_000 },
  );
  expect(r.status, r.stderr).toBe(0);
  return r.stdout
    .trim()
    .split("\n")
    .map((l): unknown => JSON.parse(l))
    .filter(isLine);
}

/** CPython's results: every case counts its depth, except the multi-statement body, which sums 1..n. */
function expected(name: string): string {
  return `${name === "multi-statement body" ? (DEPTH * (DEPTH + 1)) / 2 : DEPTH}\n`;
}

describe("recursion in a 450 KB stack", () => {
  const lines = runDeep();
  for (const [name] of FINITE) {
    test(`depth ${DEPTH}: ${name}`, () => {
      const line = lines.find((l) => l.kind === "finite" && l.name === name);
      expect(line?.text).toBe(expected(name));
    });
  }
  for (const [name] of UNBOUNDED) {
    test(`unbounded: ${name}`, () => {
      const line = lines.find((l) => l.kind === "unbounded" && l.name === name);
      expect(line?.text).toBe("RecursionError: maximum recursion depth exceeded");
    });
  }
  test("the session runs cells after a RecursionError", () => {
    expect(lines.find((l) => l.kind === "after")?.text).toBe("45\n");
  });
});
