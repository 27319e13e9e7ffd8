# %%
1 and 2, 0 and 2, 1 or 2, 0 or 2, None or 'x', '' and 'y'

# %%
not 0, not 1, not '', not [0]

# %%
x = []
x or 'empty'

# %%
True and False or True

# %%
a = 3
a > 1 and a < 5

