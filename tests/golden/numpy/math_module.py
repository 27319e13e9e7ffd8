# %%
import math

# %%
math.sqrt(2)

# %%
math.sqrt(16)

# %%
math.log(10)

# %%
math.log(8, 2)

# %%
math.log(100, 10)

# %%
math.exp(1)

# %%
math.pi, math.e

# %%
math.isclose(0.1 + 0.2, 0.3)

# %%
math.isclose(1.0, 1.001)

# %%
math.isclose(1.0, 1.001, rel_tol=1e-2)

# %%
math.isclose(0.0, 1e-10, abs_tol=1e-9)

# %%
math.floor(2.7), math.ceil(2.1), math.floor(-2.5)

# %%
type(math.floor(2.7))

# %%
math.inf, -math.inf

# %%
math.nan

# %%
math.fabs(-3)

# %%
math.pow(2, 10)

# %%
math.tanh(0.5)

# %%
import numpy as np
math.sqrt(np.float64(6.0) / 15)

# %%
math.sqrt(6.0 / (10 + 5)) == np.sqrt(6.0 / (10 + 5))

# %%
math.exp(np.mean(np.array([0.0, 2.0])))
