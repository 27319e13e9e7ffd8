# %%
data = {'xs': [1, 2, 3], 'meta': {'name': 'run', 'tags': ('a', 'b')}}
data

# %%
data['meta']['tags'][1]

# %%
data['xs'].append(4)
len(data['xs'])

# %%
matrix = [[1, 2, 3], [4, 5, 6]]
[[row[i] for row in matrix] for i in range(3)]

# %%
records = [{'n': 'a', 'v': 3}, {'n': 'b', 'v': 1}]
sorted(records, key=lambda r: r['v'])

# %%
sum(r['v'] for r in records)

