# %%
def append_to(x, acc=[]):
    acc.append(x)
    return acc
print(append_to(1))
print(append_to(2))

# %%
k = 10
def g(v=k):
    return v
k = 20
g()

