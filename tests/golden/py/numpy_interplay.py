# %%
import numpy as np
a = np.array([1.0, 2.0, 3.0])
m = a.mean()
float(m), f'{m:.3f}', m > 1, m == 2.0

# %%
import math
math.sqrt(np.float64(16.0))

# %%
len(a), [float(x) for x in a]

# %%
for row in np.array([[1, 2], [3, 4]]):
    print(row)

# %%
if np.array([1, 2]):
    pass

# %%
bool(np.array([0])), bool(np.array([5]))

# %%
m

# %%
print(m)

# %%
x = np.float64(0.1) + 0.2
x, type(x).__name__

# %%
a * 2, 2 * a, a + a, -a

# %%
a[a > 1]

# %%
b = np.zeros(3)
b[1] = 5
b[b == 0] = -1
b

# %%
round(np.float64(2.567), 2), int(np.float64(3.7)), abs(np.float64(-1.5))

# %%
sum(np.array([1, 2, 3])), max(np.array([4, 1]))

# %%
a @ a

# %%
a += 1
a

# %%
i = np.arange(3)
i += 1.5

