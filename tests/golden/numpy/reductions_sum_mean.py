# %%
import numpy as np

# %%
a = np.arange(12).reshape(3, 4)

# %%
np.sum(a)

# %%
a.sum(axis=0)

# %%
a.sum(axis=1)

# %%
np.sum(a, axis=1, keepdims=True)

# %%
a.sum(axis=-1)

# %%
a.sum(axis=(0, 1))

# %%
np.mean(a)

# %%
a.mean(axis=0)

# %%
a.mean(axis=1, keepdims=True)

# %%
np.mean([1, 2, 3, 4])

# %%
np.sum([0.1] * 10)

# %%
np.sum(np.array([True, True, False]))

# %%
np.mean(np.array([True, False, False, False]))

# %%
np.arange(24).reshape(2, 3, 4).sum(axis=1)

# %%
np.arange(24).reshape(2, 3, 4).mean(axis=(0, 2))

# %%
np.sum(np.ones(3, dtype=np.float32)).dtype

# %%
np.mean(np.ones(3, dtype=np.float32))

# %%
np.sum(np.array([]))

# %%
np.random.seed(0)
big = np.random.rand(1000)
print(big.sum(), big.mean())
