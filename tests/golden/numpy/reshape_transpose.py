# %%
import numpy as np

# %%
a = np.arange(6)

# %%
a.reshape(2, 3)

# %%
a.reshape((3, 2))

# %%
a.reshape(-1, 2)

# %%
np.reshape(a, (2, -1))

# %%
a.reshape(6, 1)

# %%
a.reshape(2, 3).T

# %%
np.transpose(a.reshape(2, 3))

# %%
a.reshape(2, 3).transpose()

# %%
x = np.arange(24).reshape(2, 3, 4)
x.transpose(2, 0, 1).shape

# %%
np.transpose(x, (1, 0, 2)).shape

# %%
x.T.shape

# %%
m = a.reshape(2, 3)
m.ravel()

# %%
m.T.flatten()

# %%
m.T.ravel()

# %%
a.reshape(1, -1)

# %%
a.T
