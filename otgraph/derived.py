"""Derived data of a graph that is slow to compute and worth keeping between runs: what each
role's requirements still need downstream (:mod:`otgraph.gates`), the role-name index
(:mod:`otgraph.names`) and landmark distances (:mod:`otgraph.landmarks`).

The library computes such data lazily, on the first question that needs it, and never reads
or writes files. A loader that knows where a graph came from (:mod:`otgraph.load`, for a
dataset in the cache) attaches a :class:`Store` to it: the library then asks the store before
computing (:func:`recall`) and hands it what it computed (:func:`keep`), as bytes. A graph
without a store (built in code, or a view) simply computes.

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
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Store", "attach", "keep", "recall"]


class Store(Protocol):
    """Where a graph's derived data is kept: bytes under a name."""

    def recall(self, name: str) -> bytes | None:
        """The bytes kept under ``name``, or None."""

    def keep(self, name: str, payload: bytes) -> None:
        """Keep ``payload`` under ``name`` (failures are the store's to ignore)."""


_STORES: weakref.WeakKeyDictionary[nx.DiGraph, Store] = weakref.WeakKeyDictionary()


def attach(G: nx.DiGraph, store: Store) -> None:
    """Keep the derived data of ``G`` in ``store`` from now on."""
    _STORES[G] = store


def recall(G: nx.DiGraph, name: str) -> bytes | None:
    """The bytes kept for ``G`` under ``name``, or None (no store, nothing kept)."""
    store = _STORES.get(G)
    return None if store is None else store.recall(name)


def keep(G: nx.DiGraph, name: str, payload: bytes) -> None:
    """Hand ``payload`` to the store of ``G``, if it has one."""
    store = _STORES.get(G)
    if store is not None:
        store.keep(name, payload)
