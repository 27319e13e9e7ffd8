# %%
'ab' * 3, 3 * 'ab', 'ab' * 0, 'ab' * -1

# %%
[0] * 3, [1, 2] * 2, (1,) * 3

# %%
'abc' + 'def'

# %%
len('héllo'), 'héllo'[1]

# %%
'a' < 'B', 'Z' < 'a', 'apple' < 'apples'

# %%
s = 'hello'
s[0], s[-1], s[1:-1]

# %%
'x' in 'xyz', 'xy' in 'axyb', '' in 'abc'

# %%
str(3) + str(4.5) + str(True)

# %%
'%s' % 3.0, str(1e100), str(-0.0)

