"""Entry requirements as gates: what a holder must have to enter a role or take a move, and the
one search every route question uses to honour them.

A role's (or move's) ``requires`` is a tuple of *groups*; every group must be met, and a group
is met by holding any one of its qualification ids. A move adds the qualifications it
``awards``. A route may enter a role only if, with what was held before plus what the move
into it awards, every group of the role and of the move is met. Starting in a role means
holding that role's own requirements: a group of alternatives is held as a *marker* (the
frozenset of its ids), which meets any group containing all of them.

The search runs over states (role, qualifications held), keeping per role only the states no
other state beats (one that holds a superset at no greater cost dominates). Only
qualifications that some role or move requires enter a state, so data without requirements
costs nothing extra. Costs are non-negative, so the first time the goal is settled its cost
is optimal (label-setting, as Dijkstra's algorithm).

>>> import networkx as nx
>>> G = nx.DiGraph()
>>> G.add_edge("aide", "ot", years=1, awards=[])
>>> G.add_edge("aide", "student", years=0, awards=[])
>>> G.add_edge("student", "ot", years=2, awards=["degree"])
>>> G.nodes["ot"]["requires"] = ["degree"]
>>> gated_path(G, {"aide": frozenset()}, "ot", lambda u, v, d: d["years"])[1]
['aide', 'student', 'ot']
"""

from __future__ import annotations

import heapq
import weakref
from collections.abc import Callable, Iterable, Mapping
from itertools import count, pairwise
from typing import Any

import networkx as nx

__all__ = [
    "Gates", "Held", "blocking_requirement", "gated_labels", "gated_path", "gated_tree", "gates_of", "meets",
    "normalize_groups", "remember_gates", "route_meets_requirements", "start_state", "step_state",
]

#: What a state holds: qualification ids, and markers (frozensets) for alternative groups held at the start.
Held = frozenset
Group = frozenset[str]
Weight = Callable[[str, str, dict[str, Any]], float]


def normalize_groups(groups: Any) -> tuple[Group, ...]:
    """Requirement groups as frozensets of ids.

    >>> normalize_groups(["a", ["b", "c"]]) == (frozenset({"a"}), frozenset({"b", "c"}))
    True
    """
    if not groups:
        return ()
    return tuple(frozenset(g) if isinstance(g, (list, tuple, set, frozenset)) else frozenset([g]) for g in groups)


def meets(held: Held, group: Group) -> bool:
    """Does ``held`` meet a requirement group (any one id, or a marker of a narrower group)?

    >>> meets(frozenset({"b"}), frozenset({"b", "c"})), meets(frozenset({frozenset({"b", "c"})}), frozenset({"b"}))
    (True, False)
    """
    if not held.isdisjoint(group):
        return True
    return any(type(h) is frozenset and h <= group for h in held)


class Gates:
    """The requirements of one graph, read once: groups per role and per move, what each move
    awards (only what something requires), and the set of relevant qualifications."""

    __slots__ = ("awards", "move_groups", "relevant", "role_groups", "__weakref__")

    def __init__(self, G: nx.DiGraph):
        role_groups = {n: r for n, r in G.nodes(data="requires") if r}
        move_groups = {(u, v): r for u, v, r in G.edges(data="requires") if r}
        awards = {(u, v): a for u, v, a in G.edges(data="awards") if a}
        self._fill(role_groups, move_groups, awards)

    @classmethod
    def from_parts(cls, role_groups: Mapping[str, Any], move_groups: Mapping[tuple[str, str], Any],
                   awards: Mapping[tuple[str, str], Iterable[str]]) -> Gates:
        """The gates from what a build read: ``requires`` per role and per move (as in the data)
        and the non-empty ``awards`` per move."""
        gates = cls.__new__(cls)
        gates._fill(role_groups, move_groups, awards)
        return gates

    def _fill(self, role_groups: Mapping[str, Any], move_groups: Mapping[tuple[str, str], Any],
              awards: Mapping[tuple[str, str], Iterable[str]]) -> None:
        memo: dict[str, tuple[Group, ...]] = {}

        def groups(raw: Any) -> tuple[Group, ...]:
            key = repr(raw)  # the same requirements recur across thousands of roles and moves
            found = memo.get(key)
            if found is None:
                found = memo[key] = normalize_groups(raw)
            return found

        self.role_groups: dict[str, tuple[Group, ...]] = {n: g for n, r in role_groups.items() if (g := groups(r))}
        self.move_groups: dict[tuple[str, str], tuple[Group, ...]] = {
            e: g for e, r in move_groups.items() if (g := groups(r))}
        relevant: set[str] = set()
        for found in memo.values():
            for g in found:
                relevant |= g
        self.relevant = frozenset(relevant)
        self.awards: dict[tuple[str, str], frozenset[str]] = {}
        if relevant:
            for e, a in awards.items():
                gained = relevant.intersection(a)
                if gained:
                    self.awards[e] = frozenset(gained)

    @property
    def active(self) -> bool:
        """Does anything in the graph require anything?"""
        return bool(self.relevant)

    def unmet(self, held: Held, u: str, v: str) -> Group | None:
        """The first group that stops the move u -> v from ``held``, or None if it may be taken."""
        for g in self.move_groups.get((u, v), ()):
            if not meets(held, g):
                return g
        groups = self.role_groups.get(v)
        if groups:
            after = held | self.awards.get((u, v), frozenset())
            for g in groups:
                if not meets(after, g):
                    return g
        return None


_CACHE: weakref.WeakKeyDictionary[nx.DiGraph, tuple[tuple[int, int], Gates]] = weakref.WeakKeyDictionary()


def remember_gates(G: nx.DiGraph, gates: Gates) -> None:
    """Record the gates of a graph just built (so :func:`gates_of` need not read it again)."""
    _CACHE[G] = ((G.number_of_nodes(), G.number_of_edges()), gates)


def gates_of(G: nx.DiGraph) -> Gates:
    """The requirements of ``G`` (computed once per graph and size; views read their base graph's)."""
    base = G
    while hasattr(base, "_graph") and base._graph is not base:  # a subgraph view: its base holds the data
        base = base._graph
    size = (base.number_of_nodes(), base.number_of_edges())
    cached = _CACHE.get(base)
    if cached is None or cached[0] != size:
        cached = (size, Gates(base))
        _CACHE[base] = cached
    return cached[1]


def start_state(G: nx.DiGraph, role: str, have: Iterable[str] = ()) -> Held:
    """What a holder of ``role`` holds: its own requirements, plus ``have`` (qualification ids).

    >>> G = nx.DiGraph(); G.add_node("ot", requires=[["mot", "otd"], "licence"])
    >>> start_state(G, "ot") == frozenset({"licence", frozenset({"mot", "otd"})})
    True
    """
    gates = gates_of(G)
    held: set[Any] = set(gates.relevant.intersection(have))
    for g in gates.role_groups.get(role, ()):
        held.add(next(iter(g)) if len(g) == 1 else g)
    return frozenset(held)


def step_state(gates: Gates, held: Held, u: str, v: str) -> Held:
    """What is held after the move u -> v."""
    gained = gates.awards.get((u, v))
    return held | gained if gained else held


def _dominated(labels: list[tuple[float, Held]], cost: float, held: Held) -> bool:
    return any(c <= cost and h >= held for c, h in labels)


def _search(G: nx.DiGraph, sources: Mapping[str, Held], weight: Weight, target: str | None = None,
            cutoff: float | None = None, potential: Callable[[str], float] | None = None):
    """Label-setting search over (role, held); yields settled (node, cost, label index) and
    keeps the labels (node, held, cost, parent) in the returned list.

    ``potential`` (with a ``target``) is a lower bound on the cost from a role to the target
    without requirements (see :mod:`otgraph.landmarks`): labels are then settled in order of
    cost plus bound (A*), which stays exact since requirements only ever add cost, and a role
    whose bound is 1e17 or more (no route) is never entered."""
    gates = gates_of(G)
    succ = G._succ if type(G) is nx.DiGraph else G.succ  # the plain dicts when there is no view to honour
    labels: list[tuple[str, Held, float, int]] = []
    settled: dict[str, list[tuple[float, Held]]] = {}
    tie = count()
    bound: dict[str, float] = {}
    h = potential or (lambda v: 0.0)
    heap = [(h(s), next(tie), 0.0, s, held, -1) for s, held in sources.items()]
    heapq.heapify(heap)
    while heap:
        _, _, cost, node, held, parent = heapq.heappop(heap)
        done = settled.setdefault(node, [])
        if _dominated(done, cost, held):
            continue
        done.append((cost, held))
        labels.append((node, held, cost, parent))
        index = len(labels) - 1
        yield node, cost, index, labels
        if node == target:
            return
        for v, d in succ[node].items():
            if gates.active and gates.unmet(held, node, v) is not None:
                continue
            w = weight(node, v, d)
            if w is None:
                continue
            new = cost + w
            if cutoff is not None and new > cutoff + 1e-9:
                continue
            after = step_state(gates, held, node, v)
            if not _dominated(settled.get(v, ()), new, after):
                hv = bound.get(v)
                if hv is None:
                    hv = bound[v] = h(v)
                if hv < 1e17:
                    heapq.heappush(heap, (new + hv, next(tie), new, v, after, index))


def _path(labels: list[tuple[str, Held, float, int]], index: int) -> list[str]:
    nodes = []
    while index >= 0:
        node, _, _, index = labels[index]
        nodes.append(node)
    return nodes[::-1]


def gated_path(G: nx.DiGraph, sources: Mapping[str, Held], target: str,
               weight: Weight, potential: Callable[[str], float] | None = None) -> tuple[float, list[str]]:
    """The cheapest route from any of ``sources`` (role -> held at the start) to ``target`` that
    meets every requirement on entry; ``networkx.NetworkXNoPath`` if there is none.
    ``potential``: an optional lower bound on the ungated cost to ``target`` (A*, still exact)."""
    for node, cost, index, labels in _search(G, sources, weight, target, potential=potential):
        if node == target:
            return cost, _path(labels, index)
    raise nx.NetworkXNoPath(f"no route to {target} meets the entry requirements")


def gated_tree(G: nx.DiGraph, sources: Mapping[str, Held], weight: Weight,
               cutoff: float | None = None) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Best cost and route to every role reachable from ``sources`` under the requirements (the
    gated counterpart of ``networkx.single_source_dijkstra``)."""
    costs: dict[str, float] = {}
    paths: dict[str, list[str]] = {}
    for node, cost, index, labels in _search(G, sources, weight, cutoff=cutoff):
        if node not in costs:
            costs[node] = cost
            paths[node] = _path(labels, index)
    return costs, paths


def gated_labels(G: nx.DiGraph, sources: Mapping[str, Held], weight: Weight
                 ) -> tuple[list[str], list[int], dict[str, int]]:
    """The search tree over states: each settled state's role and parent (-1 for a start), and
    for each reachable role the state that reached it first (its best route). Following
    parents from ``best[role]`` gives the best route to the role backwards."""
    best: dict[str, int] = {}
    settled: list[tuple[str, Held, float, int]] = []
    for node, _, index, labels in _search(G, sources, weight):
        best.setdefault(node, index)
        settled = labels
    return [label[0] for label in settled], [label[3] for label in settled], best


def route_meets_requirements(G: nx.DiGraph, nodes: list[str], held: Held) -> bool:
    """Does a route (role ids in order, starting with ``held``) meet every requirement on entry?"""
    return blocking_requirement(G, nodes, held) is None


def blocking_requirement(G: nx.DiGraph, nodes: list[str], held: Held) -> tuple[int, Group] | None:
    """The first step (index into the moves) whose requirement is not met, and that group."""
    gates = gates_of(G)
    if not gates.active:
        return None
    for i, (u, v) in enumerate(pairwise(nodes)):
        group = gates.unmet(held, u, v)
        if group is not None:
            return i, group
        held = step_state(gates, held, u, v)
    return None
