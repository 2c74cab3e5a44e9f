"""Learn a career graph from career records (``otgraph learn``).

>>> from otgraph.learn import learn_graph, write_json  # doctest: +SKIP
>>> data, report = learn_graph("spells.csv", map_to="roles")  # doctest: +SKIP
>>> write_json(data, "learned.json")  # doctest: +SKIP

The records are read and reduced by DuckDB, embedded (``pip install otgraph[learn]``); see
:mod:`otgraph.learn.duck` for what is computed, :mod:`otgraph.learn.run` for what every engine
shares, :mod:`otgraph.learn.records` for the input, :mod:`otgraph.learn.mapping` for ``map_to``
and :mod:`otgraph.learn.privacy` for what may leave. The library never prints.
"""

from __future__ import annotations

from .duck import learn_graph
from .run import STAGES, write_all, write_json
from .survival import KMMedian, km_median

__all__ = ["STAGES", "KMMedian", "km_median", "learn_graph", "write_all", "write_json"]
