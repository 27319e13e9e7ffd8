# %%
import numpy as np

# %%
x = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])

# %%
np.tanh(x)

# %%
np.exp(x)

# %%
np.abs(x)

# %%
np.absolute(x)

# %%
np.sin(x)

# %%
np.cos(x)

# %%
np.sqrt(np.array([0.0, 1.0, 2.0, 9.0]))

# %%
np.log(np.array([1.0, np.e, 10.0, 0.5]))

# %%
np.abs(np.array([-3, 0, 4]))

# %%
np.exp(1)

# %%
np.sqrt(2)

# %%
np.tanh(0.5)

# %%
np.sin(np.pi / 2)

# %%
np.exp([0, 1, 2])

# %%
np.sqrt(np.arange(5))

# %%
np.log(np.float32(2.0))

# %%
# float32 in, float32 out. (Not exp: numpy's float32 exp is its own SIMD code and
# can be one float32 ulp from the correctly rounded value Initlab computes.)
np.sqrt(np.array([2, 3], dtype=np.float32))

# %%
np.abs(-2.5)

# %%
np.cos(np.array([[0.0, np.pi], [np.pi / 3, 2 * np.pi]]))
