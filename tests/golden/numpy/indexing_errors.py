# %%
import numpy as np

# %%
a = np.arange(12).reshape(3, 4)

# %%
a[3]

# %%
a[0, 4]

# %%
a[-4]

# %%
a[1, 2, 3]

# %%
a[np.array([True, False])]

# %%
a[1.5]

# %%
b = np.arange(3)
b[5] = 1

# %%
np.float64(1.0)[0]

# %%
i = np.arange(6)
i += 0.5
