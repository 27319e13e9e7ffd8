# %%
import numpy as np

# %%
np.random.seed(0)
np.random.uniform(low=-1, high=1, size=(2, 3))

# %%
np.random.seed(0)
np.random.uniform(-0.5, 0.5, 4)

# %%
np.random.seed(0)
np.random.uniform()

# %%
np.random.seed(0)
np.random.uniform(size=3)

# %%
np.random.seed(0)
np.random.normal(loc=1.0, scale=0.1, size=(2, 2))

# %%
np.random.seed(0)
np.random.normal(5, 2)

# %%
np.random.seed(0)
np.random.normal(size=4)

# %%
np.random.seed(0)
np.random.standard_normal(size=3)

# %%
np.random.seed(0)
np.random.randint(0, 10, size=8)

# %%
np.random.seed(0)
np.random.randint(5, size=(2, 3))

# %%
np.random.seed(0)
np.random.randint(low=-3, high=3, size=6)

# %%
np.random.seed(0)
np.random.randint(100)

# %%
np.random.seed(0)
np.random.rand(3, 2) * 0.01

# %%
np.random.seed(0)
np.random.uniform(np.array([0.0, 10.0]), np.array([1.0, 20.0]))

# %%
np.random.seed(0)
np.random.normal(0, np.array([1.0, 100.0]), size=(3, 2))
