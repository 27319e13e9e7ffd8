# %%
import numpy as np

# %%
a = np.ones(3)
isinstance(a, np.ndarray)

# %%
isinstance([1, 2], np.ndarray)

# %%
type(a)

# %%
type(a) == np.ndarray

# %%
isinstance(a.sum(), float)

# %%
isinstance(a.sum(), np.float64)

# %%
isinstance(np.int64(1), int)

# %%
isinstance(a[0], np.ndarray)

# %%
np.ndarray
