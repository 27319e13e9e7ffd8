# %%
import numpy as np

# %%
a = np.array([[10, 7, 4], [3, 2, 1]])

# %%
np.percentile(a, 50)

# %%
np.percentile(a, 50, axis=0)

# %%
np.percentile(a, 50, axis=1)

# %%
np.percentile(a, [25, 50, 75])

# %%
np.percentile(a, 25, axis=1, keepdims=True)

# %%
np.percentile([1, 2, 3, 4], 90)

# %%
np.percentile(np.array([0.5, 1.5, 0.25]), 0)

# %%
np.percentile(np.array([0.5, 1.5, 0.25]), 100)

# %%
np.random.seed(0)
x = np.random.randn(500)
print(np.percentile(x, [5, 95]))

# %%
np.percentile(a, 101)

# %%
np.percentile(a, -1)
