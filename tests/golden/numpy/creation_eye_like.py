# %%
import numpy as np

# %%
np.eye(3)

# %%
np.eye(2, 4)

# %%
np.eye(3, dtype=int)

# %%
a = np.array([[1, 2, 3], [4, 5, 6]])
np.zeros_like(a)

# %%
np.ones_like(a)

# %%
np.zeros_like(a, dtype=float)

# %%
np.ones_like(np.array([0.5, 1.5]))

# %%
np.ones_like([[1.0, 2.0]])

# %%
np.zeros_like(np.array([True, False]))
