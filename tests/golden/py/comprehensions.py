# %%
[x * x for x in range(5)]

# %%
[x for x in range(10) if x % 3 == 0]

# %%
[(i, j) for i in range(3) for j in range(i)]

# %%
{k: v for k, v in zip('abc', range(3))}

# %%
{x: x ** 2 for x in range(4) if x}

# %%
[[r * c for c in range(3)] for r in range(3)]

# %%
x = 'outer'
[x for x in range(2)]
x

# %%
sum(i for i in range(5))

# %%
max(len(w) for w in ['a', 'abc', 'ab'])

# %%
[y for y in [1, 2] if undefined_name]

