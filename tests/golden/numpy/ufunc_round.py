# %%
import numpy as np

# %%
x = np.array([0.5, 1.5, 2.5, -0.5, 1.2345, 2.6789])

# %%
np.round(x)

# %%
np.round(x, 2)

# %%
np.round(x, decimals=1)

# %%
x.round(3)

# %%
np.round(np.array([123.456, 987.654]), -1)

# %%
np.round(np.array([1, 2, 3]))

# %%
np.round(2.675, 2)

# %%
round(np.float64(2.5))

# %%
round(np.float64(1.23456), 2)

# %%
np.round(np.mean(np.array([0.1, 0.2, 0.4])), 3)
