# %%
'{} + {} = {}'.format(1, 2, 3)

# %%
'{0}{1}{0}'.format('ab', 'cd')

# %%
'{name} is {age}'.format(name='Ann', age=30)

# %%
'{:.3f} {:>5}|'.format(3.14159, 'x')

# %%
'{0[1]} {1[k]}'.format([1, 2], {'k': 'v'})

# %%
'{:{w}.{p}f}'.format(2.71828, w=8, p=2)

# %%
'{!r} {!s}'.format('a', 'b')

# %%
'{{}} {}'.format(5)

# %%
'{} {}'.format(1)

# %%
'{0} {}'.format(1, 2)

# %%
'{x}'.format(y=1)

