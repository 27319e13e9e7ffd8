"""Fixture for plt.hist's return value, computed the way matplotlib 3.8's Axes.hist does it with numpy.

matplotlib is not installed here, so this follows Axes.hist step by step (histtype='bar'):
datasets from _reshape_2D (columns of a 2-D array), bin_range = (nanmin, nanmax) over all datasets
when range is None, edges from np.histogram_bin_edges over all data when there are several datasets,
tops = np.array(tops, float), bins = np.array(bins, float); bars at bins[:-1] + boffset with
width dr*totwidth/nx and Rectangle x = centre - width/2.

Writes tests/golden/pyplot/hist_fixture.json. Run: python3 tests/golden/pyplot/gen_hist_fixture.py
"""

import json
from pathlib import Path

import numpy as np

# Exact in binary and in JS: integers divided by 100.
X = (np.arange(200) * 7919 % 1000) / 100 - 5


def mpl_hist(x, bins=10, range=None, density=False):
    x = np.asarray(x, float)
    datasets = [x] if x.ndim == 1 else [x[:, j] for j in np.arange(x.shape[1])]
    nx = len(datasets)
    bin_range = range
    if bin_range is None:
        xmin, xmax = np.inf, -np.inf
        for xi in datasets:
            if len(xi):
                xmin = min(xmin, np.nanmin(xi))
                xmax = max(xmax, np.nanmax(xi))
        if xmin <= xmax:
            bin_range = (xmin, xmax)
    kw = {"density": density}
    if nx > 1:
        bins = np.histogram_bin_edges(np.concatenate(datasets), bins, bin_range)
    else:
        kw["range"] = bin_range
    tops = []
    for xi in datasets:
        m, bins = np.histogram(xi, bins, **kw)
        tops.append(m)
    tops = np.array(tops, float)
    bins = np.array(bins, float)
    totwidth = np.diff(bins)
    dr = 0.8 if nx > 1 else 1.0
    width = dr * totwidth / nx
    boffset = -0.5 * dr * totwidth * (1 - 1 / nx)
    boffset += 0.5 * totwidth
    rects = []
    for m in tops:
        centre = bins[:-1] + boffset
        left = centre - width / 2
        rects.append(
            ["Rectangle(xy=(%g, %g), width=%g, height=%g, angle=0)" % (l, 0, w, h) for l, w, h in zip(left, width, m)]
        )
        boffset += width
    if nx == 1:
        text = "(%r, %r, <BarContainer object of %d artists>)" % (tops[0], bins, len(tops[0]))
    else:
        text = "(%r, %r, <a list of %d BarContainer objects>)" % (tops, bins, nx)
    return {"repr": text, "rects": rects}


cases = {
    "default": mpl_hist(X),
    "bins_range": mpl_hist(X, 7, range=(-3, 3)),
    "density": mpl_hist(X, 5, density=True),
    "columns": mpl_hist(X.reshape(50, 4), 4),
    "edges": mpl_hist(X, [-5, -1, 0, 1, 5]),
}
out = Path(__file__).with_name("hist_fixture.json")
out.write_text(json.dumps({"numpy": np.__version__, "cases": cases}, indent=1) + "\n")
print(f"wrote {len(cases)} cases to {out}")
