# %%
import numpy as np

# %%
print([repr(np.float32(v)) for v in [1e10, 1e16, 1e15, 123456789.0, 1e-5, 1e-4, 0.0001234, 3e38, 16777216.0, 1e7, 999999.0, 1e6, 0.5]])

# %%
np.float32(1e10)

# %%
np.float32(2.5) * 1e9
