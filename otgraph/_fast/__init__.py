"""The speed machinery behind otgraph's answers: private, with no API of its own.

What is here changes how fast an answer comes, never what it is: the cache of checked and built
datasets (:mod:`~otgraph._fast.cache`), data derived from a graph kept in networkx's own cache
(:mod:`~otgraph._fast.derived`), the compact snapshot of a built graph
(:mod:`~otgraph._fast.snapshot`), the label-setting search over entry requirements
(:mod:`~otgraph._fast.search`), landmark bounds for big graphs (:mod:`~otgraph._fast.landmarks`)
and the one module that reads networkx's internals (:mod:`~otgraph._fast.nx_internals`).
Import paths here may change in any release; use the names in ``otgraph.__all__``.
"""
