"""Check that the lesson's code cells stay inside Initlab's Python, numpy and pyplot subsets.

Usage: python3 scripts/lesson/check_subset.py [NOTEBOOK.ipynb]

The allow-lists below are the lesson's share of DESIGN.md's subsets: what a cell
may use so that it runs the same in Initlab and in Jupyter. Prints every use
outside them and exits 1 if there is one.
"""

import ast
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = ROOT / "public" / "notebooks" / "8-4-initializers.ipynb"

NUMPY = {
    "array", "zeros", "ones", "zeros_like", "ones_like", "full", "eye", "arange", "linspace", "reshape",
    "dot", "matmul", "transpose", "tanh", "exp", "log", "sqrt", "abs", "sin", "cos", "maximum", "minimum",
    "clip", "where", "sum", "mean", "var", "std", "min", "max", "argmax", "argmin", "prod", "cumsum",
    "percentile", "histogram", "round", "isnan", "isfinite", "concatenate", "stack", "float64", "int64",
    "pi", "random",
}
NUMPY_RANDOM = {"seed", "rand", "randn", "random", "uniform", "normal", "standard_normal", "randint"}
PYPLOT = {
    "figure", "subplot", "subplots", "hist", "plot", "bar", "title", "xlabel", "ylabel", "xlim", "ylim",
    "yscale", "legend", "suptitle", "tight_layout", "show",
}
AXES = {
    "hist", "plot", "set_title", "set_xlabel", "set_ylabel", "set_xlim", "set_ylim", "set_yscale",
    "legend", "set_xticks", "set_yticks",
}
ARRAY_METHODS = {"reshape", "ravel", "flatten", "copy", "astype", "sum", "mean", "var", "std", "min", "max",
                 "argmax", "tolist", "item"}
ARRAY_ATTRS = {"shape", "ndim", "size", "dtype", "T"}
LIST_METHODS = {"append"}
DICT_METHODS = {"items"}
BUILTINS = {"print", "range", "len", "enumerate", "zip", "list", "tuple", "dict", "int", "float", "str",
            "bool", "abs", "min", "max", "sum", "round", "sorted", "reversed", "isinstance", "type"}
FORBIDDEN = {
    ast.ClassDef: "class", ast.Try: "try", ast.With: "with", ast.Yield: "yield", ast.YieldFrom: "yield",
    ast.GeneratorExp: "generator expression", ast.SetComp: "set comprehension", ast.Set: "set literal",
    ast.DictComp: "dict comprehension", ast.Global: "global", ast.Nonlocal: "nonlocal", ast.Raise: "raise",
    ast.AsyncFunctionDef: "async", ast.Await: "await", ast.Starred: "star arguments", ast.Delete: "del",
    ast.NamedExpr: "walrus", ast.Match: "match",
}
# Names whose attributes are axes methods (plt.subplots gives `axes`, one of them is `ax`).
AXES_NAMES = {"ax", "axes"}


def attribute_chain(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return list(reversed(parts))
    return None


def base_name(node):
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def check_cell(cell_id, source, defined):
    problems = []
    tree = ast.parse(source)
    # A function passed in as an argument (`init`) may be called inside the function.
    params = {a.arg for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) for a in f.args.args}
    for node in ast.walk(tree):
        where = "%s:%d" % (cell_id, getattr(node, "lineno", 0))
        for kind, what in FORBIDDEN.items():
            if isinstance(node, kind):
                problems.append("%s: %s is outside the Python subset" % (where, what))
        if isinstance(node, ast.Import):
            for alias in node.names:
                if (alias.name, alias.asname) not in {("numpy", "np"), ("matplotlib.pyplot", "plt")}:
                    problems.append("%s: import %s" % (where, alias.name))
        if isinstance(node, ast.ImportFrom):
            problems.append("%s: from-import" % where)
        if isinstance(node, ast.FunctionDef):
            defined.add(node.name)
        if isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Store):
            chain = attribute_chain(node)
            if chain and chain[0] == "np":
                if len(chain) == 2 and chain[1] not in NUMPY:
                    problems.append("%s: np.%s" % (where, chain[1]))
                if len(chain) == 3 and (chain[1] != "random" or chain[2] not in NUMPY_RANDOM):
                    problems.append("%s: %s" % (where, ".".join(chain)))
                continue
            if chain and chain[0] == "plt":
                if len(chain) != 2 or chain[1] not in PYPLOT:
                    problems.append("%s: %s" % (where, ".".join(chain)))
                continue
            name = base_name(node.value)
            if isinstance(node.value, ast.Constant):
                problems.append("%s: method .%s of a literal" % (where, node.attr))
            elif name in AXES_NAMES:
                if node.attr not in AXES:
                    problems.append("%s: axes method %s" % (where, node.attr))
            elif name is not None and name != "np" and name != "plt":
                allowed = ARRAY_METHODS | ARRAY_ATTRS | LIST_METHODS | DICT_METHODS
                if node.attr not in allowed:
                    problems.append("%s: method or attribute .%s" % (where, node.attr))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            name = node.func.id
            if name not in BUILTINS and name not in defined and name not in params:
                problems.append("%s: call to %s, neither a builtin of the subset nor defined above" % (where, name))
    return problems


def main():
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    nb = json.loads(path.read_text(encoding="utf-8"))
    defined = set()
    problems = []
    cells = 0
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        cells += 1
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        problems += check_cell(cell["id"], source, defined)
    for p in problems:
        print(p)
    if problems:
        sys.exit(1)
    print("%d code cells inside the subset" % cells)


if __name__ == "__main__":
    main()
