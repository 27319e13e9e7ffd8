# %%
x = 'global'
def show():
    return x
show()

# %%
def shadow():
    x = 'local'
    return x
shadow(), x

# %%
def setg():
    global newg
    newg = 42
setg()
newg

# %%
def a():
    def b():
        return 'b'
    return b()
a()

# %%
counter = 0
def incr():
    global counter
    for _ in range(3):
        counter += 1
incr()
counter

