# %%
import numpy as np

# %%
rs = np.random.RandomState(0)
print(repr(rs.rand(3)))
print(repr(rs.randn(2, 2)))
print(repr(rs.random_sample()), repr(rs.random()))
print(repr(rs.uniform(-1, 1, size=3)))
print(repr(rs.normal(5, 2, size=(2, 3))))
print(repr(rs.randint(10, size=5)), repr(rs.randint(3, 8)))
print(repr(rs.standard_normal(3)))

# %%
# two objects with one seed draw the same stream, apart from the global one
a = np.random.RandomState(42)
b = np.random.RandomState(42)
np.random.seed(1)
print(repr(a.randn(4)))
np.random.rand(5)
print(repr(b.randn(4)))
print(repr(np.random.rand(2)))

# %%
# an odd number of gaussians leaves one cached per object
a = np.random.RandomState(3)
b = np.random.RandomState(3)
print(repr(a.randn(3)), repr(a.randn()))
print(repr(b.randn(4)))

# %%
rs = np.random.RandomState(5)
rs.rand(3)
rs.seed(5)
print(repr(rs.rand(3)))
isinstance(rs, np.random.RandomState)

# %%
# numpy squeezes a one-element array seed: it draws as the int seed
np.random.seed(np.array([42]))
x = np.random.rand(3)
np.random.seed(42)
y = np.random.rand(3)
print(repr(x), repr(y))
np.random.seed([42])
print(repr(np.random.rand(3)))
np.random.seed(np.array([[7]]))
print(repr(np.random.rand(2)))

# %%
np.random.seed(np.array([1, 2, 3]))
print(repr(np.random.rand(3)))
np.random.seed((1, 2, 3))
print(repr(np.random.rand(3)))
print(repr(np.random.RandomState([4, 5]).randn(3)))
print(repr(np.random.RandomState(np.array([9])).randint(0, 100, 4)))

# %%
rs = np.random.RandomState(0)
print(repr(rs.choice(5, 3)))
print(repr(rs.choice([10, 20, 30, 40], size=(2, 3))))
print(repr(rs.choice(10, 4, replace=False)))
print(repr(rs.choice(4, 6, p=[0.1, 0.2, 0.3, 0.4])))
print(repr(rs.choice([0.5, 1.5, 2.5])))
print(repr(rs.choice(7)))

# %%
rs = np.random.RandomState(1)
x = np.arange(10)
rs.shuffle(x)
print(repr(x))
m = np.arange(12).reshape(4, 3)
rs.shuffle(m)
print(repr(m))
l = [1, 2, 3, 4, 5]
rs.shuffle(l)
print(l)
print(repr(rs.permutation(8)), repr(rs.permutation([1.5, 2.5, 3.5])))
print(repr(rs.permutation(np.arange(6).reshape(3, 2))))
print(repr(rs.permutation(0)), repr(rs.permutation(-1)))

# %%
np.random.seed(0)
print(repr(np.random.permutation(-1)))
print(repr(np.random.permutation(5)))

# %%
rs = np.random.RandomState(8)
print(repr(rs.choice(5, 3, replace=False, p=[0.1, 0.2, 0.3, 0.2, 0.2])))
print(repr(rs.choice(6, 6, replace=False, p=[0.5, 0.1, 0.1, 0.1, 0.1, 0.1])))
print(repr(rs.choice([1.5, 2.5, 3.5], 2, replace=False, p=[0.2, 0.3, 0.5])))

# %%
np.random.RandomState(0).choice(3, 3, replace=False, p=[0.5, 0.5, 0])
