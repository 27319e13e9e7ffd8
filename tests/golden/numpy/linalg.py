# %%
import numpy as np

# %%
A = np.array([[4.0, 1.0, 2.0], [1.0, 3.0, 0.5], [2.0, 0.5, 5.0]])
B = np.array([[2.0, -1.0], [1.0, 3.0]])
v = np.array([3.0, -4.0, 12.0])

# %%
print(round(float(np.linalg.det(A)), 8), round(float(np.linalg.det(B)), 8))

# %%
np.linalg.det(B)

# %%
np.linalg.det([[1, 2], [3, 4]])

# %%
np.linalg.inv(A)

# %%
np.linalg.inv(B)

# %%
np.linalg.inv([[1, 2], [3, 4]])

# %%
np.linalg.solve(A, [1.0, 2.0, 3.0])

# %%
np.linalg.solve(B, np.array([[1.0, 0.0], [2.0, 1.0]]))

# %%
q, r = np.linalg.qr(A)
# q[1, 2] is rounding noise (3.4e-17 in LAPACK's order of sums), so compare rounded.
print(np.round(q, 8))
print(r)

# %%
q, r = np.linalg.qr(np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]))
print(q)
print(r)

# %%
q, r = np.linalg.qr(np.array([[-2.0, 1.0], [0.0, 3.0]]))
print(q)
print(r)

# %%
np.linalg.norm(v)

# %%
np.linalg.norm([3, 4])

# %%
print(np.linalg.norm(v, 1), np.linalg.norm(v, np.inf), np.linalg.norm(v, -np.inf), np.linalg.norm(v, 0))

# %%
print(round(float(np.linalg.norm(v, 3)), 8))

# %%
print(round(float(np.linalg.norm(A)), 8), round(float(np.linalg.norm(A, "fro")), 8))

# %%
print(np.linalg.norm(A, 1), np.linalg.norm(A, np.inf), np.linalg.norm(A, -1), np.linalg.norm(A, -np.inf))

# %%
np.linalg.norm(np.array([[3.0, 4.0], [6.0, 8.0]]), axis=1)

# %%
np.linalg.norm(np.array([[3.0, 4.0], [6.0, 8.0]]), axis=0)

# %%
np.linalg.norm(np.array([[3.0, 4.0], [6.0, 8.0]]), ord=1, axis=1, keepdims=True)

# %%
np.linalg.norm(v, keepdims=True)

# %%
np.linalg.inv(np.array([[1.0, 2.0], [2.0, 4.0]]))

# %%
np.linalg.solve(np.zeros((2, 2)), [1.0, 2.0])

# %%
np.linalg.det(np.array([[1.0, 2.0], [2.0, 4.0]]))

# %%
np.linalg.det(np.ones((2, 3)))

# %%
np.linalg.inv(np.array([1.0, 2.0]))

# %%
np.linalg.solve(B, [1.0, 2.0, 3.0])

# %%
np.linalg.norm(v, "fro")

# %%
np.linalg.norm(A, 3)
