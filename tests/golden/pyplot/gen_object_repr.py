"""Fixture for numpy's repr of object arrays of Axes (what `print(axes)` shows after plt.subplots).

Writes tests/golden/pyplot/object_repr.json: [{"words": [...], "shape": [...], "repr": "...", "str": "..."}].
Elements are stand-ins whose repr is matplotlib's Axes repr text; numpy does the layout.
Run: python3 tests/golden/pyplot/gen_object_repr.py
"""

import json
from pathlib import Path

import numpy as np


class Word:
    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return self.text


def case(words, shape):
    a = np.empty(len(words), dtype=object)
    for i, w in enumerate(words):
        a[i] = Word(w)
    a = a.reshape(shape)
    return {"words": words, "shape": list(shape), "repr": repr(a), "str": str(a)}


def titled(n, fmt):
    return ["<Axes: title={'center': '%s'}>" % (fmt % i) for i in range(n)]


cases = [
    case(["<Axes: >"], (1,)),
    case(["<Axes: >"] * 2, (2,)),
    case(["<Axes: >"] * 5, (5,)),
    case(["<Axes: >"] * 12, (12,)),
    case(["<Axes: >"] * 4, (2, 2)),
    case(["<Axes: >"] * 30, (3, 10)),
    case(titled(6, "layer %d"), (2, 3)),
    case(titled(3, "Xavier initialization, layer %d"), (3,)),
    case(["<Axes: xlabel='x', ylabel='y'>", "<Axes: >"], (1, 2)),
    case(["<Axes: >"] * 9, (9,)),
]
out = Path(__file__).with_name("object_repr.json")
out.write_text(json.dumps({"numpy": np.__version__, "cases": cases}, indent=1) + "\n")
print(f"wrote {len(cases)} cases to {out}")
