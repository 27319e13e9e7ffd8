# %%
import numpy as np
import math

np.random.seed(3)
a = np.random.randn(4, 5)

# %%
np.zeros((2, 3), int)

# %%
np.array([1, 2, 3], float)

# %%
np.arange(10).reshape(2, 5).sum(1)

# %%
np.linspace(0, 1, num=5, dtype=np.float32)

# %%
np.max(a, 0)

# %%
np.mean(a, 0)

# %%
a.mean(1)

# %%
np.var(a, 0)

# %%
np.mean(a, keepdims=True)

# %%
a.astype("float32")

# %%
np.std(a, axis=0).round(3)

# %%
np.random.randn(3).tolist()

# %%
np.histogram(a, bins=np.linspace(-3, 3, 7))

# %%
len(np.zeros((3, 2)))

# %%
np.random.seed(np.int64(3))
np.random.randn(2)

# %%
np.percentile(a, 50, axis=0)

# %%
a.reshape(2, -1).T.shape

# %%
np.full_like(a[0], np.nan)

# %%
np.clip(a[0], a_min=0, a_max=None)

# %%
np.zeros(3, dtype="float")

# %%
np.array(range(5))

# %%
np.array([np.float64(1.5), 2])

# %%
np.random.seed(1)
np.random.uniform(-1, 1, (2, 2))

# %%
np.random.seed(1)
print(np.random.choice([10, 20, 30], 2))
print(np.random.permutation(5))

# %%
np.where(a > 1)

# %%
np.sum(a > 0, axis=0)

# %%
np.argmax(a, axis=1)

# %%
np.sqrt(np.mean(a ** 2))

# %%
np.abs(a).max()

# %%
np.round(a.mean(), 3)

# %%
math.floor(np.float64(2.5)), math.sqrt(np.sum(a ** 2))

# %%
int(np.argmax(a))

# %%
np.cumsum([1, 2, 3])

# %%
x = np.linspace(-2, 2, 5)
np.exp(-x ** 2 / 2) / np.sqrt(2 * np.pi)

# %%
np.array([[1, 2], [3, 4]]).dot([1, 1])

# %%
np.maximum(a, 0).mean()

# %%
sizes = [10, 20, 30]
ws = [np.random.randn(n_in, n_out) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
[w.shape for w in ws]

# %%
stats = {"mean": np.mean(a), "std": np.std(a)}
stats

# %%
np.stack([a.mean(axis=0), a.std(axis=0)], axis=1).shape

# %%
np.float64(0.1) * 3 == 0.3, math.isclose(np.float64(0.1) * 3, 0.3)
