# %%
import numpy as np

# %%
x = np.array([-3.0, -1.0, 0.0, 2.0, 5.0])

# %%
np.clip(x, -1, 1)

# %%
np.clip(x, 0, None)

# %%
np.clip(np.arange(6), 2, 4)

# %%
x.clip(-2, 2)

# %%
x.clip(min=0)

# %%
np.clip(np.arange(4), 0.5, 2.5)

# %%
np.where(x > 0, x, 0)

# %%
np.where(x > 0, 1, -1)

# %%
np.where(x > 0, x, 0.01 * x)

# %%
np.where([True, False, True], [1, 2, 3], [10, 20, 30])

# %%
np.where(np.array([[True], [False]]), np.ones((2, 3)), np.zeros(3))
