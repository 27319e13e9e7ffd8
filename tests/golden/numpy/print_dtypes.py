# %%
import numpy as np

# %%
f64 = np.array([0.5, -1.25, 3.0])
f32 = np.array([0.5, -1.25, 3.0], dtype=np.float32)
i64 = np.array([1, -20, 300])
b = np.array([True, False, True])

# %%
f64

# %%
print(f64)

# %%
f32

# %%
print(f32)

# %%
i64

# %%
print(i64)

# %%
b

# %%
print(b)

# %%
np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float32)

# %%
np.array([1.0, 2.0, 3.0])

# %%
np.array([0.1, 0.123456789])

# %%
np.array([1e-5, 1.0])

# %%
np.array([1e8, 1.0])

# %%
np.array([[1, 2], [300, -4]])

# %%
np.array([1.0, 2.0]) / 3

# %%
np.float32(1) / 3

# %%
np.array(5)

# %%
np.array(2.5)

# %%
np.array([[True, False], [False, True]])

# %%
np.array([], dtype=np.int64)

# %%
np.array([-0.0, 0.0])

# %%
print(np.array([[0.5]]))

# %%
np.zeros((2, 0))

# %%
np.arange(3.0).reshape(3, 1, 1)
