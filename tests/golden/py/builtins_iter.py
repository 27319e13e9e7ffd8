# %%
len([1, 2]), len('abc'), len({'a': 1}), len(range(0, 10, 3)), len(())

# %%
len(5)

# %%
min(3, 1, 2), max([4, 9, 2]), min('bca'), max([], default=-1)

# %%
min(['aa', 'b', 'ccc'], key=len), max(['aa', 'b', 'ccc'], key=len)

# %%
max([])

# %%
min(1)

# %%
sum([1, 2, 3]), sum([0.1] * 10), sum([[1], [2]], []), sum(range(101)), sum([1, 2], 10)

# %%
sum(['a', 'b'])

# %%
sorted([3, 1, 2]), sorted('cba'), sorted([3, 1, 2], reverse=True), sorted({'b': 1, 'a': 2})

# %%
sorted([(1, 'b'), (1, 'a'), (0, 'z')])

# %%
sorted([1, 'a'])

# %%
list(reversed([1, 2, 3])), list(reversed('abc')), list(reversed(range(3)))

# %%
any([0, 0, 1]), any([]), all([1, 2]), all([]), all([1, 0])

# %%
list(enumerate('ab')), list(zip([1, 2], [3, 4], [5, 6])), list(zip([1, 2, 3], 'ab'))

# %%
list(range(5)), list(range(2, 8, 2)), list(range(5, 0, -1)), range(3), range(1, 10, 2)

# %%
range(0, 5, 0)

# %%
range(2.5)

# %%
list(map(str, [1, 2])), list(map(lambda a, b: a * b, [1, 2], [3, 4]))

# %%
tuple([1, 2]), list('ab'), list((1, 2)), tuple('xy'), list({'a': 1})

