# %%
import numpy as np

# %%
np.random.seed(0)
x = np.random.randn(3, 3) * 1e-3
x

# %%
np.set_printoptions(precision=3)
x

# %%
np.array([1.0, 2.123456789])

# %%
np.set_printoptions(suppress=True)
x * 1e-3

# %%
np.array([1e-10, 1.0, 1e5])

# %%
np.set_printoptions(precision=8, suppress=False)
np.array([1e-10, 1.0, 1e5])

# %%
print(np.array([0.1, 0.25]))

# %%
np.set_printoptions(precision=2)
print(np.array([[3.14159, 2.71828], [1.41421, 1.73205]]))
np.array([[3.14159, 2.71828], [1.41421, 1.73205]])

# %%
np.float64(3.14159)

# %%
print(np.mean(np.array([3.14159, 2.71828])))
np.set_printoptions(precision=8)
