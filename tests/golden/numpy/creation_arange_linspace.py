# %%
import numpy as np

# %%
np.arange(5)

# %%
np.arange(2, 10)

# %%
np.arange(0, 1, 0.1)

# %%
np.arange(10, 0, -3)

# %%
np.arange(5.0)

# %%
np.arange(0, 5, dtype=float)

# %%
np.arange(3, 3)

# %%
np.linspace(0, 1, 5)

# %%
np.linspace(-1, 1)

# %%
np.linspace(0, 10, 4, endpoint=False)

# %%
np.linspace(2, 3, num=3)

# %%
np.linspace(0, 1, 1)

# %%
np.arange(0, 10, 0)
