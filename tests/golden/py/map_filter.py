# %%
m = map(abs, [-1, -2])
list(m)

# %%
list(filter(None, [0, 1, '', 'a', None]))

# %%
list(map(int, '123'))

# %%
sum(map(lambda x: x * x, range(4)))

# %%
[s.upper() for s in filter(str.isupper if False else (lambda s: len(s) > 1), ['a', 'bb', 'ccc'])]

