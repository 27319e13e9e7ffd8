# %%
from numpy import array, zeros, dot, tanh
import numpy.random as npr

# %%
a = array([[1.0, 2.0], [3.0, 4.0]])
dot(a, zeros((2, 1)))

# %%
tanh(a)

# %%
npr.seed(0)
npr.rand(2)

# %%
from numpy.random import randn, seed
seed(0)
randn(2)

# %%
import numpy
numpy.mean(a)
