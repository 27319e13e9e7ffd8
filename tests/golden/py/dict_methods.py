# %%
d = {'a': 1, 'b': 2}
d.get('a'), d.get('z'), d.get('z', 0)

# %%
list(d.items()), list(d.keys()), list(d.values())

# %%
d.update({'c': 3}, d=4)
d

# %%
d.pop('a'), d

# %%
d.pop('zz', 'dflt')

# %%
d.pop('zz')

# %%
d.setdefault('e', []).append(1)
d.setdefault('e', []).append(2)
d

# %%
len(d), 'b' in d, 'zz' not in d

# %%
d.keys()

# %%
d.items()

# %%
counts = {}
for w in 'a b a c a'.split():
    counts[w] = counts.get(w, 0) + 1
counts

# %%
{1: 'a', 1.0: 'b', True: 'c'}

# %%
dict(a=1, b=2), dict([('x', 1)]), dict(zip('ab', [1, 2]))

