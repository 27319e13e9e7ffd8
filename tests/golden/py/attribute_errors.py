# %%
[].foo

# %%
(1).foo

# %%
's'.nope

# %%
{}.nope()

# %%
None.x

# %%
x = 3.5
x.real, x.imag, x.is_integer(), (2.0).is_integer()

# %%
(5).real, (5).bit_length()

