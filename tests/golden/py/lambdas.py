# %%
sq = lambda x: x * x
sq(7)

# %%
(lambda a, b=2: a ** b)(3)

# %%
pairs = [(1, 'b'), (2, 'a'), (0, 'c')]
sorted(pairs, key=lambda p: p[1])

# %%
list(map(lambda x: x + 1, [1, 2, 3]))

# %%
list(filter(lambda x: x % 2, range(10)))

