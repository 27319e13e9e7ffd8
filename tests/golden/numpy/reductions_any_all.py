# %%
import numpy as np

# %%
a = np.array([[0, 1, 2], [0, 0, 3]])

# %%
a.any()

# %%
a.all()

# %%
a.any(axis=0)

# %%
a.all(axis=1)

# %%
(a > -1).all()

# %%
np.array([]).all()

# %%
bool(np.array([1.0]))

# %%
if (a >= 0).all():
    print("all non-negative")

# %%
if np.array([1, 2]):
    print("never")
