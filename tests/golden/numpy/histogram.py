# %%
import numpy as np

# %%
np.random.seed(0)
x = np.random.randn(1000)

# %%
counts, edges = np.histogram(x)
counts

# %%
edges

# %%
np.histogram(x, bins=5)

# %%
np.histogram(x, bins=4, range=(-2, 2))

# %%
np.histogram([1, 2, 2, 3, 3, 3], bins=3)

# %%
np.histogram(np.array([0.0, 1.0, 1.0, 2.0]), bins=[0, 1, 2])

# %%
np.histogram(np.ones(5))

# %%
np.histogram(np.arange(10), bins=3, range=(0, 9))

# %%
h = np.histogram(np.tanh(x), bins=20)
print(h[0].sum(), h[0].dtype, h[1].dtype)

# %%
np.histogram(x, bins=0)

# %%
np.histogram(x, range=(2, 1))
