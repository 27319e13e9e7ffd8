# %%
import numpy as np
np.random.seed(1)
x = np.random.randn(20, 5)
means = []
for layer in range(4):
    w = np.random.randn(5, 5) * np.sqrt(1.0 / 5)
    x = np.tanh(x @ w)
    means.append(float(x.mean()))
[round(m, 6) for m in means]

# %%
stds = [f'{s:.4f}' for s in [x.std(), x.var() ** 0.5]]
stds

# %%
for i, row in enumerate(x[:2]):
    print(i, row.shape, f'{row.max():.3f}')

# %%
best = max(range(len(means)), key=lambda i: abs(means[i]))
best

# %%
total = 0.0
for v in x.ravel():
    total += v
abs(total - x.sum()) < 1e-9

