# %%
x = 5
'big' if x > 3 else 'small'

# %%
y = -1
abs(y) if y < 0 else y

# %%
[('even' if i % 2 == 0 else 'odd') for i in range(4)]

