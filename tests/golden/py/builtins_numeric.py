# %%
abs(-3), abs(2.5), abs(-0.0), abs(True)

# %%
round(2.5), round(3.5), round(-0.5), round(1.5), round(0.5)

# %%
round(2.675, 2), round(0.125, 2), round(1234.5678, -2), round(7, 1), round(15, -1), round(25, -1)

# %%
round(2.5, 0), round(-1.25, 1)

# %%
pow(2, 10), pow(2, -1), pow(3, 4, 5), pow(2.0, 3)

# %%
divmod(7, 2), divmod(-7, 2), divmod(7.5, 2)

# %%
int(3.9), int(-3.9), int('42'), int(' 7 '), int('1_000'), int(True), int('ff', 16)

# %%
float('3.5'), float(' -1e3 '), float(2), float('inf'), float('-Infinity'), float('nan')

# %%
int('3.5')

# %%
float('abc')

# %%
int(None)

# %%
int(float('nan'))

# %%
int(float('inf'))

# %%
bool(0), bool(''), bool([0]), bool(None), bool(0.0), bool('0')

