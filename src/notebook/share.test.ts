import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from "lz-string";
import { describe, expect, test } from "vitest";
import { makeCell, type NotebookDoc } from "./model.ts";
import {
  applyShare,
  decodeShare,
  decompressUriBounded,
  encodeShare,
  LIMITS,
  SHARE_PROPS,
  type ShareState,
  shareStateFor,
} from "./share.ts";

const FORM_CELL = [
  "#@title Experiment",
  'depth = 10  #@param {type:"slider", min:1, max:30, step:1}',
  'scale = 0.01  #@param {type:"number"}',
  'activation = "tanh"  #@param ["tanh", "relu"]',
  'bias = True  #@param {type:"boolean"}',
].join("\n");

function published(): NotebookDoc {
  return {
    metadata: { kernelspec: { name: "python3", display_name: "Python 3" } },
    cells: [
      makeCell("markdown", "# Initializers", "intro"),
      makeCell("code", "import numpy as np", "imports"),
      {
        ...makeCell("code", FORM_CELL, "form"),
        execution_count: 3,
        outputs: [{ output_type: "stream", name: "stdout", text: "x\n" }],
      },
      makeCell("code", "x = np.random.randn(4, depth) * scale", "use"),
    ],
  };
}

function edited(edit: (doc: NotebookDoc) => void): NotebookDoc {
  const doc = published();
  edit(doc);
  return doc;
}

function setSource(doc: NotebookDoc, id: string, f: (s: string) => string): void {
  const cell = doc.cells.find((c) => c.id === id);
  if (cell === undefined) throw new Error(id);
  cell.source = f(cell.source);
}

/** A deterministic pseudo-random generator for test inputs (LCG). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("SHARE_PROPS", () => {
  test("lists each key once", () => {
    expect(SHARE_PROPS.map((p) => p.key)).toEqual(["v", "seed", "p", "nb"]);
  });
});

describe("encodeShare / decodeShare", () => {
  test("params and seed: readable hash, round trip", () => {
    const state: ShareState = {
      seed: 42,
      params: [
        { cellId: "form", name: "depth", value: 12 },
        { cellId: "form", name: "activation", value: "relu & more=1" },
        { cellId: "form", name: "bias", value: false },
        { cellId: "cell-2", name: "scale", value: 0.05 },
      ],
    };
    const hash = encodeShare(state);
    expect(hash).toBe(
      "v=1&seed=42&p.form.depth=12&p.form.activation=%22relu%20%26%20more%3D1%22&p.form.bias=false&p.cell-2.scale=0.05",
    );
    expect(decodeShare(hash)).toEqual(state);
    expect(decodeShare(`#${hash}`)).toEqual(state);
  });

  test("the whole notebook, without outputs", () => {
    const doc = published();
    const hash = encodeShare({ params: [], notebook: doc });
    expect(hash.startsWith("v=1&nb=")).toBe(true);
    const back = decodeShare(hash);
    const noOutputs = {
      ...doc,
      cells: doc.cells.map((c) => ({ ...c, outputs: [], execution_count: null })),
    };
    expect(back).toEqual({ params: [], notebook: noOutputs });
  });

  test("empty and bare hashes are an empty state", () => {
    expect(decodeShare("")).toEqual({ params: [] });
    expect(decodeShare("#")).toEqual({ params: [] });
    expect(decodeShare("v=1")).toEqual({ params: [] });
    expect(encodeShare({ params: [] })).toBe("v=1");
  });

  test("unknown keys are ignored and a repeated parameter keeps the last value", () => {
    expect(decodeShare("v=1&future=abc&&p.a.x=1&p.a.x=2&seed=0")).toEqual({
      seed: 0,
      params: [{ cellId: "a", name: "x", value: 2 }],
    });
  });

  test.each<[string, string, string]>([
    ["newer version", "v=2", "This link was made by a newer version of Initlab; reload the page to update."],
    ["bad version", "v=one", "This link has an invalid format version."],
    ["negative seed", "seed=-1", "The seed in this link must be an integer from 0 to 4294967295."],
    ["seed too big", "seed=4294967296", "The seed in this link must be an integer from 0 to 4294967295."],
    ["float seed", "seed=1.5", "The seed in this link must be an integer from 0 to 4294967295."],
    ["empty seed", "seed=", "The seed in this link must be an integer from 0 to 4294967295."],
    ["seed with exponent", "seed=1e3", "The seed in this link must be an integer from 0 to 4294967295."],
    ["param without name", "p.cell=1", 'This link has a malformed parameter key "p.cell".'],
    ["param bad cell id", "p.a%20b.x=1", 'This link has a malformed parameter key "p.a%20b.x".'],
    ["param bad name", "p.cell.1x=1", 'This link has a malformed parameter key "p.cell.1x".'],
    ["param not JSON", "p.cell.x=abc", 'The value of parameter "x" in this link is not readable.'],
    ["param bad escape", "p.cell.x=%E0%A4%A", 'The value of parameter "x" in this link is not readable.'],
    [
      "param object",
      "p.cell.x=%7B%22a%22%3A1%7D",
      'The value of parameter "x" in this link must be a number, a boolean or a short text.',
    ],
    [
      "param null",
      "p.cell.x=null",
      'The value of parameter "x" in this link must be a number, a boolean or a short text.',
    ],
    ["notebook garbage", "nb=!!!", "The notebook in this link is damaged."],
    [
      "notebook truncated",
      `nb=${compressToEncodedURIComponent('{"metadata":{},"cells":[]}').slice(0, 8)}`,
      "The notebook in this link is damaged.",
    ],
    [
      "notebook not JSON",
      `nb=${compressToEncodedURIComponent("{oops")}`,
      "The notebook in this link is damaged.",
    ],
    [
      "notebook wrong shape",
      `nb=${compressToEncodedURIComponent('{"metadata":{},"cells":[{"id":"a b","cell_type":"code"}]}')}`,
      "The notebook in this link is damaged.",
    ],
    ["notebook empty", "nb=", "The notebook in this link is damaged."],
  ])("rejects %s", (_name, hash, error) => {
    expect(decodeShare(hash)).toEqual({ error });
  });

  test("rejects a string parameter that is too long", () => {
    const value = encodeURIComponent(JSON.stringify("x".repeat(LIMITS.stringChars + 1)));
    expect(decodeShare(`p.c.s=${value}`)).toEqual({
      error: 'The value of parameter "s" in this link must be a number, a boolean or a short text.',
    });
  });

  test("rejects an oversized hash before reading it", () => {
    const hash = `v=1&x=${"a".repeat(LIMITS.hashChars)}`;
    expect(decodeShare(hash)).toEqual({
      error: `This link is too long (${hash.length} characters; the limit is 200000).`,
    });
  });

  test("rejects too many parameters", () => {
    const hash = Array.from({ length: LIMITS.params + 1 }, (_, i) => `p.c.x${i}=1`).join("&");
    expect(decodeShare(hash)).toEqual({ error: "This link sets too many parameters (the limit is 1000)." });
  });

  test("the default limits", () => {
    expect(LIMITS).toEqual({
      hashChars: 200_000,
      notebookChars: 2_000_000,
      params: 1000,
      stringChars: 10_000,
    });
  });

  test("rejects a short link that decompresses to more than the limit", () => {
    // Repetition compresses to about the square root of its length: 200 kB of output from ~1 kB of link.
    const bomb = compressToEncodedURIComponent("a".repeat(200_000));
    expect(bomb.length).toBeLessThan(2_000);
    const limits = { ...LIMITS, notebookChars: 100_000 };
    expect(decodeShare(`nb=${bomb}`, limits)).toEqual({
      error: "The notebook in this link is too large (over 100000 characters).",
    });
  });

  test("never throws on random input", () => {
    const rand = lcg(7);
    const alphabet = "ab=&.%#p.nbseedv0123456789-_$+ {}\"'é";
    for (let i = 0; i < 300; i++) {
      const length = Math.floor(rand() * 60);
      let s = "";
      for (let k = 0; k < length; k++) s += alphabet[Math.floor(rand() * alphabet.length)];
      const result = decodeShare(s);
      expect(typeof result).toBe("object");
    }
  });
});

describe("decompressUriBounded", () => {
  test("matches lz-string on round trips", () => {
    const rand = lcg(1);
    const inputs = ["", "a", "aaaaaaaaaaaaaaaa", "héllo wörld ✓ 漢字 😀", JSON.stringify(published())];
    for (let i = 0; i < 50; i++) {
      const length = Math.floor(rand() * 400);
      let s = "";
      for (let k = 0; k < length; k++)
        s += String.fromCharCode(rand() < 0.9 ? 97 + Math.floor(rand() * 4) : Math.floor(rand() * 0xffff));
      inputs.push(s);
    }
    for (const input of inputs) {
      const compressed = compressToEncodedURIComponent(input);
      expect(decompressUriBounded(compressed, 10_000)).toBe(decompressFromEncodedURIComponent(compressed));
      if (input !== "") expect(decompressUriBounded(compressed, 10_000)).toBe(input);
    }
  });

  test("matches lz-string on corrupt input", () => {
    const rand = lcg(3);
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$";
    let compared = 0;
    for (let i = 0; i < 300; i++) {
      const length = 1 + Math.floor(rand() * 40);
      let s = "";
      for (let k = 0; k < length; k++) s += alphabet[Math.floor(rand() * alphabet.length)];
      const ours = decompressUriBounded(s, 1_000_000);
      let theirs: string | null;
      try {
        theirs = decompressFromEncodedURIComponent(s);
      } catch {
        // lz-string itself throws on some corrupt input; ours reports it as corrupt.
        theirs = null;
      }
      // The first two bits are the header code. On code 3 (not one lz-string writes) lz-string
      // carries on with an undefined first entry and returns junk or throws; we say corrupt.
      const first = alphabet.indexOf(s[0] ?? "");
      const header = (first & 32 ? 1 : 0) + (first & 16 ? 2 : 0);
      if (header === 3) {
        expect(ours).toBe(null);
        continue;
      }
      expect(ours).toBe(theirs);
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });

  test("stops at the limit and rejects characters outside the alphabet", () => {
    const compressed = compressToEncodedURIComponent("abc".repeat(1000));
    expect(decompressUriBounded(compressed, 2999)).toBe("too-large");
    expect(decompressUriBounded(compressed, 3000)).toBe("abc".repeat(1000));
    expect(decompressUriBounded("AB*C", 100)).toBe(null);
    expect(decompressUriBounded("", 100)).toBe(null);
  });
});

describe("shareStateFor", () => {
  test("unchanged notebook: no params", () => {
    expect(shareStateFor(published(), published())).toEqual({ params: [] });
    expect(shareStateFor(published(), published(), 7)).toEqual({ seed: 7, params: [] });
  });

  test("outputs and counts do not count as edits", () => {
    const current = edited((d) => {
      const form = d.cells[2];
      if (form !== undefined) form.outputs = [];
    });
    expect(shareStateFor(published(), current)).toEqual({ params: [] });
  });

  test("only parameters changed: just those", () => {
    const current = edited((d) =>
      setSource(d, "form", (s) => s.replace("depth = 10", "depth = 25").replace('"tanh"  #', '"relu"  #')),
    );
    expect(shareStateFor(published(), current, 1)).toEqual({
      seed: 1,
      params: [
        { cellId: "form", name: "depth", value: 25 },
        { cellId: "form", name: "activation", value: "relu" },
      ],
    });
  });

  test.each<[string, (d: NotebookDoc) => void]>([
    ["code edited", (d) => setSource(d, "use", (s) => `${s}\nprint(x)`)],
    [
      "code edited next to a param change",
      (d) =>
        setSource(d, "form", (s) => s.replace("depth = 10", "depth = 11 ").replace("#@title", "# @title")),
    ],
    ["same value written differently", (d) => setSource(d, "form", (s) => s.replace("0.01", "0.010"))],
    ["markdown edited", (d) => setSource(d, "intro", (s) => `${s}!`)],
    ["cell added", (d) => d.cells.push(makeCell("code", "1", "new"))],
    ["cell removed", (d) => d.cells.pop()],
    ["cells reordered", (d) => d.cells.reverse()],
    ["param removed", (d) => setSource(d, "form", (s) => s.split("\n").slice(0, 2).join("\n"))],
  ])("%s: the whole notebook", (_name, edit) => {
    const current = edited(edit);
    const state = shareStateFor(published(), current);
    expect(state.params).toEqual([]);
    expect(state.notebook?.cells.map((c) => c.source)).toEqual(current.cells.map((c) => c.source));
    expect(state.notebook?.cells.every((c) => c.outputs.length === 0)).toBe(true);
  });
});

describe("applyShare", () => {
  test("applies parameter changes and clears the changed cell's outputs", () => {
    const state: ShareState = {
      params: [
        { cellId: "form", name: "depth", value: 25 },
        { cellId: "form", name: "bias", value: false },
      ],
    };
    const { doc, problems } = applyShare(published(), state);
    expect(problems).toEqual([]);
    expect(doc.cells[2]?.source).toBe(
      FORM_CELL.replace("depth = 10", "depth = 25").replace("bias = True", "bias = False"),
    );
    expect(doc.cells[2]?.outputs).toEqual([]);
    expect(doc.cells[3]).toEqual(published().cells[3]);
  });

  test("round trip: shareStateFor, encode, decode, applyShare", () => {
    for (const current of [
      edited((d) => setSource(d, "form", (s) => s.replace("0.01", "0.5"))),
      edited((d) => setSource(d, "use", (s) => `${s} + 1`)),
    ]) {
      const decoded = decodeShare(encodeShare(shareStateFor(published(), current, 3)));
      if ("error" in decoded) throw new Error(decoded.error);
      expect(decoded.seed).toBe(3);
      const sources = applyShare(published(), decoded).doc.cells.map((c) => c.source);
      expect(sources).toEqual(current.cells.map((c) => c.source));
    }
  });

  test("reports overrides it cannot apply", () => {
    const state: ShareState = {
      params: [
        { cellId: "gone", name: "depth", value: 1 },
        { cellId: "intro", name: "depth", value: 1 },
        { cellId: "form", name: "width", value: 1 },
        { cellId: "form", name: "depth", value: "deep" },
        { cellId: "form", name: "scale", value: 0.2 },
      ],
    };
    const { doc, problems } = applyShare(published(), state);
    expect(problems).toEqual([
      'no code cell "gone" for parameter "depth"',
      'no code cell "intro" for parameter "depth"',
      'cell "form" has no parameter "width"',
      'parameter "depth" cannot be "deep"',
    ]);
    expect(doc.cells[2]?.source).toBe(FORM_CELL.replace("0.01", "0.2"));
  });
});
