# %%
def f(*args, **kwargs):
    return args, kwargs
f(1, 2, a=3)

# %%
def g(a, *rest):
    return a, rest
g(1), g(1, 2, 3)

# %%
def h(a, *, key=0):
    return a + key
h(1, key=5)

# %%
h(1, 2)

# %%
def kw_only(*, a):
    return a
kw_only()

# %%
nums = [1, 2, 3]
def s3(a, b, c):
    return a * b * c
s3(*nums)

# %%
opts = {'b': 2, 'c': 3}
s3(1, **opts)

# %%
print(*[1, 2, 3], sep='-')

