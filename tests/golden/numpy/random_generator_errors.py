# %%
import numpy as np
rng = np.random.default_rng(0)

# %%
rng.integers(5, 2)

# %%
rng.integers(0)

# %%
rng.integers(3, 2, endpoint=True)

# %%
rng.integers(-2**63 - 1, 0)

# %%
rng.integers(0, 2**64)

# %%
rng.choice(0)

# %%
rng.choice([])

# %%
rng.choice(3, p=[0.5, 0.6, 0.1])

# %%
rng.choice(3, p=[0.5, -0.5, 1])

# %%
rng.choice(3, p=[0.5, 0.5])

# %%
rng.choice(3, p=[[0.5, 0.5, 0]])

# %%
rng.choice(3, 5, replace=False)

# %%
rng.choice(3, 3, replace=False, p=[0.5, 0.5, 0])

# %%
rng.choice(3, p=[np.nan, 0.5, 0.5])

# %%
rng.shuffle(np.array(3))

# %%
rng.shuffle(3)

# %%
rng.normal(0, -1)

# %%
rng.uniform(0, np.inf)

# %%
np.random.default_rng(-1)

# %%
np.random.default_rng(1.5)

# %%
np.random.default_rng("a")

# %%
np.random.default_rng([1.5])

# %%
rng.random(-1)

# %%
rng.random(2.5)

# %%
rng.permutation(np.float64(3.0))

# %%
rng.nosuch

# %%
r2 = np.random.default_rng(rng)
print(r2 is rng, isinstance(rng, np.random.Generator), isinstance(rng, np.random.RandomState))
