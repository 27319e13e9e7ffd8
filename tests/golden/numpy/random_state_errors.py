# %%
import numpy as np

# %%
np.random.seed([[1, 2]])

# %%
np.random.seed(np.array([1.0]))

# %%
np.random.seed(np.array([]))

# %%
np.random.seed(-1)

# %%
np.random.seed(np.array([-1, 2]))

# %%
np.random.RandomState(1.5)

# %%
np.random.RandomState(2**32)

# %%
np.random.RandomState(0).choice(3, 5, replace=False)

# %%
np.random.RandomState(0).choice(3, p=[0.5, 0.6, 0.1])

# %%
np.random.RandomState(0).choice([[1, 2]])

# %%
np.random.RandomState(0).randint(5, 2)

# %%
np.random.RandomState(0).normal(0, -1)

# %%
np.random.RandomState(0).nosuch
