# %%
import numpy as np

# %%
np.arange(1000)

# %%
np.arange(1001)

# %%
np.random.seed(0)
big = np.random.rand(40, 40)
big

# %%
print(big)

# %%
np.arange(30.0)

# %%
np.linspace(0, 1, 20)

# %%
np.random.seed(1)
np.random.randn(4, 10)

# %%
np.arange(2000).reshape(2, 1000)

# %%
np.ones((3, 4, 5))
