# %%
import numpy as np

# %%
def xavier_init(n_in, n_out):
    limit = np.sqrt(6.0 / (n_in + n_out))
    return np.random.uniform(low=-limit, high=limit, size=(n_in, n_out))

# %%
np.random.seed(0)
x = np.random.randn(4, 10)
w = np.random.rand(10, 5) * 0.01
z = np.dot(x, w)
a = np.tanh(z)

# %%
a

# %%
print(np.mean(x))
print(np.var(x))

# %%
print(np.mean(w))
print(np.var(w))

# %%
print(np.mean(a))
print(np.var(a))

# %%
x

# %%
w

# %%
z
