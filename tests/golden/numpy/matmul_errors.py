# %%
import numpy as np

# %%
x = np.ones((4, 10))
w = np.ones((5, 10))

# %%
np.dot(x, w)

# %%
x @ w

# %%
np.matmul(x, w)

# %%
np.matmul(x, 2.0)

# %%
np.dot(np.ones(3), np.ones(4))

# %%
np.ones(3) @ np.ones(4)
