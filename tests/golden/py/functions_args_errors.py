# %%
def f(x, y):
    return x + y

# %%
f(1)

# %%
f(1, 2, 3)

# %%
f(1, z=2)

# %%
f(1, x=2)

# %%
f()

# %%
def g(a, b, c):
    pass
g()

# %%
def h(a, b=1):
    pass
h(1, 2, 3)

# %%
def k():
    pass
k(1)

# %%
def one(a):
    pass
one(1, 2)

