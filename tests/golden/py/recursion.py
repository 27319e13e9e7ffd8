# %%
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
fact(20)

# %%
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
[fib(i) for i in range(15)]

# %%
def forever(n):
    return forever(n + 1)
forever(0)

# %%
def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)
deep(500)

