# %%
a = [1, 2]
b = a
b.append(3)
a

# %%
c = a[:]
c.append(4)
a, c

# %%
m = [[0] * 2] * 2
m[0][0] = 1
m

# %%
n = [[0] * 2 for _ in range(2)]
n[0][0] = 1
n

# %%
a is b, a is c, a == c[:3]

