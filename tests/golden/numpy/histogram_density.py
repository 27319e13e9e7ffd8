# %%
import numpy as np

# %%
np.random.seed(1)
x = np.random.randn(500)

# %%
np.histogram(x, density=True)

# %%
d, e = np.histogram(x, bins=7, density=True)
print((d * (e[1:] - e[:-1])).sum())

# %%
np.histogram(x, bins=[-3, -1, 0, 0.5, 3], density=True)

# %%
np.histogram(x, bins=np.linspace(-2, 2, 5), range=(-1, 1), density=True)

# %%
np.histogram(x, bins=4, range=(-1, 1), density=True)

# %%
np.histogram([1, 2, 2, 3, 3, 3], bins=3, density=True)

# %%
np.histogram(np.array([0.5, 1.5, 1.25], dtype=np.float32), bins=2, density=True)

# %%
np.histogram(x, bins=range(-3, 4))

# %%
np.histogram(x, bins=np.arange(-3, 4), density=True)

# %%
np.histogram(x, bins=3, density=False)

# %%
np.histogram(x, bins=[1, 0, 2])

# %%
np.histogram(x, bins=-2, density=True)
