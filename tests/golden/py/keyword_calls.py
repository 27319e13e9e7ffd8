# %%
def area(w, h=1, *, unit='m'):
    return f'{w * h} {unit}^2'
area(2, 3), area(w=4), area(2, unit='cm'), area(h=2, w=5)

# %%
area(1, 2, 'ft')

# %%
area(1, w=2)

# %%
area(1, colour='red')

# %%
sorted([3, 1], reverse=True, key=None)

