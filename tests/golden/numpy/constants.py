# %%
import numpy as np

# %%
np.pi

# %%
np.e

# %%
np.inf

# %%
-np.inf

# %%
np.nan

# %%
type(np.pi)

# %%
print(np.newaxis)

# %%
np.newaxis is None

# %%
np.sqrt(6.0 / (784 + 256))

# %%
2 * np.pi * np.array([0.0, 0.25, 0.5])

# %%
np.array([np.pi, np.e])
