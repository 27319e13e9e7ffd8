# %%
pairs = [('b', 2), ('a', 2), ('c', 1), ('d', 1)]
sorted(pairs, key=lambda p: p[1])

# %%
sorted(pairs, key=lambda p: p[1], reverse=True)

# %%
sorted(['B', 'a', 'C'], key=str.lower)

# %%
nums = [5, 2, 8, 1]
nums.sort(key=lambda n: -n)
nums

# %%
sorted([2.5, 1, True, 0])

