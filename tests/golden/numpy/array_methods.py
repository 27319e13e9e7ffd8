# %%
import numpy as np

# %%
a = np.array([[1.5, 2.5], [3.5, 4.5]])

# %%
a.tolist()

# %%
np.arange(3).tolist()

# %%
np.array([True, False]).tolist()

# %%
np.array(2.5).tolist()

# %%
a.item(0)

# %%
np.array([[7]]).item()

# %%
type(np.array([7]).item())

# %%
a.copy()

# %%
c = a.copy()
c[0, 0] = 100
a[0, 0]

# %%
a.flatten()

# %%
a.ravel()

# %%
a.astype(np.int64)

# %%
a.sum(), a.mean(), a.var(), a.std()

# %%
a.min(), a.max(), a.argmax(), a.argmin()

# %%
a.prod()

# %%
a.cumsum()

# %%
a.any(), a.all()

# %%
a.round()

# %%
a.clip(2, 4)

# %%
a.dot(a)

# %%
a.transpose()

# %%
a.reshape(4)

# %%
a.item()
