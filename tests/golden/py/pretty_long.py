# %%
list(range(40))

# %%
[i * 1.5 for i in range(30)]

# %%
{i: str(i) * 3 for i in range(12)}

# %%
tuple(range(30))

# %%
[[1, 2, 3]] * 10

# %%
['word%d' % i for i in range(20)]

# %%
{'key_%d' % i: list(range(i)) for i in range(8)}

