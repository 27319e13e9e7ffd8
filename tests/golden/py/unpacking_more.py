# %%
a, (b, c), d = 1, [2, 3], 4
a + b + c + d

# %%
x, y = {'k1': 1, 'k2': 2}
x, y

# %%
first, *middle, last = range(6)
first, middle, last

# %%
(a, b), = [(1, 2)]
a, b

# %%
a, b, c = 'ab'

# %%
a, *b, c = [1]

# %%
for i, (k, v) in enumerate({'a': 1}.items()):
    print(i, k, v)

