# %%
import math

# %%
math.sqrt(-1)

# %%
math.log(0)

# %%
math.log(-2.5)

# %%
math.exp(1000)

# %%
math.sqrt("4")

# %%
math.log(10, 1)

# %%
math.sqrt()

# %%
import numpy as np
math.sqrt(np.array([1.0, 4.0]))
