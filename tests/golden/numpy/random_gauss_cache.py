# %%
import numpy as np

# %%
np.random.seed(0)
print(np.random.randn())
print(np.random.rand())
print(np.random.randn())
print(np.random.randn())

# %%
np.random.seed(0)
np.random.randn(3)

# %%
np.random.randn(3)

# %%
np.random.seed(5)
a = np.random.randn()
np.random.seed(5)
b = np.random.randn()
a == b

# %%
np.random.seed(0)
np.random.normal(0, 1, 3)

# %%
np.random.seed(0)
u = np.random.rand(4, 10)
print(u.mean())
np.random.seed(0)
print(np.random.rand(40).reshape(4, 10).mean() == u.mean())
