# %%
import numpy as np

# %%
x = np.linspace(0.001, 1000.0, 397)
print(np.log2(x).tolist())

# %%
print(np.log10(x).tolist())

# %%
print(np.log1p(x).tolist())

# %%
y = np.linspace(-0.999, 3.0, 211)
print(np.log1p(y).tolist())

# %%
z = np.array([1e-300, 1e-20, 1e-10, 3.5e-5, 0.1, 0.3, 7.0, 1024.0, 1e10, 1e200, 1e308])
print(np.log2(z).tolist())
print(np.log10(z).tolist())
print(np.log1p(z).tolist())

# %%
np.log2(np.array([1, 2, 8, 1024]))

# %%
np.log10(100.0)

# %%
np.log2(np.array([0.5, 4.0], dtype=np.float32))

# %%
np.log1p(np.array([-1e-12, 1e-12, 0.0]))
