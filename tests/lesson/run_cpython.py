"""Run a notebook's code cells in CPython the way IPython does, and print each cell's text as JSON.

Usage: python3 tests/lesson/run_cpython.py NOTEBOOK.ipynb [--time]

Each code cell runs in one shared namespace. Its stdout is captured; if the cell
ends with an expression statement (not followed by `;`) whose value is not None,
the value's repr is its result, as IPython's display hook shows it. An exception
ends the cell with "ename: evalue" and the run goes on with the next cell.
Figures print nothing: they are not text.

When `import matplotlib` fails, tests/lesson/mpl_stub is put on sys.path: a
stand-in pyplot that accepts the lesson's calls and draws nothing.

Output (stdout): {"python": "3.11.x", "numpy": "2.x", "matplotlib": "stub|x.y",
"cells": [{"id": ID, "outputs": [{"type": "stream"|"result"|"error", "text": ...}]}]}
With --time each cell also gets "seconds" (wall time).
"""

import ast
import contextlib
import io
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load_matplotlib():
    # Agg: no window, and plt.show() returns at once.
    os.environ.setdefault("MPLBACKEND", "Agg")
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        sys.path.insert(0, str(HERE / "mpl_stub"))
        import matplotlib  # noqa: F401
    return matplotlib


def cell_source(cell):
    src = cell["source"]
    return src if isinstance(src, str) else "".join(src)


def ends_with_semicolon(source):
    # IPython hides the trailing value when the last line ends with ';' (before any comment).
    lines = [line for line in source.rstrip().split("\n") if line.strip()]
    if not lines:
        return False
    last = lines[-1].split("#", 1)[0].rstrip()
    return last.endswith(";")


def run_cell(source, namespace, name):
    tree = ast.parse(source, filename=name)
    tail = None
    if tree.body and isinstance(tree.body[-1], ast.Expr) and not ends_with_semicolon(source):
        tail = ast.Expression(tree.body.pop().value)
    exec(compile(tree, name, "exec"), namespace)
    if tail is not None:
        value = eval(compile(tail, name, "eval"), namespace)
        if value is not None:
            namespace["_"] = value
            return repr(value)
    return None


def add_stream(outputs, text):
    if not text:
        return
    if outputs and outputs[-1]["type"] == "stream":
        outputs[-1]["text"] += text
    else:
        outputs.append({"type": "stream", "text": text})


def run_notebook(path, timed):
    matplotlib = load_matplotlib()
    import numpy as np

    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    namespace = {"__name__": "__main__"}
    cells = []
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        outputs = []
        buffer = io.StringIO()
        start = time.perf_counter()
        result = None
        error = None
        with contextlib.redirect_stdout(buffer):
            try:
                result = run_cell(cell_source(cell), namespace, "<cell %s>" % cell.get("id", index))
            except Exception as exc:  # the notebook goes on, as Jupyter's Run all with errors allowed
                error = "%s: %s" % (type(exc).__name__, exc)
        seconds = time.perf_counter() - start
        add_stream(outputs, buffer.getvalue())
        if result is not None:
            outputs.append({"type": "result", "text": result})
        if error is not None:
            outputs.append({"type": "error", "text": error})
        if "matplotlib.pyplot" in sys.modules:
            sys.modules["matplotlib.pyplot"].close("all")
        entry = {"id": cell.get("id", str(index)), "outputs": outputs}
        if timed:
            entry["seconds"] = round(seconds, 4)
        cells.append(entry)
    return {
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "matplotlib": matplotlib.__version__,
        "cells": cells,
    }


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        sys.exit(__doc__)
    report = run_notebook(args[0], "--time" in sys.argv[1:])
    json.dump(report, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
