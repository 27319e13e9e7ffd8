# %%
import numpy as np

# %%
np.random.seed(0)
a = np.random.randn(100)

# %%
print(f"{a.mean():.4f}")

# %%
print(f"mean={a.mean()}, var={a.var()}")

# %%
print(f"{a.std():10.3f}|")

# %%
print(f"{a.max():e}")

# %%
print(f"{a.min():.2e} {a.sum():g}")

# %%
float(a.mean())

# %%
int(a.argmax())

# %%
int(np.float64(3.99))

# %%
str(a.mean())

# %%
repr(a.mean())

# %%
print("%.3f" % a.mean())

# %%
print("{:.5f}".format(a.var()))

# %%
print("mean:", a.mean(), "shape:", a.shape)

# %%
print(f"{np.int64(42):5d}|{np.float32(0.5)}")

# %%
print(f"{a[:3]}")

# %%
print(str(np.array([1.5, 2.5])), repr(np.array([1, 2])))

# %%
round(float(a.mean()), 3)

# %%
print(f"{np.pi:.3f} {np.e:.3f}")

# %%
"%d items, %.2f%%" % (a.size, 100 * (a > 0).mean())
