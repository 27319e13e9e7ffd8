# %%
import numpy as np

# %%
np.array([1, 2, 3])

# %%
np.array([1.0, 2, 3])

# %%
np.array([[1, 2], [3, 4]])

# %%
np.array([True, False, True])

# %%
np.array((1.5, 2.5))

# %%
np.array(3.0)

# %%
np.array([])

# %%
np.zeros(3)

# %%
np.zeros((2, 3))

# %%
np.ones((3, 2))

# %%
np.ones(4, dtype=int)

# %%
np.full((2, 2), 7)

# %%
np.full((2, 3), 0.5)

# %%
np.full(3, True)

# %%
e = np.empty((2, 3))
print(e.shape, e.dtype)

# %%
np.asarray([[1, 2, 3]])

# %%
a = np.array([1.0, 2.0])
b = np.asarray(a)
b is a

# %%
c = np.array(a)
c is a

# %%
np.array([[1, 2], [3, 4]], dtype=float)

# %%
np.zeros((0, 3))
