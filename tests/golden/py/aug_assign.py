# %%
x = 10
x += 5
x -= 3
x *= 2
x /= 4
x

# %%
n = 7
n //= 2
n

# %%
m = 7
m %= 4
m **= 3
m

# %%
s = 'ab'
s += 'cd'
s *= 2
s

# %%
l = [1]
m = l
l += [2, 3]
print(l, m)

# %%
t = (1,)
u = t
t += (2,)
print(t, u)

# %%
d = {'a': 1}
d['a'] += 10
d['b'] = d.get('b', 0) + 1
d

# %%
lst = [1, 2, 3]
lst[0] += 100
lst[-1] *= 2
lst

# %%
grid = [[0, 0], [0, 0]]
grid[1][0] += 5
grid

# %%
z = 1
z += 'a'

