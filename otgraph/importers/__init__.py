"""Converters from other occupation datasets into otgraph roles files.

``otgraph.importers.onet``: the O*NET database's related occupations.
"""

__all__: list[str] = []
