# %%
a = 1; b = 2; print(a + b)

# %%
x = 1; x

# %%
y = 2; y;

# %%
if True: print('one-liner')

# %%
for i in range(2): print(i)

