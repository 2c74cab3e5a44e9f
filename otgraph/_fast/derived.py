"""Derived data of a graph: what each role's requirements still need downstream
(:mod:`otgraph.gates`), the role-name and qualification indexes (:mod:`otgraph.names`) and
landmark distances (:mod:`otgraph._fast.landmarks`).

All of it lives in networkx's own per-graph cache, ``G.__networkx_cache__`` of the *base*
graph (a subgraph view reads its base graph's), under the key ``"otgraph"``. networkx empties
that cache whenever the graph is changed through its API (``add_edge``, ``remove_node``,
``nx.set_node_attributes``, ...), so an answer never comes from data computed before an edit.
An edit made straight to an attribute dict (``G.nodes[n]["requires"] = ...``) or to
``G.graph`` (the qualifications table) goes unseen by networkx: call :func:`forget` after it.

The library computes such data lazily, on the first question that needs it, and never reads
or writes files. A loader that knows where a graph came from (:mod:`otgraph.load`, for a
dataset in the cache) attaches a :class:`Store` to it: the library then asks the store before
computing (:func:`recall`) and hands it what it computed (:func:`keep`), as bytes. The store
is held in the same cache, so an edit detaches it too. A graph without a store (built in
code, or edited since it was loaded) simply computes.

>>> import networkx as nx
>>> class Memory:
...     def __init__(self): self.kept = {}
...     def recall(self, name): return self.kept.get(name)
...     def keep(self, name, payload): self.kept[name] = payload
>>> G = nx.DiGraph()
>>> recall(G, "x") is None
True
>>> attach(G, Memory()); keep(G, "x", b"1"); recall(G, "x")
b'1'
>>> G.add_node("a"); recall(G, "x") is None  # an edit through networkx forgets the store
True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from .nx_internals import graph_cache

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Store", "attach", "base_graph", "cached", "forget", "keep", "recall"]

T = TypeVar("T")

#: The key of otgraph's entry in ``G.__networkx_cache__``.
KEY = "otgraph"
_STORE = "store"


class Store(Protocol):
    """Where a graph's derived data is kept: bytes under a name."""

    def recall(self, name: str) -> bytes | None:
        """The bytes kept under ``name``, or None."""

    def keep(self, name: str, payload: bytes) -> None:
        """Keep ``payload`` under ``name`` (failures are the store's to ignore)."""


def base_graph(G: nx.DiGraph) -> nx.DiGraph:
    """The graph a (possibly nested) subgraph view is a view of; ``G`` itself otherwise."""
    while (inner := getattr(G, "_graph", G)) is not G:
        G = inner
    return G


def _entry(G: nx.DiGraph) -> dict[Any, Any]:
    return graph_cache(base_graph(G)).setdefault(KEY, {})


def cached(G: nx.DiGraph, name: Any, compute: Callable[[], T]) -> T:
    """The value kept for the base graph of ``G`` under ``name``; ``compute()`` it the first time
    (and again after the graph changes).

    >>> import networkx as nx
    >>> G = nx.DiGraph([(1, 2)])
    >>> cached(G, "size", G.number_of_edges)
    1
    >>> G.add_edge(2, 3); cached(G, "size", G.number_of_edges)
    2
    """
    entry = _entry(G)
    try:
        return entry[name]
    except KeyError:
        value = entry[name] = compute()
        return value


def forget(G: nx.DiGraph) -> None:
    """Forget everything otgraph derived from ``G`` (and detach its store).

    Call it after changing an attribute dict directly (``G.nodes[n]["requires"] = [...]``,
    ``G.edges[u, v]["years"] = 3``) or ``G.graph`` (the qualifications table): networkx cannot
    see such edits. Changes made through networkx's API (``add_edge``, ``remove_node``,
    ``nx.set_node_attributes``, ``nx.set_edge_attributes``...) need no call.

    Parameters
    ----------
    G : networkx.DiGraph
        A career graph, or a view of one (its base graph's data is forgotten).

    Examples
    --------
    >>> import networkx as nx
    >>> import otgraph
    >>> G = nx.DiGraph()
    >>> G.add_edge("aide", "ot", years=1, awards=[])
    >>> G.add_edge("aide", "student", years=0, awards=[])
    >>> G.add_edge("student", "ot", years=2, awards=["degree"])
    >>> otgraph.shortest_route(G, "aide", "ot").roles
    ('aide', 'ot')
    >>> G.nodes["ot"]["requires"] = ["degree"]   # a direct edit: networkx cannot see it
    >>> otgraph.forget(G)
    >>> otgraph.shortest_route(G, "aide", "ot").roles
    ('aide', 'student', 'ot')
    """
    graph_cache(base_graph(G)).pop(KEY, None)


def attach(G: nx.DiGraph, store: Store) -> None:
    """Keep the derived data of ``G`` in ``store`` from now on (until ``G`` changes)."""
    _entry(G)[_STORE] = store


def recall(G: nx.DiGraph, name: str) -> bytes | None:
    """The bytes kept for ``G`` under ``name``, or None (no store, nothing kept)."""
    store = _entry(G).get(_STORE)
    return None if store is None else store.recall(name)


def keep(G: nx.DiGraph, name: str, payload: bytes) -> None:
    """Hand ``payload`` to the store of ``G``, if it has one."""
    store = _entry(G).get(_STORE)
    if store is not None:
        store.keep(name, payload)
