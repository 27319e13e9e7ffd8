# %%
x = 1.
x

# %%
1. + 2., 3.e2, 5.E-1, 1_0., 0x1f, 7..real

# %%
[2. * i for i in range(3)]

# %%
d = {1.: 'one'}
d[1.]

# %%
s = "1. stays 1. in a string"  # and 1. in a comment
s

# %%
a1 = 3
a1.bit_length(), a1 * 2.

# %%
y = 1. + (2.
