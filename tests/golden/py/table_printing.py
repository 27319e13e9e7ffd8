# %%
rows = [('xavier', 0.0592525909824, 1.13072093473), ('he', -0.0146231177692, 0.000116552335896)]
print(f"{'init':<8}{'mean':>12}{'var':>12}")
for name, m, v in rows:
    print(f'{name:<8}{m:>12.5f}{v:>12.3e}')

# %%
for i, w in enumerate([0.01, 0.1, 1.0], 1):
    print('%2d) scale=%-6s -> %8.4f' % (i, w, w * 3.14159))

# %%
header = ' | '.join(['a', 'b', 'c'])
print(header)
print('-' * len(header))

# %%
print('{:>6}|{:^7}|{:<5}'.format('r', 'c', 'l'))

