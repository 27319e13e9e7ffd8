# Expected output: PYTHONPATH=tests/lesson/mpl_stub python3 tests/golden/generate.py tests/golden/pyplot
# The lesson's pattern: activations of stacked tanh layers, one histogram per layer.

# %%
import numpy as np
import matplotlib.pyplot as plt

# %%
np.random.seed(1)
x = np.random.randn(200, 50)
activations = {}
for i in range(3):
    w = np.random.randn(50, 50) * np.sqrt(1.0 / 50)
    x = np.tanh(np.dot(x, w))
    activations[i] = x

# %%
for i, a in activations.items():
    ax = plt.subplot(1, len(activations), i + 1)
    plt.title(str(i + 1) + "-layer")
    if i != 0:
        ax.set_yticks([])
    counts, bins, _ = plt.hist(a.flatten(), 30, range=(-1, 1))
    print(i, counts[:5], counts.sum())
plt.close("all")

# %%
layers = [1, 2, 3]
stds = [np.std(activations[i]) for i in range(3)]
fig, axes = plt.subplots(1, 2, figsize=(11, 3.5))
axes[0].plot(layers, stds, label="tanh", marker="o")
axes[1].plot(layers, stds, "r--")
axes[1].set_yscale("log")
axes[0].legend()
plt.close("all")
print([round(s, 6) for s in stds])
