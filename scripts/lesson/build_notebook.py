"""Build public/notebooks/8-4-initializers.ipynb from scripts/lesson/lesson.src.

The .src file is the readable source of the lesson. A line

    #%% code imports
    #%% markdown title

starts a cell of that type whose nbformat 4.5 `id` is the word after the type.
Everything up to the next marker is the cell's text, with blank lines at both
ends removed. The notebook is written without outputs (execution_count null).

It then runs the notebook in CPython + numpy (tests/lesson/run_cpython.py) and
writes the text of every code cell to tests/lesson/cpython-output.json, the
reference that tests/unit/lesson.test.ts compares Initlab's run with.

Usage: python3 scripts/lesson/build_notebook.py [--check] [--notebook-only]
  --check          exit 1 if the committed .ipynb or cpython-output.json differs
                   from what the source and CPython give.
  --notebook-only  leave out the CPython run (and cpython-output.json).
"""

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "scripts" / "lesson" / "lesson.src"
OUT = ROOT / "public" / "notebooks" / "8-4-initializers.ipynb"
RUNNER = ROOT / "tests" / "lesson" / "run_cpython.py"
REFERENCE = ROOT / "tests" / "lesson" / "cpython-output.json"

MARKER = re.compile(r"^#%% (code|markdown) ([A-Za-z0-9_-]{1,64})\s*$")


def parse(text):
    cells = []
    current = None
    for line in text.split("\n"):
        m = MARKER.match(line)
        if m:
            current = {"type": m.group(1), "id": m.group(2), "lines": []}
            cells.append(current)
        elif current is None:
            if line.strip():
                raise SystemExit("text before the first cell marker: %r" % line)
        else:
            current["lines"].append(line)
    seen = set()
    for c in cells:
        if c["id"] in seen:
            raise SystemExit("duplicate cell id: " + c["id"])
        seen.add(c["id"])
        lines = c["lines"]
        while lines and not lines[0].strip():
            lines.pop(0)
        while lines and not lines[-1].strip():
            lines.pop()
        if not lines:
            raise SystemExit("empty cell: " + c["id"])
    return cells


def source_lines(lines):
    # nbformat stores source as a list of lines, each but the last ending in "\n".
    return [line + "\n" for line in lines[:-1]] + [lines[-1]]


def to_notebook(cells):
    nb_cells = []
    for c in cells:
        cell = {"cell_type": c["type"], "id": c["id"], "metadata": {}, "source": source_lines(c["lines"])}
        if c["type"] == "code":
            cell = {
                "cell_type": "code",
                "execution_count": None,
                "id": c["id"],
                "metadata": {},
                "outputs": [],
                "source": source_lines(c["lines"]),
            }
        nb_cells.append(cell)
    return {
        "cells": nb_cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def render():
    nb = to_notebook(parse(SRC.read_text(encoding="utf-8")))
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def cpython_text(notebook):
    run = subprocess.run(
        [sys.executable, str(RUNNER), str(notebook)], check=True, capture_output=True, text=True, cwd=ROOT
    )
    return run.stdout


def main():
    text = render()
    if "--check" in sys.argv[1:]:
        stale = []
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            stale.append(OUT)
        elif "--notebook-only" in sys.argv[1:]:
            pass
        elif not REFERENCE.exists() or REFERENCE.read_text(encoding="utf-8") != cpython_text(OUT):
            stale.append(REFERENCE)
        for path in stale:
            print("%s is out of date: run python3 scripts/lesson/build_notebook.py" % path.relative_to(ROOT))
        if stale:
            sys.exit(1)
        print("up to date")
        return
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print("wrote %s" % OUT.relative_to(ROOT))
    if "--notebook-only" in sys.argv[1:]:
        return
    REFERENCE.write_text(cpython_text(OUT), encoding="utf-8")
    print("wrote %s" % REFERENCE.relative_to(ROOT))


if __name__ == "__main__":
    main()
