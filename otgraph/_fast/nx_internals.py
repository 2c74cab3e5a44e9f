"""The one module that reads networkx's internals: a plain ``DiGraph``'s own dicts (``_node``,
``_succ``, ``_pred``) and its per-graph cache (``__networkx_cache__``, networkx 3.3+).

Building a graph straight into its dicts and counting moves from them is several times quicker
than the public API on big graphs; the cache is where networkx itself keeps data derived from a
graph and empties it on every change made through its API. ``tests/test_fast.py`` checks that
networkx still behaves as this module assumes, and ``install_requires`` pins ``networkx<4``.

>>> import networkx as nx
>>> G = nx.DiGraph(); node, succ, pred = graph_dicts(G)
>>> node["a"], succ["a"], pred["a"] = {}, {}, {}
>>> node["b"], succ["b"], pred["b"] = {}, {}, {}
>>> succ["a"]["b"] = pred["b"]["a"] = {"years": 1}
>>> G.edges["a", "b"], graph_size(G)
({'years': 1}, (2, 1))
"""

from __future__ import annotations

from typing import Any

import networkx as nx

__all__ = ["graph_cache", "graph_dicts", "graph_size", "successors"]


def graph_dicts(G: nx.DiGraph) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """A graph's node attribute, successor and predecessor dicts, to be filled in place."""
    return G._node, G._succ, G._pred


def successors(G: nx.DiGraph) -> Any:
    """The successor mapping to walk: a plain ``DiGraph``'s own dict (no view to honour), else
    the graph's ``succ`` view (a subgraph view filters what it shows)."""
    return G._succ if type(G) is nx.DiGraph else G.succ


def graph_size(G: nx.DiGraph) -> tuple[int, int]:
    """(roles, moves): counting a plain ``DiGraph``'s moves from its dicts, several times quicker
    than ``G.size()``."""
    if type(G) is nx.DiGraph:
        return len(G._node), sum(map(len, G._succ.values()))
    return G.number_of_nodes(), G.number_of_edges()


def graph_cache(G: nx.Graph) -> dict[str, Any]:
    """networkx's cache of ``G`` (emptied by networkx on every change made through its API)."""
    return G.__networkx_cache__
