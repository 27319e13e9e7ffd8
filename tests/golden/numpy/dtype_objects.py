# %%
import numpy as np

# %%
a = np.array([1.0, 2.0])
a.dtype

# %%
print(a.dtype)

# %%
np.array([1, 2]).dtype

# %%
np.array([True]).dtype

# %%
np.zeros(2, dtype=np.float32).dtype

# %%
a.dtype == np.float64

# %%
a.dtype == "float64"

# %%
np.array([1, 2]).dtype == np.float64

# %%
f"{a.dtype}"

# %%
str(np.array([1, 2]).dtype)

# %%
a.astype(np.float32).dtype

# %%
a.astype(int)

# %%
a.astype("int64").dtype

# %%
np.array([0.0, 0.5, 2.0]).astype(bool)
