# %%
a, b, c = 1, 2, 3
a, b, c = c, a, b
a, b, c

# %%
x = y = z = 0
x += 1
x, y, z

# %%
i, j = 0, 1
for _ in range(5):
    i, j = j, i + j
i, j

