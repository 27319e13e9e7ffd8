# %%
import numpy as np

# %%
np.random.seed(-1)

# %%
np.random.seed(2**32)

# %%
np.random.randint(5, 2)

# %%
np.random.randint(0)

# %%
np.random.normal(0, -1)

# %%
np.random.rand(-1)

# %%
np.random.uniform(0, 1, size=-2)

# %%
np.random.seed(1.5)
