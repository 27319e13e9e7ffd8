# %%
assert 1 + 1 == 2
print('ok')

# %%
assert 1 > 2

# %%
x = 3
assert x < 0, 'x must be negative, got ' + str(x)

# %%
assert [], 'empty list'

