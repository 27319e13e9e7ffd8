# %%
import numpy as np
np.ones(3) / 3.

# %%
w = np.array([1., 2., 3.]) * 2.
w

# %%
np.arange(4) * .5 + 1.
