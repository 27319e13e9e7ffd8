# %%
a = [1]
b = [1]
a == b, a is b

# %%
x = None
x is None, x is not None

# %%
t = True
t is True

# %%
c = a
c is a

