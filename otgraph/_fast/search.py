"""The label-setting search over entry requirements that every route question uses
(:mod:`otgraph.gates` says what the requirements are).

The search runs over states (role, requirement groups met), keeping per role only the states
no other state beats (one that meets a superset of groups at no greater cost dominates). A
state is a bit mask over the distinct requirement groups of the graph, and at each role it
keeps only the groups that some role or move reachable from there requires: what can never
matter again is forgotten, so states that differ only in it merge. Data without requirements
costs nothing extra. Costs are non-negative, so the first time the goal is settled its cost is
optimal (label-setting, as Dijkstra's algorithm).

>>> s = _Settled(); s.add(0b101)
>>> s.beats(0b100), s.beats(0b010)
(True, False)
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping
from itertools import count

import networkx as nx

from ..gates import Held, Weight, gates_of
from .nx_internals import successors

__all__ = ["Sources", "gated_labels", "gated_path", "gated_tree"]


#: Up to this many groups a settled state's sub-masks are listed one by one (at most 4,096), so
#: that "does a settled state hold a superset?" is one set lookup; beyond it, a scan.
_SUBMASK_BITS = 12


class _Settled:
    """The states settled at one role, for the dominance test. States come off the heap in
    order of cost plus a consistent bound, so at one role in order of cost: a settled state
    costs no more than any later one, and a later state is beaten exactly when a settled one
    holds a superset of its groups."""

    __slots__ = ("big", "covered")

    def __init__(self) -> None:
        self.covered: set[Held] = set()  # every sub-mask of a settled mask of few groups
        self.big: list[Held] = []  # settled masks of many groups

    def beats(self, held: Held) -> bool:
        return held in self.covered or any(h | held == h for h in self.big)

    def add(self, held: Held) -> None:
        if held.bit_count() > _SUBMASK_BITS:
            self.big.append(held)
            return
        # ``covered`` holds every sub-mask of what it holds: a mask found there needs no descent.
        covered, stack = self.covered, [held]
        while stack:
            mask = stack.pop()
            if mask in covered:
                continue
            covered.add(mask)
            rest = mask
            while rest:
                bit = rest & -rest
                stack.append(mask ^ bit)
                rest ^= bit


#: Where a search starts: role -> what is held there, or (role, held) pairs (one role may start
#: several times, once for each alternative its holder may hold).
Sources = Mapping[str, Held] | Iterable[tuple[str, Held]]


def _search(G: nx.DiGraph, sources: Sources, weight: Weight, target: str | None = None,
            cutoff: float | None = None, potential: Callable[[str], float] | None = None):
    """Label-setting search over (role, held); yields settled (node, cost, label index) and
    keeps the labels (node, held, cost, parent) in the returned list.

    ``potential`` (with a ``target``) is a lower bound on the cost from a role to the target
    without requirements (see :mod:`otgraph._fast.landmarks`): labels are then settled in order of
    cost plus bound (A*), which stays exact since requirements only ever add cost, and a role
    whose bound is 1e17 or more (no route) is never entered."""
    gates = gates_of(G)
    succ = successors(G)
    labels: list[tuple[str, Held, float, int]] = []
    settled: dict[str, _Settled] = {}
    tie = count()
    bound: dict[str, float] = {}
    h = potential or (lambda v: 0.0)
    keep = gates.downstream(G) if gates.active else {}
    starts = sources.items() if isinstance(sources, Mapping) else sources
    heap = [(h(s), next(tie), 0.0, s, held & keep.get(s, 0), -1) for s, held in starts]
    heapq.heapify(heap)
    while heap:
        _, _, cost, node, held, parent = heapq.heappop(heap)
        done = settled.get(node)
        if done is None:
            done = settled[node] = _Settled()
        elif done.beats(held):
            continue
        done.add(held)
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
            after = (held | gates.award_mask.get((node, v), 0)) & keep.get(v, 0)
            there = settled.get(v)
            if there is None or not there.beats(after):
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


def gated_path(G: nx.DiGraph, sources: Sources, target: str,
               weight: Weight, potential: Callable[[str], float] | None = None) -> tuple[float, list[str]]:
    """The cheapest route from any of ``sources`` (role -> held at the start) to ``target`` that
    meets every requirement on entry; ``networkx.NetworkXNoPath`` if there is none.
    ``potential``: an optional lower bound on the ungated cost to ``target`` (A*, still exact)."""
    for node, cost, index, labels in _search(G, sources, weight, target, potential=potential):
        if node == target:
            return cost, _path(labels, index)
    raise nx.NetworkXNoPath(f"no route to {target} meets the entry requirements")


def gated_tree(G: nx.DiGraph, sources: Sources, weight: Weight,
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


def gated_labels(G: nx.DiGraph, sources: Sources, weight: Weight
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
