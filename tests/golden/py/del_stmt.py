# %%
x = 1
del x
x

# %%
lst = [1, 2, 3, 4]
del lst[1]
lst

# %%
d = {'a': 1, 'b': 2}
del d['a']
d

# %%
del d['zzz']

# %%
l2 = list(range(10))
del l2[::2]
l2

# %%
a, b = 1, 2
del a, b
'a' in dir() if False else 'deleted'

# %%
del undefined_name

