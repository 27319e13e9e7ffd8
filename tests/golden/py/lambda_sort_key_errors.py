# %%
sorted([3, 1, 2], key=lambda x: 1 / (x - 1))

# %%
max([1, 2], key=5)

# %%
list(map(lambda x, y: x + y, [1, 2]))

# %%
(lambda: 1)(2)

# %%
(lambda x: x)()

