# %%
import numpy as np

# %%
a = np.ones((2, 3))

# %%
a.sum(axis=2)

# %%
np.mean(a, axis=-3)

# %%
np.argmax(np.array([]))

# %%
np.max(np.array([]))

# %%
a.sum(axis=(0, 0))

