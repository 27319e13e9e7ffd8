# %%
import numpy as np

# %%
a = np.array([1.0, 2.0, 4.0])
m = a.mean()
m

# %%
print(m)

# %%
type(m)

# %%
m + 1

# %%
1 / m

# %%
m * 2 == 4.666666666666667

# %%
m ** 2

# %%
-m

# %%
abs(np.float64(-2.5))

# %%
np.sum(np.array([1, 2, 3]))

# %%
type(np.sum(np.array([1, 2, 3])))

# %%
np.sum(np.array([1, 2, 3])) * 1.5

# %%
np.float64(0.1) + np.float64(0.2)

# %%
np.float32(0.1)

# %%
np.float32(0.1) + 1

# %%
np.float32(0.1) * 1.0

# %%
np.int64(7) // 2

# %%
np.int64(7) / 2

# %%
np.bool_(True)

# %%
np.float64(3)

# %%
np.float64("2.5")

# %%
np.int64(3.9)

# %%
[a.min(), a.max()]

# %%
(a.mean(), a.std())

# %%
a.max() > 3

# %%
np.float64(1e-5)

# %%
print(np.float64(8.07739736653e-06), np.float64(1e16), np.float64(1.0))

# %%
x = 5
x += np.float64(0.5)
x

# %%
m < 2, m > 2

# %%
np.float64(2.0) * a
