# %%
import numpy as np

# %%
a = np.zeros((3, 4))
a[0, 0] = 1
a[1] = 2
a[:, 3] = np.array([7, 8, 9])
a

# %%
a[a == 0] = -1
a

# %%
b = np.arange(10)
b[b > 5] = 0
b

# %%
b[2:4] = 3.7
b

# %%
c = np.ones((2, 3))
c[:, :] = np.array([1.0, 2.0, 3.0])
c

# %%
d = np.arange(5, dtype=float)
d[d < 2] *= 10
d

# %%
e = np.arange(6).reshape(2, 3)
e += 1
e

# %%
e *= 2
e

# %%
f = np.ones(3)
f /= 4
f

# %%
g = np.array([True, False])
g[1] = 5
g

# %%
h = np.zeros(3)
h[...] = 4
h

# %%
m = np.zeros((2, 2))
m[0][1] = 5
m
