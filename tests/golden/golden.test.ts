/**
 * Golden tests: every `tests/golden/**\/<name>.py` that has a `<name>.expected`
 * (made by tests/golden/generate.py with the real CPython and numpy) runs
 * through the CLI's path - percent file -> cells -> one session ->
 * outputsToText with xmode minimal - and the whole text must match, but for
 * DESIGN.md's last-bits allowance on full-precision floats (tests/lastbits.ts).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { outputsToText } from "../../src/kernel/render-text.ts";
import { createSession } from "../../src/kernel/session.ts";
import { parsePercentPy } from "../../src/notebook/ipynb.ts";
import { forgiveLastBits } from "../lastbits.ts";

const root = new URL(".", import.meta.url).pathname;

function snippets(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...snippets(p));
    else if (entry.name.endsWith(".py") && existsSync(`${p.slice(0, -3)}.expected`)) out.push(p);
  }
  return out.sort();
}

/** The same block format as generate.py: `# %% [N]` then the cell's text, newline-terminated. */
function runSnippet(source: string): string {
  const session = createSession();
  let n = 0;
  let text = "";
  for (const cell of parsePercentPy(source).cells) {
    if (cell.cell_type !== "code") continue;
    n++;
    let t = outputsToText(session.execute(cell.source).outputs, "minimal");
    if (t !== "" && !t.endsWith("\n")) t += "\n";
    text += `# %% [${n}]\n${t}`;
  }
  return text;
}

const files = snippets(root);

describe("golden", () => {
  test("there are golden snippets", () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const file of files) {
    test(file.slice(root.length), () => {
      const expected = readFileSync(`${file.slice(0, -3)}.expected`, "utf8");
      expect(forgiveLastBits(expected, runSnippet(readFileSync(file, "utf8")))).toBe(expected);
    });
  }
});
