# %%
import numpy as np

# %%
rng = np.random.default_rng(0)
print(repr(rng.random()), repr(rng.random(3)))
print(repr(rng.random((2, 3))))
print(repr(rng.standard_normal()), repr(rng.standard_normal(4)))
print(repr(rng.normal(10, 2, size=(2, 2))), repr(rng.normal()))
print(repr(rng.uniform(-1, 1, 3)), repr(rng.uniform()))
print(repr(rng.integers(10)), repr(rng.integers(0, 10, 5)), repr(rng.integers(-5, 5, size=(2, 3))))
print(repr(rng.integers(1, 7, size=4, endpoint=True)))

# %%
for seed in [1, 42, 12345, 2**32, 2**64 + 7, [1, 2, 3], (4, 5)]:
    r = np.random.default_rng(seed)
    print(seed, repr(r.random(2)), repr(r.standard_normal(2)), repr(r.integers(100, size=3)))

# %%
rng = np.random.default_rng(np.array([7, 8]))
print(repr(rng.random()))
rng = np.random.default_rng(np.int64(9))
print(repr(rng.integers(0, 2**40, 3)), repr(rng.integers(0, 2**32, 3)), repr(rng.integers(0, 2**32 - 1, 3)))
# ranges that reject many words
print(repr(rng.integers(0, 2**31 + 1, 8)), repr(rng.integers(0, 3 * 2**30 + 7, 6)), repr(rng.integers(5, 2**32 - 1, 3)))
# 64-bit ranges (values kept below 2**53, which int64 arrays hold exactly here)
print(repr(rng.integers(0, 2**52, 2) // 2**40), repr(rng.integers(2**63) // 2**40), repr(rng.integers(0, 1, 3)))

# %%
rng = np.random.default_rng(3)
print(repr(rng.choice(5)), repr(rng.choice(5, 4)), repr(rng.choice([1.5, 2.5, 3.5], size=(2, 2))))
print(repr(rng.choice(10, 5, replace=False)), repr(rng.choice(100, 3, replace=False, shuffle=False)))
print(repr(rng.choice(4, 8, p=[0.1, 0.2, 0.3, 0.4])))
print(repr(rng.choice(4, 3, replace=False, p=[0.1, 0.2, 0.3, 0.4])))
print(repr(rng.choice([[1, 2], [3, 4], [5, 6]], 2)), repr(rng.choice(np.arange(5.0))))
print(repr(rng.choice(20000, 5, replace=False)), repr(rng.choice(20000, 1000, replace=False)[:5]))

# %%
rng = np.random.default_rng(4)
x = np.arange(10)
rng.shuffle(x)
print(repr(x))
m = np.arange(12).reshape(4, 3)
rng.shuffle(m)
print(repr(m))
l = [1, 2, 3, 4, 5]
rng.shuffle(l)
print(l)
print(repr(rng.permutation(8)), repr(rng.permutation([1.5, 2.5, 3.5])))
print(repr(rng.permutation(np.arange(6).reshape(3, 2))), repr(rng.permutation(0)))

# %%
rng = np.random.default_rng(5)
print(repr(rng.binomial(10, 0.3, size=6)), repr(rng.binomial(100, 0.5)), repr(rng.binomial(1000, 0.7, size=3)))
print(repr(rng.normal([0, 10, 100], 1)), repr(rng.uniform(0, [1, 10])))

# %%
# large draws: checksums over every value
for seed in [0, 1, 2024]:
    rng = np.random.default_rng(seed)
    z = rng.standard_normal(100000)
    print(repr(z.sum()), repr(z[:3]), repr(z[-2:]), repr(z.min()), repr(z.max()))
    u = rng.random(100000)
    print(repr(u.sum()), repr(u[-1]))
    k = rng.integers(0, 1000, 100000)
    print(repr(k.sum()), repr(k[:5]))
    n = rng.normal(5, 3, size=(1000, 500))
    print(repr(n.sum()), repr(n[999, 499]), repr((n * n).sum()))

# %%
rng = np.random.default_rng(11)
a = rng.standard_normal(1000001)
print(repr(a.sum()), repr(np.abs(a).max()), repr(a[500000]))
