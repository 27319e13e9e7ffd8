# %%
import numpy as np

# %%
a = np.arange(6)

# %%
a.reshape(4, 2)

# %%
a.reshape(-1, -1)

# %%
a.reshape(-1, 4)

# %%
np.reshape(a, (5,))

# %%
a.reshape(2, 3).transpose(0, 0)

# %%
a.reshape(2, 3).transpose(1, 2)

# %%
np.zeros(-1)
