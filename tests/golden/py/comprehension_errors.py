# %%
[1 / x for x in [1, 0]]

# %%
{k: d[k] for k in 'ab'}

# %%
[x for x in 5]

