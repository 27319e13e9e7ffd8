# %%
import numpy as np

# %%
a = np.array([[1, 2], [3, 4]])
b = np.array([[5, 6]])

# %%
np.concatenate([a, b])

# %%
np.concatenate((a, b.T), axis=1)

# %%
np.concatenate([np.array([1, 2]), np.array([3.5])])

# %%
np.concatenate([a, a], axis=None)

# %%
np.stack([np.array([1, 2]), np.array([3, 4])])

# %%
np.stack([np.array([1, 2]), np.array([3, 4])], axis=1)

# %%
np.stack([a, a], axis=-1).shape

# %%
np.stack([np.ones(3), np.zeros(3)], axis=0)

# %%
np.concatenate([a, b], axis=1)

# %%
np.stack([np.ones(3), np.ones(4)])

# %%
np.concatenate([a, a], axis=2)

# %%
np.concatenate([np.ones(2), np.ones((2, 2))])
