# %%
import numpy as np

# %%
a = np.array([[1.0, 2.0, 4.0], [3.0, 5.0, 9.0]])

# %%
np.var(a)

# %%
np.std(a)

# %%
a.var(axis=0)

# %%
a.std(axis=1)

# %%
a.var(ddof=1)

# %%
np.std(a, axis=0, ddof=1)

# %%
np.var(a, axis=1, keepdims=True)

# %%
np.var([1, 2, 3, 4])

# %%
np.std(np.array([5, 5, 5]))

# %%
np.random.seed(0)
x = np.random.randn(1000)
print(x.var(), x.std())

# %%
np.random.seed(0)
print(np.random.normal(0, 2, size=(100, 50)).std())
