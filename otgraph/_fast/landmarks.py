"""Goal-directed search on big graphs: A* with landmark lower bounds (ALT).

For a few landmark roles L, the distances from L to every role and from every role to L give,
by the triangle inequality, a lower bound on the distance between any two roles:
``d(v, t) >= max(d(L, t) - d(L, v), d(v, L) - d(t, L))``. Used as the potential of an A*
search the bound keeps it exact (the bound never overestimates, and it is consistent), while
it settles only the roles that lie towards the goal. Entry requirements only ever remove
moves, so the distances without them bound the gated search as well (:mod:`otgraph.gates`
takes the same potential). A bound also proves some goals unreachable: if L reaches v but
not t, v cannot reach t.

Landmarks are computed lazily, per graph and weight, on the second route question asked of a
graph of at least :data:`MIN_ROLES` roles (one question is answered quicker without them), or
on the first if the graph has entry requirements (a gated search without them is slow),
with scipy's compiled Dijkstra when it is installed. They are kept in networkx's cache of the
graph (:mod:`otgraph._fast.derived`), so any change made through networkx recomputes them; after
changing a move's years straight in its attribute dict, call :func:`otgraph.forget`.

>>> import networkx as nx
>>> G = nx.path_graph(5, create_using=nx.DiGraph)
>>> lm = Landmarks.compute(G, lambda u, v, d: 1, count=2)
>>> h = lm.potential(4)
>>> [h(v) for v in range(5)]
[4.0, 3.0, 2.0, 1.0, 0.0]
>>> astar_path(G, 0, 4, lambda u, v, d: 1, lm)
(4.0, [0, 1, 2, 3, 4])
"""

from __future__ import annotations

import heapq
import json
import random
import sys
from array import array
from collections.abc import Callable
from itertools import count, islice
from operator import sub
from typing import Any

import networkx as nx

from . import derived
from .nx_internals import graph_size, successors

__all__ = ["MIN_ROLES", "Landmarks", "astar_path", "landmarks_for"]

#: Graphs with fewer roles are searched without landmarks (plain searches are quick enough).
MIN_ROLES = 20_000

#: How many landmarks (each costs two single-source searches and 2 numbers per role).
COUNT = 8

#: Stands for "no route" in the distance tables (finite, so differences stay numbers).
FAR = 1e18

Weight = Callable[[str, str, dict[str, Any]], Any]


class Landmarks:
    """Distances from and to a few landmark roles, per role (tuples, for quick arithmetic)."""

    __slots__ = ("frm", "to", "nodes")

    def __init__(self, nodes: list[Any], frm: dict[Any, tuple[float, ...]], to: dict[Any, tuple[float, ...]]):
        self.nodes, self.frm, self.to = nodes, frm, to

    @classmethod
    def compute(cls, G: nx.DiGraph, weight: Weight, count: int = COUNT, seed: int = 0) -> Landmarks:
        """Landmarks spread over ``G`` (each the role farthest from those already chosen)."""
        nodes = list(G)
        index = {n: i for i, n in enumerate(nodes)}
        src, dst, w = [], [], []
        for u, nbrs in successors(G).items():
            i = index[u]
            for v, d in nbrs.items():
                x = weight(u, v, d)
                if x is not None:
                    src.append(i)
                    dst.append(index[v])
                    w.append(float(x))
        runs = _Dijkstra(len(nodes), src, dst, w)
        rng = random.Random(seed)
        chosen = [rng.randrange(len(nodes))] if nodes else []
        frm_cols: list[list[float]] = []
        to_cols: list[list[float]] = []
        spread = [0.0] * len(nodes)
        while chosen and len(frm_cols) < min(count, len(nodes)):
            f, t = runs.run(chosen[-1])
            frm_cols.append(f)
            to_cols.append(t)
            # The next landmark: the role farthest (either way) from all chosen so far.
            spread = [s + (a if a < FAR else 0.0) + (b if b < FAR else 0.0)
                      for s, a, b in zip(spread, f, t, strict=True)]
            for i in chosen:
                spread[i] = -1.0
            best = max(range(len(nodes)), key=spread.__getitem__)
            if spread[best] < 0:
                break
            chosen.append(best)
        frm = dict(zip(nodes, zip(*frm_cols, strict=True), strict=True)) if frm_cols else {}
        to = dict(zip(nodes, zip(*to_cols, strict=True), strict=True)) if to_cols else {}
        return cls(nodes, frm, to)

    def to_bytes(self, G: nx.DiGraph) -> bytes:
        """The distances as bytes (a JSON header line, then doubles in the order of ``G``'s
        roles), for :mod:`otgraph.derived`; :meth:`from_bytes` reads them back."""
        count = len(next(iter(self.frm.values()), ()))
        head = {"size": list(graph_size(G)), "count": count, "byteorder": sys.byteorder}
        values = array("d")
        for table in (self.frm, self.to):
            for n in G:
                values.extend(table[n])
        return json.dumps(head).encode() + b"\n" + values.tobytes()

    @classmethod
    def from_bytes(cls, G: nx.DiGraph, payload: bytes) -> Landmarks | None:
        """The landmarks :meth:`to_bytes` wrote for this very graph, or None."""
        head, _, body = payload.partition(b"\n")
        try:
            meta = json.loads(head)
            count, n = meta["count"], len(G)
            if meta["size"] != list(graph_size(G)) or meta["byteorder"] != sys.byteorder or \
                    not isinstance(count, int) or count < 1 or len(body) != 2 * n * count * 8:
                return None
        except (ValueError, TypeError, KeyError):
            return None
        values = array("d")
        values.frombytes(body)
        rows = zip(*[iter(values)] * count, strict=False)
        nodes = list(G)
        frm = dict(zip(nodes, islice(rows, n), strict=True))
        return cls(nodes, frm, dict(zip(nodes, rows, strict=True)))

    def potential(self, target: Any) -> Callable[[Any], float]:
        """A lower bound on the distance from a role to ``target`` (``FAR`` or more: unreachable)."""
        ft, bt = self.frm.get(target), self.to.get(target)
        frm, to = self.frm, self.to
        if ft is None:
            return lambda v: 0.0

        def h(v: Any) -> float:
            fv = frm.get(v)
            if fv is None:
                return 0.0
            return max(0.0, max(map(sub, ft, fv)), max(map(sub, to[v], bt)))
        return h


class _Dijkstra:
    """Single-source distances forwards and backwards over an edge list: scipy's compiled
    Dijkstra when scipy is installed, else a heap in Python."""

    def __init__(self, n: int, src: list[int], dst: list[int], w: list[float]):
        self.n, self.src, self.dst, self.w = n, src, dst, w
        try:
            import numpy as np
            from scipy.sparse import csr_matrix
            from scipy.sparse.csgraph import dijkstra
        except ImportError:
            self.scipy = None
            self.fwd = _adjacency(n, src, dst, w)
            self.bwd = _adjacency(n, dst, src, w)
            return
        # Parallel edges cannot occur in a DiGraph; zero weights are kept apart from "no edge"
        # by adding a tiny amount that cannot change which route is shortest by any real figure.
        data = np.asarray(w, dtype=float) + 1e-300
        self.scipy = dijkstra
        self.np = np
        self.fwd = csr_matrix((data, (src, dst)), shape=(n, n))
        self.bwd = self.fwd.T.tocsr()

    def run(self, i: int) -> tuple[list[float], list[float]]:
        if self.scipy is None:
            return _heap_dijkstra(self.fwd, i), _heap_dijkstra(self.bwd, i)
        out = []
        for m in (self.fwd, self.bwd):
            d = self.scipy(m, directed=True, indices=i)
            d[~self.np.isfinite(d)] = FAR
            out.append(d.tolist())
        return out[0], out[1]


def _adjacency(n: int, src: list[int], dst: list[int], w: list[float]) -> list[list[tuple[int, float]]]:
    adj: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for a, b, x in zip(src, dst, w, strict=True):
        adj[a].append((b, x))
    return adj


def _heap_dijkstra(adj: list[list[tuple[int, float]]], s: int) -> list[float]:
    dist = [FAR] * len(adj)
    dist[s] = 0.0
    heap = [(0.0, s)]
    while heap:
        d, u = heapq.heappop(heap)
        if d > dist[u]:
            continue
        for v, x in adj[u]:
            nd = d + x
            if nd < dist[v]:
                dist[v] = nd
                heapq.heappush(heap, (nd, v))
    return dist


def landmarks_for(G: nx.DiGraph, weight: Weight, eager: bool = False, name: str | None = None) -> Landmarks | None:
    """The landmarks of ``G`` for ``weight`` if they pay: a plain DiGraph of at least
    :data:`MIN_ROLES` roles, from its second question on (from the first if ``eager``: a
    gated search without a bound can take minutes on such a graph). None otherwise.

    With a ``name`` for the weight, landmarks kept by the graph's store (:mod:`otgraph._fast.derived`)
    are used at once, and new ones are handed to it."""
    if type(G) is not nx.DiGraph or G.number_of_nodes() < MIN_ROLES:
        return None
    entry = derived.cached(G, "landmarks", lambda: {"asked": {}})
    found = entry.get(weight)
    if found is None and name is not None and (payload := derived.recall(G, f"landmarks-{name}")) is not None:
        found = entry[weight] = Landmarks.from_bytes(G, payload)
    if found is None:
        asked = entry["asked"][weight] = entry["asked"].get(weight, 0) + 1
        if asked < 2 and not eager:
            return None
        found = entry[weight] = Landmarks.compute(G, weight)
        if name is not None:
            derived.keep(G, f"landmarks-{name}", found.to_bytes(G))
    return found


def astar_path(G: nx.DiGraph, source: Any, target: Any, weight: Weight,
               landmarks: Landmarks) -> tuple[float, list[Any]]:
    """The shortest route by A* with the landmarks' bound; ``networkx.NetworkXNoPath`` if none."""
    h = landmarks.potential(target)
    if h(source) >= FAR / 2:
        raise nx.NetworkXNoPath(f"no route from {source} to {target}")
    succ = successors(G)
    dist: dict[Any, float] = {source: 0.0}
    parent: dict[Any, Any] = {source: None}
    done: set[Any] = set()
    bound: dict[Any, float] = {}
    tie = count()
    heap = [(h(source), next(tie), 0.0, source)]
    while heap:
        _, _, g, u = heapq.heappop(heap)
        if u in done or g > dist[u]:
            continue
        if u == target:
            nodes = [u]
            while parent[nodes[-1]] is not None:
                nodes.append(parent[nodes[-1]])
            return g, nodes[::-1]
        done.add(u)
        for v, d in succ[u].items():
            if v in done:
                continue
            w = weight(u, v, d)
            if w is None:
                continue
            ng = g + w
            if ng < dist.get(v, FAR):
                hv = bound.get(v)
                if hv is None:
                    hv = bound[v] = h(v)
                if hv >= FAR / 2:
                    continue
                dist[v] = ng
                parent[v] = u
                heapq.heappush(heap, (ng + hv, next(tie), ng, v))
    raise nx.NetworkXNoPath(f"no route from {source} to {target}")
