# %%
import numpy as np

# %%
a = np.ones((2, 3))
b = np.ones((3, 2))

# %%
a + b

# %%
a * np.ones(2)

# %%
np.ones((4, 10)) - np.ones((10, 5))

# %%
np.maximum(np.ones(3), np.ones(4))

# %%
np.where(np.ones(2) > 0, np.ones(3), 0)

# %%
c = np.zeros((2, 3))
c[:] = np.ones(2)
