# %%
import numpy as np

# %%
np.random.seed(0)
x = np.random.randn(4, 10)
w = np.random.rand(5, 10) * 0.01

# %%
z = np.dot(x, w)

# %%
z = np.dot(x, w.T)
z.shape

# %%
a = np.tanh(z)
print(np.mean(a))
print(np.var(a))

# %%
np.random.uniform(low=-1, high=1, size=(10, 5), seed=3)
