"""A tiny stand-in for matplotlib, used only when the real one is not installed.

It accepts the pyplot calls the lesson makes and draws nothing, so the lesson's
printed text can be checked under plain CPython + numpy. `hist` bins with
np.histogram and returns (counts, bins, patches) as matplotlib does; nothing
here draws random numbers, so the random stream is the same as with the real
matplotlib.
"""

__version__ = "0.0-stub"
