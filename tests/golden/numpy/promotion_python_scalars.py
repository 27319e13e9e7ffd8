# %%
import numpy as np

# %%
a = np.array([1, 2, 3])
a * 2

# %%
a * 2.5

# %%
a + True

# %%
a / 2

# %%
a // 2

# %%
a % 2

# %%
a ** 2

# %%
a ** 0.5

# %%
2 - a

# %%
10 / a

# %%
f = np.array([1.5, 2.5], dtype=np.float32)
f * 2.0

# %%
(f * 2.0).dtype

# %%
(f + 1).dtype

# %%
(f * np.float64(2.0)).dtype

# %%
b = np.array([True, False])
b + 1

# %%
b * 1.5

# %%
(b + b).dtype

# %%
-a

# %%
(a * 1.0).dtype
