# %%
def grade(s):
    if s >= 90:
        return 'A'
    elif s >= 80:
        return 'B'
    elif s >= 70:
        return 'C'
    else:
        return 'F'
[grade(s) for s in (95, 85, 75, 10)]

# %%
x = 0
if x:
    print('truthy')
else:
    print('falsy')

# %%
if []:
    print('a')
elif {}:
    print('b')
elif 'x':
    print('c')

