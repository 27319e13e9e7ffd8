# %%
l = [3, 1, 2]
l.append(4)
l.extend([5, 6])
l.insert(0, 0)
l

# %%
l.pop(), l.pop(0), l

# %%
l.index(2), l.count(1)

# %%
l.sort()
l

# %%
l.sort(reverse=True)
l

# %%
words = ['bb', 'a', 'ccc']
words.sort(key=len)
words

# %%
l.reverse()
l

# %%
c = l.copy()
c.remove(3)
c, l

# %%
l.remove(99)

# %%
[].pop()

# %%
[1].index(5)

# %%
l.clear()
l

# %%
nums = [1, 2, 2, 3, 2]
nums.count(2), nums.index(2, 2)

