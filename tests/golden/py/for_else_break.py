# %%
for i in range(5):
    if i == 3:
        break
else:
    print('no break')
print(i)

# %%
for i in range(3):
    pass
else:
    print('completed', i)

# %%
for i in range(6):
    if i % 2:
        continue
    print(i)

# %%
for i in range(3):
    for j in range(3):
        if j > i:
            break
        print(i, j)

# %%
found = None
for n in [3, 8, 11]:
    if n % 2 == 0:
        found = n
        break
found

