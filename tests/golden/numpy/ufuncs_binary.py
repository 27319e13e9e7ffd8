# %%
import numpy as np

# %%
a = np.array([1.0, 5.0, -3.0, 2.0])
b = np.array([2.0, 4.0, -1.0, 2.0])

# %%
np.maximum(a, b)

# %%
np.minimum(a, b)

# %%
np.maximum(0, a)

# %%
np.minimum(a, 1.5)

# %%
np.maximum([1, 4], [3, 2])

# %%
a + b, a - b

# %%
a * b

# %%
a / b

# %%
a // b

# %%
a % b

# %%
a ** 2

# %%
b ** a

# %%
a < b

# %%
a <= b

# %%
a == b

# %%
a != b

# %%
a >= 2

# %%
np.array([7, -7]) // 2

# %%
np.array([7, -7]) % 3

# %%
np.array([2, 3]) ** np.array([3, 2])

# %%
np.maximum(np.array([np.nan, 1.0]), np.array([0.0, 2.0]))
