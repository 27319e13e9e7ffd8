# %%
import math
math.exp(1), math.log(100, 10), math.log(math.e)

# %%
math.isclose(0.1 + 0.2, 0.3), math.isclose(1.0, 1.1)

# %%
math.sqrt(-1)

# %%
math.e, math.tau if hasattr(math, 'tau') else None

# %%
math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5)

# %%
math.fabs(-3), math.pow(2, 10)

# %%
math.log(0)

# %%
math.inf, -math.inf

