# %%
import numpy as np

# %%
a = np.zeros((4, 10))

# %%
a.shape

# %%
a.ndim

# %%
a.size

# %%
a.dtype

# %%
a.T.shape

# %%
np.array(3.0).shape

# %%
np.array(3.0).ndim

# %%
np.arange(5).shape

# %%
print(a.shape, a.shape[0], a.shape[1])

# %%
n_in, n_out = a.shape
n_in * n_out

# %%
len(a.shape)

# %%
a.shape == (4, 10)

# %%
np.arange(5).T

# %%
a.foo
