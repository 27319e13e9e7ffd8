# %%
import numpy as np

# %%
a = np.array([[1, 2, 3], [4, 5, 6]])

# %%
np.prod(a)

# %%
a.prod(axis=0)

# %%
np.prod([0.5, 4.0])

# %%
np.cumsum(a)

# %%
np.cumsum(a, axis=0)

# %%
a.cumsum(axis=1)

# %%
np.cumsum([0.1, 0.2, 0.3])

# %%
np.cumsum(np.array([True, True, False]))

# %%
np.prod(np.array([]))
