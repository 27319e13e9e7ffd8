# %%
isinstance(1, int), isinstance(True, int), isinstance(1.0, int), isinstance(1.0, (int, float)), isinstance('s', str)

# %%
isinstance([], list), isinstance((), tuple), isinstance({}, dict), isinstance(None, int), isinstance(True, bool)

# %%
print(type(1), type(1.0), type('a'), type([]), type(()), type({}), type(None), type(True))

# %%
type(1) == int, type(True) is bool, type(3.0) is float

# %%
repr('a'), repr([1, 'b']), str(1.0), str([1, 'b']), str(None)

# %%
hasattr('abc', 'upper'), hasattr(5, 'nope'), getattr('abc', 'upper')(), getattr(5, 'nope', 'dflt')

# %%
getattr(5, 'nope')

# %%
callable(len), callable(5), callable(lambda: 0)

# %%
chr(65), ord('a'), hex(255), bin(5), oct(8), hex(-1)

# %%
isinstance(1, 'int')

