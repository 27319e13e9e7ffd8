# %%
'hello'

# %%
"it's"

# %%
'say "hi"'

# %%
'both \' and "'

# %%
'tab\there\nnewline'

# %%
'back\\slash'

# %%
print('tab\there')

# %%
'unicode é ü 😀'

# %%
''

# %%
'\x00\x7f'

