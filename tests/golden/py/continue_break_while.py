# %%
n = 0
out = []
while n < 10:
    n += 1
    if n % 3 == 0:
        continue
    if n > 7:
        break
    out.append(n)
out

