# %%
import numpy as np

# %%
a = np.array([1.0, np.nan, np.inf, -np.inf, 0.0])

# %%
a

# %%
np.isnan(a)

# %%
np.isfinite(a)

# %%
np.isnan(np.array([1, 2]))

# %%
np.isnan(np.nan)

# %%
np.isfinite(1.0)

# %%
np.sum(a)

# %%
np.max(np.array([1.0, np.nan, 3.0]))

# %%
np.nan == np.nan

# %%
np.inf > 1e308

# %%
a[np.isfinite(a)]

# %%
print(np.array([np.nan, 1.5]))
