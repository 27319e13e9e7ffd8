# %%
r = range(2, 20, 3)
len(r), r[0], r[-1], list(r)

# %%
range(5)[1:3], range(0)

# %%
range(10, 0, -2)

# %%
list(range(-5, 5, 4))

# %%
5 in range(0, 10, 5), 6 in range(0, 10, 5)

# %%
range(3) == range(0, 3), range(1, 1) == range(2, 2)

