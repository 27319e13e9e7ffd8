# %%
import numpy as np
v = np.var(np.array([1.0, 2.0, 4.0]))
print(v)
v

# %%
'%.4f' % v, '{:.2e}'.format(v), str(v)

# %%
np.float64(1e-5), np.float64(3.0), np.int64(7)

# %%
print(np.float64(8.07739736653e-06))

# %%
np.float32(0.1)

