# %%
result = max(
    [3, 1, 4],
    key=lambda v: -v,
)
result

# %%
values = [
    1,
    2,
    3,
]
sum(values)

# %%
text = ('part one '
        'part two')
text

# %%
total = (1 +
         2 +
         3)
total

