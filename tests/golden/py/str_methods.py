# %%
', '.join(['a', 'b', 'c'])

# %%
'a b  c'.split(), 'a,b,,c'.split(','), 'a b c'.split(' ', 1), 'a-b-c'.rsplit('-', 1)

# %%
'  hi  '.strip() + '|', 'xxhixx'.strip('x'), '  hi'.lstrip(), 'hi  '.rstrip() + '|'

# %%
'Hello'.upper(), 'Hello'.lower(), 'hello world'.title(), 'hELLO'.capitalize()

# %%
'aaa'.replace('a', 'b'), 'aaa'.replace('a', 'b', 2)

# %%
'hello'.startswith('he'), 'hello'.endswith(('lo', 'x')), 'hello'.startswith('lo', 3)

# %%
'hi'.center(6, '*'), 'hi'.ljust(5) + '|', 'hi'.rjust(5, '.'), 'abc'.center(6), 'abc'.center(8, '-')

# %%
'banana'.count('a'), 'banana'.find('na'), 'banana'.find('x'), 'banana'.rfind('na'), 'banana'.index('n')

# %%
'banana'.index('q')

# %%
'42'.isdigit(), 'abc'.isalpha(), '  '.isspace(), '7'.zfill(3), '-7'.zfill(4)

# %%
'a\nb\nc'.splitlines(), 'k=v'.partition('=')

# %%
', '.join([1, 2])

# %%
'abc'.foo

