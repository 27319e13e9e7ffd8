# %%
import numpy as np

def he_init(n_in, n_out):
    return np.random.randn(n_in, n_out) * np.sqrt(2.0 / n_in)

def relu(x):
    return np.maximum(0, x)

# %%
np.random.seed(1)
x = np.random.randn(100, 50)
w = he_init(50, 30)
z = x @ w
a = relu(z)
print(a.shape)
print(np.mean(a), np.var(a))

# %%
np.random.seed(2)
h = np.random.randn(200, 100)
for layer in range(5):
    w = he_init(100, 100)
    h = relu(h @ w)
    print(layer, f"mean={h.mean():.4f} std={h.std():.4f}")

# %%
np.random.seed(3)
h = np.random.randn(200, 100)
stds = []
for layer in range(5):
    w = np.random.randn(100, 100) * 0.01
    h = np.tanh(h @ w)
    stds.append(float(h.std()))
print([round(s, 6) for s in stds])
