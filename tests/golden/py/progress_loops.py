# %%
total = 0
for i in range(100000):
    total += i
total

# %%
acc = []
for x in [1, 2, 3]:
    acc.append(x * x)
acc

# %%
s = 0
for row in [[1, 2], [3, 4]]:
    for v in row:
        s += v
s

