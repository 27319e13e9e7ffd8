# %%
for a, *b in [(1, 2, 3), (4, 5)]:
    print(a, b)

# %%
for k, (x, y) in {'p': (1, 2)}.items():
    print(k, x, y)

# %%
for a, b in [(1, 2), (3,)]:
    print(a, b)

