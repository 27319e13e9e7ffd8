# %%
format(1234.5678, '.2f'), format(1234.5678, ',.2f'), format(0.5, '.0%'), format(0.256, '.1%')

# %%
format(1e-5, 'g'), format(123456789, 'g'), format(0.0001234, 'g'), format(1234567.0, '.3g'), format(100.0, 'g')

# %%
format(2.5, '+.2f'), format(-2.5, '+.2f'), format(2.5, ' .1f')

# %%
format(3.0, ''), format(3.0, '.3'), format(1000.0, '.3'), format(100.0, '.3'), format(1.5, '10'), format(12345.678, '.2')

# %%
format(12, '08.3f'), format(-12, '08d'), format(12, '<8d') + '|', format(12, '^8d') + '|', format(12, '=+8d')

# %%
format(1234567, '_'), format(255, '#010b'), format(1234567.891, ',')

# %%
format('abc', '.2'), format('abc', '<6') + '|', format('abc', '>6'), format('abc', '^7'), format('ab', '-^7')

# %%
format(0.000012345, '.3e'), format(12345.6789, 'E'), format(1.5, 'G'), format(float('inf'), 'f'), format(float('nan'), '.2f')

# %%
format(True, ''), format(True, 'd'), format(False, '>6')

# %%
format(1.5, 'd')

# %%
format('a', 'd')

# %%
format(3, '.2')

# %%
format(0.1, 'z.1f'), format(-0.01, 'z.1f'), format(-0.01, '.1f')

# %%
format(2.675, '.2f'), format(0.125, '.2f'), format(0.375, '.2f'), format(1e20, 'f')

# %%
format(7, 'n'), format(7.25, 'n'), format(65, 'c')

