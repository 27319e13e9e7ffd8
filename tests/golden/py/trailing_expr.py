# %%
1 + 1

# %%
x = 5

# %%
x

# %%
x;

# %%
None

# %%
print('side'); 7

# %%
x = [1]
x.append(2)

# %%
x

# %%
'last'  # comment

# %%
3
4

# %%
def f():
    pass
f()

