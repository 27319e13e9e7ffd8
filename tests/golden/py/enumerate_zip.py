# %%
list(enumerate(['a', 'b', 'c'], 10))

# %%
for i, (a, b) in enumerate(zip('xy', 'pq')):
    print(i, a, b)

# %%
names = ['a', 'b']
scores = [90, 80]
dict(zip(names, scores))

# %%
z = zip([1, 2], [3, 4])
list(z), list(z)

# %%
e = enumerate('ab')
next(e), next(e), next(e, 'end')

