# %%
def todo():
    pass
todo()

# %%
for _ in range(3):
    pass

# %%
if True:
    pass
else:
    pass

# %%
while False:
    pass

