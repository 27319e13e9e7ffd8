# %%
undefined_thing

# %%
print(undefined_too)

# %%
def f():
    return missing_global
f()

# %%
len2([1])

