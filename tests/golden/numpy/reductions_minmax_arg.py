# %%
import numpy as np

# %%
a = np.array([[3, 7, 1], [9, 2, 8]])

# %%
np.min(a), np.max(a)

# %%
a.min(axis=0)

# %%
a.max(axis=1)

# %%
np.amin(a, axis=1)

# %%
np.amax(a, axis=0, keepdims=True)

# %%
np.argmax(a)

# %%
np.argmin(a)

# %%
a.argmax(axis=0)

# %%
a.argmin(axis=1)

# %%
np.argmax([1.5, 3.5, 3.5, 0.5])

# %%
np.max(np.array([0.25, -1.5]))

# %%
np.min(np.array([True, False]))

# %%
a.max(axis=-1)
