# %%
scores = {'alice': 3, 'bob': 5, 'carol': 4}
for name in sorted(scores, key=scores.get, reverse=True):
    print(name, scores[name])

# %%
{k: v * 2 for k, v in scores.items() if v > 3}

# %%
max(scores.items(), key=lambda kv: kv[1])

# %%
list(zip(*scores.items()))

# %%
inverted = {v: k for k, v in scores.items()}
inverted[5]

# %%
sum(scores.values()) / len(scores)

