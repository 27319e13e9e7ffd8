# %%
import numpy as np

# %%
np.random.seed(0)
np.random.rand()

# %%
np.random.seed(0)
np.random.randn()

# %%
np.random.seed(1)
np.random.rand(3)

# %%
np.random.seed(42)
np.random.rand(2, 3)

# %%
np.random.seed(123)
np.random.randn(2, 4)

# %%
np.random.seed(2**32 - 1)
np.random.rand(3)

# %%
np.random.seed(7)
print(np.random.random())
print(np.random.random_sample((2, 2)))
print(np.random.random(size=3))

# %%
np.random.seed(0)
a = np.random.rand(5)
np.random.seed(0)
b = np.random.rand(5)
(a == b).all()

# %%
np.random.seed(2024)
np.random.standard_normal((3, 3))

# %%
np.random.seed(0)
np.random.randn(0)
