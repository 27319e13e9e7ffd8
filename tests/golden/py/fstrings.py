# %%
x = 3.14159
f'{x}', f'{x:.2f}', f'{x:8.3f}|', f'{x:<8.1f}|', f'{x:e}'

# %%
n = 42
f'{n:03d} {n:x} {n:X} {n:o} {n:b} {n:#x} {n:+d} {n:,}'

# %%
w = 10
p = 3
f'{x:{w}.{p}f}|'

# %%
s = 'hi'
f'{s!r} {s!s} {s:>5} {s:*^6}'

# %%
f'{n=}', f'{x = :.1f}'

# %%
d = {'k': [1, 2]}
f"{d['k'][1]} {len(d)}"

# %%
f'{{literal}} {n}'

# %%
f'{1 + 2} {"nested"} {[i for i in range(3)]}'

# %%
f'{None} {True} {[1.5]}'

# %%
f'{3:s}'

