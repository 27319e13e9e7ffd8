# %%
import numpy as np

# %%
a = np.arange(6).reshape(2, 3)
a + np.array([10, 20, 30])

# %%
a + np.array([[100], [200]])

# %%
col = np.array([1.0, 2.0, 3.0])[:, np.newaxis]
row = np.array([10.0, 20.0])
col * row

# %%
np.ones((2, 1, 3)) + np.arange(4).reshape(4, 1)

# %%
(np.ones((2, 1, 3)) + np.arange(4).reshape(4, 1)).shape

# %%
m = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
m - m.mean(axis=0)

# %%
m / m.sum(axis=1, keepdims=True)

# %%
np.zeros((3, 1)) + np.zeros(1)
