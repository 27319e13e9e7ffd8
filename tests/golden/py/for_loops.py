# %%
for i in range(3):
    print(i)

# %%
for x in [1.5, 'a', None]:
    print(x)

# %%
for ch in 'hey':
    print(ch, end='.')
print()

# %%
for i, v in enumerate(['a', 'b'], start=1):
    print(i, v)

# %%
for a, b in zip([1, 2, 3], 'xyz'):
    print(a, b)

# %%
d = {'x': 1, 'y': 2}
for k in d:
    print(k)
for k, v in d.items():
    print(k, v)
for v in d.values():
    print(v)
for k in d.keys():
    print(k)

# %%
for t in (1, 2):
    print(t)

# %%
for i in range(10, 0, -3):
    print(i)

# %%
for (a, b), c in [((1, 2), 3)]:
    print(a, b, c)

