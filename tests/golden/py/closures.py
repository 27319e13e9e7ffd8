# %%
def make_adder(n):
    def add(x):
        return x + n
    return add
add5 = make_adder(5)
add5(10)

# %%
def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c = counter()
c(), c(), c()

# %%
total = 0
def bump(n):
    global total
    total += n
bump(3)
bump(4)
total

# %%
def outer():
    x = 1
    def mid():
        def inner():
            return x
        return inner()
    return mid()
outer()

# %%
fs = [lambda i=i: i * i for i in range(3)]
[f() for f in fs]

# %%
def late():
    fns = []
    for i in range(3):
        fns.append(lambda: i)
    return [f() for f in fns]
late()

