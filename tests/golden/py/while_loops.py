# %%
n = 0
while n < 3:
    print(n)
    n += 1

# %%
k = 10
while True:
    k -= 3
    if k < 0:
        break
k

# %%
i = 0
while i < 5:
    i += 1
    if i == 2:
        continue
    print(i)
else:
    print('done')

# %%
x = 5
while x:
    x -= 1
x

