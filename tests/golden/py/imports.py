# %%
import math
math.sqrt(16), math.pi

# %%
import math as m
m.floor(2.7), m.ceil(2.1)

# %%
from math import sqrt, log as ln
sqrt(2), ln(1)

# %%
import time
t0 = time.perf_counter()
t1 = time.perf_counter()
t1 >= t0, type(t0).__name__

# %%
math.nosuch

