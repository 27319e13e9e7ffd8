# %%
import numpy as np

# %%
np.sort([3, 1, 2])

# %%
np.sort(np.array([[3.5, -1.0, 2.0], [0.5, 9.0, -4.0]]))

# %%
np.sort(np.array([[3, 1], [0, 5], [2, 2]]), axis=0)

# %%
np.sort(np.array([[3, 1], [0, 5]]), axis=None)

# %%
np.sort(np.array([2.0, np.nan, -1.0, np.inf, 0.0]))

# %%
np.argsort(np.array([3, 1, 2, -1, 4, 0]))

# %%
np.argsort(np.array([[0.3, 0.1, 0.2], [5.0, 4.0, 6.0]]))

# %%
np.argsort(np.array([[0.3, 0.1], [0.2, 0.5]]), axis=0)

# %%
a = np.array([5, 2, 9, 1])
a.sort()
a

# %%
b = np.array([[4.0, 1.0], [3.0, 2.0]])
b.sort(axis=0)
b

# %%
np.array([2.5, 0.5, 1.5]).argsort()

# %%
np.sort(np.array([1, 2]), kind="bogus")

# %%
np.sort(np.array([1, 2]), axis=3)

# %%
np.sort(np.float64(2.0))

# %%
np.unique([3, 1, 2, 3, 1, 1])

# %%
np.unique(np.array([[1.5, 0.5], [1.5, 2.0]]))

# %%
np.unique([3, 1, 2, 3, 1, 1], return_counts=True)

# %%
np.unique([3, 1, 2, 3, 1, 1], return_index=True)

# %%
np.unique([3, 1, 2, 3, 1, 1], return_index=True, return_inverse=True, return_counts=True)

# %%
np.bincount([0, 1, 1, 3, 2, 1, 7])

# %%
np.bincount(np.array([0, 1, 1, 2]), minlength=6)

# %%
np.bincount([0, 1, 1, 2], weights=[0.5, 1.0, 0.25, 2.0])

# %%
np.bincount([0, -1, 2])

# %%
np.bincount([[0, 1], [1, 1]])

# %%
np.bincount([0, 1], minlength=-1)

# %%
np.count_nonzero(np.array([[0, 1, 2], [0, 0, 3]]))

# %%
np.count_nonzero([0.0, 1.5, np.nan, -0.0])

# %%
np.outer([1, 2, 3], [4, 5])

# %%
np.outer(np.array([0.5, 1.5]), np.array([[1.0, 2.0], [3.0, 4.0]]))

# %%
np.sign(np.array([-2.5, 0.0, 3.0, np.nan]))

# %%
np.sign([-3, 0, 7])

# %%
np.sign(-0.5)

# %%
np.isclose([1.0, 1.0001, np.nan, np.inf], [1.0, 1.0, np.nan, np.inf])

# %%
np.isclose([1.0, np.nan], [1.0, np.nan], equal_nan=True)

# %%
np.isclose(1e-9, 0.0)

# %%
np.isclose([1.0, 2.0], [1.1, 2.05], rtol=0.06)

# %%
np.allclose([1.0, 2.0], [1.0, 2.0000001])

# %%
np.allclose([1.0, 2.0], [1.0, 2.1])

# %%
np.allclose(np.ones((2, 3)), 1)

# %%
np.isclose([1.0, 2.0], [1.0, 2.0, 3.0])
