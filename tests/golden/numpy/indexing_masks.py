# %%
import numpy as np

# %%
np.random.seed(0)
x = np.random.randn(3, 4)
x

# %%
x > 0

# %%
x[x > 0]

# %%
x[(x > -0.5) & (x < 0.5)]

# %%
np.sum(x > 0)

# %%
(x > 0).mean()

# %%
x[x > 10]

# %%
x[np.array([True, False, True])]

# %%
v = np.arange(6)
v[v % 2 == 0]

# %%
x[x[:, 0] > 0]
