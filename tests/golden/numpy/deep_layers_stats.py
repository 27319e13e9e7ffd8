# %%
import numpy as np

# %%
np.random.seed(42)
n = 64
h = np.random.randn(32, n)
means = np.zeros(4)
variances = np.zeros(4)
for i in range(4):
    limit = np.sqrt(6.0 / (n + n))
    w = np.random.uniform(-limit, limit, size=(n, n))
    h = np.tanh(np.dot(h, w))
    means[i] = h.mean()
    variances[i] = h.var()
means

# %%
variances

# %%
for i, (m, v) in enumerate(zip(means, variances)):
    print("layer %d: mean %.5f var %.5f" % (i, m, v))
