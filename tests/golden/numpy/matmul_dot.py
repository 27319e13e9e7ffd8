# %%
import numpy as np

# %%
A = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
B = np.array([[1.0, 0.0, -1.0], [2.0, 1.0, 0.5]])

# %%
np.dot(A, B)

# %%
A @ B

# %%
np.matmul(B, A)

# %%
A.dot(np.array([1.0, -1.0]))

# %%
np.dot(np.array([1, 2, 3]), np.array([4, 5, 6]))

# %%
np.array([1.0, 2.0]) @ np.array([3.0, 4.0])

# %%
np.dot(2, A)

# %%
np.dot([[1, 2]], [[3], [4]])

# %%
np.array([1.0, 2.0, 3.0]) @ B.T

# %%
np.arange(24).reshape(2, 3, 4) @ np.ones((4, 2))

# %%
np.dot(np.ones((2, 3), dtype=np.float32), np.ones(3)).dtype

# %%
np.random.seed(0)
X = np.random.randn(50, 20)
W = np.random.randn(20, 10)
print(np.dot(X, W).sum())
print((X @ W)[3, 4])
