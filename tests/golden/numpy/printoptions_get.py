# %%
import numpy as np

# %%
np.get_printoptions()["precision"]

# %%
np.set_printoptions(precision=4)
np.get_printoptions()["precision"]

# %%
np.get_printoptions()["suppress"]

# %%
np.set_printoptions(precision=4, suppress=True)
np.array([0.00001234, 123.456])

# %%
np.set_printoptions(precision=8, suppress=False)
np.get_printoptions()["precision"]
