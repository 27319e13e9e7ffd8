# %%
def compose(f, g):
    return lambda x: f(g(x))
inc = lambda x: x + 1
dbl = lambda x: x * 2
compose(inc, dbl)(5), compose(dbl, inc)(5)

# %%
def apply_n(f, n, x):
    for _ in range(n):
        x = f(x)
    return x
apply_n(lambda v: v * 2, 10, 1)

# %%
def make_multipliers():
    return [lambda x, k=k: x * k for k in range(1, 4)]
[m(10) for m in make_multipliers()]

