"""Vietnamese text knowledge in one place: normalisation and folding.

Pure Python: importing it has no side effects and needs no Django.
"""
