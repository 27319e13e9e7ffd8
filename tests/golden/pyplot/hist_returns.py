# Expected output: PYTHONPATH=tests/lesson/mpl_stub python3 tests/golden/generate.py tests/golden/pyplot
# (matplotlib is not installed; the lesson's stand-in bins with np.histogram as Axes.hist does).
# Cells close their figures, so only printed text is compared.

# %%
import numpy as np
import matplotlib.pyplot as plt

# %%
np.random.seed(0)
x = np.random.randn(1000)
counts, bins, patches = plt.hist(x, 20)
print(counts)
print(bins)
print(counts.dtype, bins.dtype)
plt.close("all")

# %%
counts, bins, _ = plt.hist(x * 0.5, bins=10, range=(-1, 1))
plt.close("all")
counts

# %%
# (bins is not printed: matplotlib returns float edges, the stand-in numpy's own.)
counts, bins, _ = plt.hist(list(x[:50]), bins=[-3, -1, 0, 1, 3])
plt.close("all")
print(counts)

# %%
fig, axes = plt.subplots(2, 3, figsize=(9, 5))
for i in range(2):
    for j in range(3):
        c, b, _ = axes[i, j].hist(x * (i + 1) + j, 8)
        print(c.sum(), b[0], b[-1])
plt.tight_layout()
plt.close("all")
