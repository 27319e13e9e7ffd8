import { describe, expect, test } from "vitest";
import { analyzeCell, createAnalysisCache } from "./deps.ts";
import { type DepCell, downstream } from "./downstream.ts";

function analysis(source: string): { defines: string[]; uses: string[] } {
  const a = analyzeCell(source);
  return { defines: [...a.defines].sort(), uses: [...a.uses].sort() };
}

describe("analyzeCell", () => {
  test.each<[string, string, string[], string[]]>([
    ["plain assignment", "x = 1", ["x"], []],
    ["read then write", "y = x + 1", ["y"], ["x"]],
    ["own definition is not a use", "x = 1\nprint(x)", ["x"], ["print"]],
    ["use before own definition", "print(x)\nx = 1", ["x"], ["print", "x"]],
    ["self-referencing assignment", "x = x * 2", ["x"], ["x"]],
    ["tuple targets", "a, (b, [c, *d]) = t", ["a", "b", "c", "d"], ["t"]],
    ["chained assignment", "a = b = c", ["a", "b"], ["c"]],
    ["annotated assignment", "n: int = 5", ["n"], ["int"]],
    ["augmented assignment", "total += step", ["total"], ["step", "total"]],
    ["augmented after own define", "total = 0\ntotal += 1", ["total"], []],
    ["subscript mutation", "x[0] = 1", ["x"], ["x"]],
    ["subscript augmented", "x[i] += v", ["x"], ["i", "v", "x"]],
    ["attribute mutation", "cfg.depth = n", ["cfg"], ["cfg", "n"]],
    ["attribute base is used", "np.random.seed(0)", [], ["np"]],
    ["method chain", "m = a.reshape(2, -1).T", ["m"], ["a"]],
    ["del name", "del b", ["b"], []],
    ["del subscript", "del x[k]", ["x"], ["k", "x"]],
    ["import", "import numpy as np", ["np"], []],
    ["import dotted", "import matplotlib.pyplot", ["matplotlib"], []],
    ["import dotted as", "import matplotlib.pyplot as plt", ["plt"], []],
    ["from import", "from numpy import random as r, pi", ["pi", "r"], []],
    ["from import parenthesised", "from m import (p, q)", ["p", "q"], []],
    ["from import star", "from m import *", [], []],
    [
      "for loop",
      "for i, row in enumerate(rows):\n    s = s + row[i]",
      ["i", "row", "s"],
      ["enumerate", "rows", "s"],
    ],
    ["for loop else", "for i in r:\n    pass\nelse:\n    done = i", ["done", "i"], ["r"]],
    ["while loop", "while k < n:\n    k += 1", ["k"], ["k", "n"]],
    ["bound inside a loop iteration", "for i in r:\n    t = i\n    print(t)", ["i", "t"], ["print", "r"]],
    ["conditional binding then read", "if flag:\n    y = 1\nprint(y)", ["y"], ["flag", "print", "y"]],
    ["loop-carried read", "for i in r:\n    if i:\n        x = i\n    use(x)", ["i", "x"], ["r", "use", "x"]],
    ["loop target after the loop", "for i in r:\n    pass\nprint(i)", ["i"], ["i", "print", "r"]],
    ["if branches", "if flag:\n    y = 1\nelse:\n    z = w", ["y", "z"], ["flag", "w"]],
    ["with as", "with open(p) as fh:\n    data = fh.read()", ["data", "fh"], ["open", "p"]],
    [
      "except as",
      "try:\n    f()\nexcept ValueError as err:\n    msg = str(err)",
      ["err", "msg"],
      ["ValueError", "f", "str"],
    ],
    [
      "keyword arguments are not reads",
      "w = np.random.uniform(low=-limit, high=limit, size=(n, m))",
      ["w"],
      ["limit", "m", "n", "np"],
    ],
    ["f-string fields", 'print(f"{mean:.3f} {var}")', [], ["mean", "print", "var"]],
    ["dict and slices", "d = {k: v[1:n, ::step]}", ["d"], ["k", "n", "step", "v"]],
    ["conditional expression", "y = a if c else b", ["y"], ["a", "b", "c"]],
    ["comprehension variables are local", "ys = [x * s for x in xs if x > lo]", ["ys"], ["lo", "s", "xs"]],
    ["comprehension does not leak", "ys = [x for x in xs]\nprint(x)", ["ys"], ["print", "x", "xs"]],
    ["first iterable is in the enclosing scope", "x = [x for x in x]", ["x"], ["x"]],
    ["nested comprehension", "m2 = [[v * k for v in row] for row in m]", ["m2"], ["k", "m"]],
    ["dict comprehension", "d = {k: v for k, v in items.items()}", ["d"], ["items"]],
    [
      "set and generator comprehensions",
      "s = {a for a in A}\ng = sum(b for b in B)",
      ["g", "s"],
      ["A", "B", "sum"],
    ],
    ["lambda parameters are local", "f = lambda u, v=w: u + v + t", ["f"], ["t", "w"]],
    ["lambda in a call", "ys = sorted(xs, key=lambda e: e[1] * scale)", ["ys"], ["scale", "sorted", "xs"]],
  ])("%s", (_name, source, defines, uses) => {
    expect(analysis(source)).toEqual({ defines, uses });
  });

  test("functions: parameters and locals are not uses, globals read inside are", () => {
    const src = [
      "def xavier_init(n_in, n_out):",
      "    limit = np.sqrt(6.0 / (n_in + n_out))",
      "    return np.random.uniform(low=-limit, high=limit, size=(n_in, n_out))",
    ].join("\n");
    expect(analysis(src)).toEqual({ defines: ["xavier_init"], uses: ["np"] });
  });

  test("functions: defaults, annotations and decorators are read at definition", () => {
    const src =
      "@register(kind)\ndef f(a: T = default, *args, k=kd, **kw) -> R:\n    return a + g(args, kw, k)";
    expect(analysis(src)).toEqual({
      defines: ["f"],
      uses: ["R", "T", "default", "g", "kd", "kind", "register"],
    });
  });

  test("functions: locals assigned after a read are still local; loop targets and imports are local", () => {
    const src = [
      "def f(n):",
      "    for i in range(n):",
      "        acc = i",
      "    import math",
      "    with ctx() as c:",
      "        pass",
      "    return acc + math.pi + c + outer",
    ].join("\n");
    expect(analysis(src)).toEqual({ defines: ["f"], uses: ["ctx", "outer", "range"] });
  });

  test("functions: a global the cell defines later is not a use", () => {
    expect(analysis("def f():\n    return scale * 2\nscale = 3\nprint(f())")).toEqual({
      defines: ["f", "scale"],
      uses: ["print"],
    });
  });

  test("functions: global declarations define module names", () => {
    expect(analysis("def bump():\n    global counter\n    counter = counter + step")).toEqual({
      defines: ["bump", "counter"],
      uses: ["step"],
    });
  });

  test("functions: nested functions and closures", () => {
    const src = "def outer(a):\n    def inner(b):\n        return a + b + c\n    return inner";
    expect(analysis(src)).toEqual({ defines: ["outer"], uses: ["c"] });
  });

  test("functions: subscript mutation inside a function reads the global only", () => {
    expect(analysis("def f():\n    cache[0] = 1")).toEqual({ defines: ["f"], uses: ["cache"] });
  });

  test("classes", () => {
    expect(analysis("class Model(Base):\n    size = n\n    def go(self):\n        return self.size")).toEqual(
      {
        defines: ["Model"],
        uses: ["Base", "n"],
      },
    );
  });

  test("the lesson's cells", () => {
    expect(analysis("import numpy as np\nimport matplotlib.pyplot as plt")).toEqual({
      defines: ["np", "plt"],
      uses: [],
    });
    expect(
      analysis(
        "x = np.random.randn(4, 10)\nw = np.random.rand(10, 5) * 0.01\nz = np.dot(x, w)\na = np.tanh(z)",
      ),
    ).toEqual({ defines: ["a", "w", "x", "z"], uses: ["np"] });
    expect(analysis("a")).toEqual({ defines: [], uses: ["a"] });
    expect(analysis("print(np.mean(x))\nprint(np.var(x))")).toEqual({
      defines: [],
      uses: ["np", "print", "x"],
    });
    const loop = [
      "activations = {}",
      "for i in range(len(hidden_layer_sizes)):",
      "    if i != 0:",
      "        x = activations[i-1]",
      "    w = np.random.randn(node_num, node_num) * 1",
      "    z = np.dot(x, w)",
      "    activations[i] = sigmoid(z)",
    ].join("\n");
    expect(analysis(loop)).toEqual({
      defines: ["activations", "i", "w", "x", "z"],
      uses: ["hidden_layer_sizes", "len", "node_num", "np", "range", "sigmoid", "x"],
    });
  });

  test("a syntax error does not throw", () => {
    expect(() => analyzeCell("def (:\n  x = = 1\n)))")).not.toThrow();
  });
});

const LESSON: DepCell[] = [
  { id: "imports", source: "import numpy as np\nimport matplotlib.pyplot as plt" },
  { id: "intro", source: "# Initializers", cell_type: "markdown" },
  {
    id: "xavier",
    source:
      "def xavier_init(n_in, n_out):\n    limit = np.sqrt(6.0 / (n_in + n_out))\n" +
      "    return np.random.uniform(low=-limit, high=limit, size=(n_in, n_out))",
  },
  {
    id: "naive",
    source: "x = np.random.randn(4, 10)\nw = np.random.rand(10, 5) * 0.01\nz = np.dot(x, w)\na = np.tanh(z)",
  },
  { id: "show-a", source: "a" },
  { id: "stats-x", source: "print(np.mean(x))\nprint(np.var(x))" },
  { id: "stats-w", source: "print(np.mean(w))\nprint(np.var(w))" },
  {
    id: "glorot",
    source: "x = np.random.randn(4, 10)\nw = xavier_init(10, 5)\nz = np.dot(x, w)\na = np.tanh(z)",
  },
  { id: "show-a2", source: "a" },
  { id: "stats-a2", source: "print(np.mean(a))\nprint(np.var(a))" },
];

describe("downstream", () => {
  test("a changed cell re-runs its readers until a later cell redefines the names", () => {
    expect(downstream(LESSON, "naive")).toEqual(["show-a", "stats-x", "stats-w"]);
  });

  test("transitive through a function definition", () => {
    expect(downstream(LESSON, "xavier")).toEqual(["glorot", "show-a2", "stats-a2"]);
  });

  test("everything that reads the imports, transitively, each once and in order; a def whose body reads them does not re-run", () => {
    expect(downstream(LESSON, "imports")).toEqual([
      "naive",
      "show-a",
      "stats-x",
      "stats-w",
      "glorot",
      "show-a2",
      "stats-a2",
    ]);
  });

  test("the last cell and unknown ids have nothing downstream", () => {
    expect(downstream(LESSON, "stats-a2")).toEqual([]);
    expect(downstream(LESSON, "nope")).toEqual([]);
  });

  test("earlier cells never re-run", () => {
    const cells: DepCell[] = [
      { id: "a", source: "y = x + 1" },
      { id: "b", source: "x = 1" },
      { id: "c", source: "print(y)" },
    ];
    expect(downstream(cells, "b")).toEqual([]);
  });

  test("a mutation passes the change on", () => {
    const cells: DepCell[] = [
      { id: "a", source: "xs = [0, 0]" },
      { id: "b", source: "xs[0] = k" },
      { id: "c", source: "print(xs)" },
      { id: "d", source: "k = 2" },
    ];
    expect(downstream(cells, "a")).toEqual(["b", "c"]);
  });

  test("a clean redefinition in between stops the chain, only for that name", () => {
    const cells: DepCell[] = [
      { id: "a", source: "p = 1\nq = 2" },
      { id: "b", source: "p = 10" },
      { id: "c", source: "print(p)" },
      { id: "d", source: "print(q)" },
    ];
    expect(downstream(cells, "a")).toEqual(["d"]);
  });

  test("uses the cache: one analysis per distinct source", () => {
    const cache = createAnalysisCache();
    const first = cache.get("a = b");
    expect(cache.get("a = b")).toBe(first);
    expect(downstream(LESSON, "naive", cache)).toEqual(downstream(LESSON, "naive"));
  });

  test("the cache drops its oldest entry when full", () => {
    const cache = createAnalysisCache(2);
    const a = cache.get("a = 1");
    cache.get("b = 1");
    cache.get("a = 1");
    cache.get("c = 1");
    expect(cache.get("a = 1")).toBe(a);
    const b2 = cache.get("b = 1");
    expect(b2.defines).toEqual(new Set(["b"]));
  });
});

describe("analyzeCell: random state", () => {
  const random = (source: string) => {
    const a = analyzeCell(source);
    return [a.randomDirect, a.randomInFunctions, a.seedsRandom];
  };

  // [direct, in functions, seeds]
  test.each<[string, string, [boolean, boolean, boolean]]>([
    ["seeding", "np.random.seed(0)", [true, false, true]],
    ["seeding through the full name", "import numpy\nnumpy.random.seed(1)", [true, false, true]],
    ["drawing", "x = np.random.randn(3)", [true, false, false]],
    ["a generator object", "rng = np.random.default_rng(0)", [true, false, false]],
    ["the random module", "import random\nv = random.random()", [true, false, false]],
    ["seed named, not called", "f = np.random.seed", [true, false, false]],
    ["only inside a function", "def f():\n    return np.random.rand()", [false, true, false]],
    ["seeding inside a function", "def f():\n    np.random.seed(0)", [false, true, false]],
    ["only inside a lambda", "g = lambda n: np.random.randn(n)", [false, true, false]],
    ["both", "def f():\n    return np.random.rand()\nX = np.random.randn(2)", [true, true, false]],
    ["no randomness", "print(np.mean(x))", [false, false, false]],
    ["an attribute called seed elsewhere", "cfg.seed(3)", [false, false, false]],
  ])("%s", (_name, source, expected) => {
    expect(random(source)).toEqual(expected);
  });

  test("module-level and function uses are told apart", () => {
    const a = analyzeCell("def make():\n    return xavier_init(2, 2)\nm = make() + k");
    expect([[...a.moduleUses].sort(), [...a.functionUses].sort()]).toEqual([["k"], ["xavier_init"]]);
  });
});

const SEEDED: DepCell[] = [
  { id: "imports", source: "import numpy as np" },
  { id: "seed", source: "seed = 42\nnp.random.seed(seed)" },
  {
    id: "xavier-def",
    source: "def xavier_init(n_in, n_out):\n    return np.random.uniform(-1, 1, size=(n_in, n_out))",
  },
  { id: "naive", source: "x = np.random.randn(4, 10)\na = np.tanh(x * 0.01)" },
  { id: "show-a", source: "a" },
  { id: "stats-x", source: "print(np.mean(x))" },
  { id: "make-def", source: "def make():\n    return xavier_init(2, 2)" },
  { id: "glorot", source: "x = np.random.randn(4, 10)\nw = xavier_init(10, 5)\na = np.tanh(np.dot(x, w))" },
  { id: "show-a2", source: "a" },
  { id: "use-make", source: "m = make()" },
  { id: "reseed", source: "np.random.seed(0)" },
  { id: "after", source: "y = np.random.rand(3)" },
  { id: "use-make2", source: "m2 = make()" },
];

describe("downstream: random state", () => {
  test("ignore: changing the seed re-runs only readers of its names", () => {
    expect(downstream(SEEDED, "seed")).toEqual([]);
    expect(downstream(SEEDED, "seed", { randomState: "ignore" })).toEqual([]);
  });

  test("reseed: changing the seed re-runs every cell that draws, until the next seed", () => {
    expect(downstream(SEEDED, "seed", { randomState: "reseed" })).toEqual([
      "naive",
      "show-a",
      "stats-x",
      "glorot",
      "show-a2",
      "use-make",
    ]);
  });

  test("reseed: an edit that does not seed follows names only", () => {
    expect(downstream(SEEDED, "naive", { randomState: "reseed" })).toEqual(["show-a", "stats-x"]);
  });

  test("all: an edit to a cell that draws re-runs every later cell that draws", () => {
    expect(downstream(SEEDED, "naive", { randomState: "all" })).toEqual([
      "show-a",
      "stats-x",
      "glorot",
      "show-a2",
      "use-make",
    ]);
    expect(downstream(SEEDED, "stats-x", { randomState: "all" })).toEqual([]);
  });

  test("a cell that reads a dirty seed value passes the change on", () => {
    const cells: DepCell[] = [
      { id: "s", source: "s = 1" },
      { id: "seeder", source: "np.random.seed(s)" },
      { id: "draw", source: "v = np.random.rand()" },
    ];
    expect(downstream(cells, "s", { randomState: "reseed" })).toEqual(["seeder", "draw"]);
    expect(downstream(cells, "s")).toEqual(["seeder"]);
  });

  test("functions that call random functions of earlier cells: their callers re-run, their definitions do not", () => {
    expect(downstream(SEEDED, "xavier-def")).toEqual(["glorot", "show-a2", "use-make", "use-make2"]);
  });
});
