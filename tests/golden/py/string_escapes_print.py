# %%
print('a\tb')

# %%
print('quote\'s and \"dq\"')

# %%
print(r'raw\n')

# %%
print('''multi
line''')

# %%
s = """keep
  indent"""
s

# %%
'\u00e9', '\x41', '\101'

# %%
print(repr('\n'), repr('\\'))

