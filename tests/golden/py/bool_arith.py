# %%
True + 1, False * 10, True / 2, True // 2, -True

# %%
sum([True, True, False])

# %%
True == 1, False == 0, True is 1 if False else 'skip'

# %%
[1, 2, 3][True]

# %%
str(True), repr(False), int(True) + 1.5

