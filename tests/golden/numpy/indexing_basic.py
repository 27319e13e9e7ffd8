# %%
import numpy as np

# %%
a = np.arange(12).reshape(3, 4)
a

# %%
a[0]

# %%
a[1, 2]

# %%
a[-1]

# %%
a[-1, -1]

# %%
a[2][3]

# %%
a[..., 1]

# %%
a[None].shape

# %%
a[:, None, :].shape

# %%
a[:, np.newaxis].shape

# %%
v = np.array([0.5, 1.5, 2.5])
v[1]

# %%
type(v[1])

# %%
type(a[0, 0])

# %%
for row in a:
    print(row, row.sum())

# %%
len(a)

# %%
a[[0, 2]]

# %%
v[[2, 0, 0]]
