# %%
import numpy as np

# %%
np.zeros(3, dtype=np.float32)

# %%
np.ones((2, 2), dtype=np.int64)

# %%
np.array([1, 2, 3], dtype=np.float64)

# %%
np.array([1.7, -2.7, 3.2], dtype=np.int64)

# %%
np.array([0, 1, 2], dtype=bool)

# %%
np.array([1, 2], dtype="float32")

# %%
np.zeros(2, dtype="int64")

# %%
np.arange(4, dtype=np.float32)

# %%
np.full((2, 2), 3, dtype=float)

# %%
np.array([1.5, 2.5], dtype=np.float32).dtype

# %%
np.zeros(2, dtype="complex128x")
