# %%
import numpy as np

# %%
# small n*p: numpy's inversion
np.random.seed(0)
print(repr(np.random.binomial(10, 0.3)))
print(repr(np.random.binomial(10, 0.3, size=20)))
print(repr(np.random.binomial(1, 0.5, size=(3, 4))))
print(repr(np.random.binomial(20, 0.9, size=10)))

# %%
# large n*p: BTPE, on both sides of p = 1/2
rs = np.random.RandomState(1)
print(repr(rs.binomial(100, 0.5, size=12)))
print(repr(rs.binomial(1000, 0.3, size=8)))
print(repr(rs.binomial(1000000, 0.4, size=5)))
print(repr(rs.binomial(500, 0.95, size=6)))
print(repr(rs.binomial(2**40, 0.5)))
print(repr(rs.rand()))

# %%
rs = np.random.RandomState(7)
x = rs.binomial(200, 0.25, size=100000)
print(repr(x.sum()), repr(x[:5]), repr(x[-5:]))
y = rs.binomial(30, 0.5, size=100000)
print(repr(y.sum()), repr(y.max()), repr(y.min()))

# %%
rs = np.random.RandomState(2)
print(repr(rs.binomial([5, 10, 1000], [0.1, 0.9, 0.5])))
print(repr(rs.binomial(5, [0.1, 0.9], size=(3, 2))))
print(repr(rs.binomial(10.7, 0.5, size=3)))
print(repr(rs.binomial(0, 0.5, size=3)), repr(rs.binomial(5, 0.0, size=3)), repr(rs.binomial(5, 1.0, size=3)))
print(repr(rs.binomial(5, 0.5, size=0)))

# %%
np.random.binomial(-1, 0.5)

# %%
np.random.binomial(5, 1.5)

# %%
np.random.binomial(5, float("nan"))

# %%
np.random.binomial([1, -2], 0.5)

# %%
np.random.binomial([[1], [2]], [0.1, 0.2, 0.3], size=(2, 2))
