# %%
print('a', 'b', sep='')

# %%
print('a', 'b', sep=', ', end='!\n')

# %%
print()

# %%
print('no newline', end='')

# %%
print(1, 2.0, None, [1, 'x'], (1,), {'k': 'v'})

# %%
print('line1\nline2')

# %%
print('x', end='')
print('y')

# %%
print(*range(5))

# %%
print(1, 2, sep=None, end=None)

# %%
print('a', foo=1)

