# %%
a, b = 1, 2
print(a, b)

# %%
a, b = b, a
print(a, b)

# %%
(x, y), z = (1, 2), 3
print(x, y, z)

# %%
a, b = [1]

# %%
a, b = [1, 2, 3]

# %%
a, b = 1

# %%
a, *rest = [1, 2, 3, 4]
print(a, rest)

# %%
*init, last = 'abc'
print(init, last)

# %%
p = q = [1]
q.append(2)
print(p)

# %%
first, second = 'xy'
print(first, second)

# %%
a, b, c = range(3)
a + b + c

# %%
x, = [5]
x

