# %%
def add(a, b):
    return a + b
add(2, 3)

# %%
def greet(name, greeting='Hello'):
    return greeting + ', ' + name
print(greet('Ann'))
print(greet('Bob', 'Hi'))
print(greet(greeting='Yo', name='Cy'))

# %%
def noret():
    pass
print(noret())

# %%
def multi():
    return 1, 2
multi()

# %%
def early(x):
    if x < 0:
        return 'neg'
    return 'non-neg'
early(-1), early(2)

# %%
def f():
    return
f() is None

