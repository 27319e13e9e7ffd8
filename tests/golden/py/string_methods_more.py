# %%
'a,b;c'.replace(';', ',').split(',')

# %%
'  padded  '.center(14, '*')

# %%
'Title Case Words'.lower().split()

# %%
'x'.join('abc'), '-'.join(str(i) for i in range(4))

# %%
'hello world'.count('o'), 'hello'.upper().lower() == 'hello'

# %%
'%s has %d chars' % ('word', len('word'))

# %%
'abc' * 2 + 'd', 'abc'[::-1].upper()

# %%
'tab\tsep'.split('\t'), 'a  b'.split(' ')

