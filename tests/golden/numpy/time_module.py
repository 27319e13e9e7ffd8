# %%
import time
import numpy as np

# %%
t0 = time.perf_counter()
s = 0
for i in range(1000):
    s += i
elapsed = time.perf_counter() - t0
print(s, elapsed >= 0, type(elapsed))

# %%
t = time.time()
t > 1.6e9

# %%
start = time.perf_counter()
np.random.seed(0)
w = np.random.randn(200, 200)
h = w @ w
print(h.shape, time.perf_counter() - start < 60)

# %%
type(time.perf_counter())

# %%
time.sleep(0)
print("slept")
