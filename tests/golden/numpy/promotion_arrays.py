# %%
import numpy as np

# %%
i = np.array([1, 2, 3])
f = np.array([0.5, 1.5, 2.5])
f32 = np.array([0.5, 1.5, 2.5], dtype=np.float32)
b = np.array([True, False, True])

# %%
i + f

# %%
(i + f32).dtype

# %%
(f + f32).dtype

# %%
(b + i).dtype

# %%
b + b

# %%
b * b

# %%
(i / i).dtype

# %%
(f32 / f32).dtype

# %%
i * f32

# %%
np.maximum(i, f32)

# %%
(i == f)

# %%
(i > 1) & b

# %%
(i > 1) | b

# %%
~b
