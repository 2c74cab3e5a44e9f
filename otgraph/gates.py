"""Entry requirements as gates: what a holder must have to enter a role or take a move, and the
one search every route question uses to honour them.

A role's (or move's) ``requires`` is a tuple of *groups*; every group must be met, and a group
is met by holding any one of its qualification ids. A move adds the qualifications it
``awards``. A route may enter a role only if, with what was held before plus what the move
into it awards, every group of the role and of the move is met. Starting in a role means
holding that role's own requirements: a group of alternatives held at the start meets every
group that allows all of its alternatives.

The search runs over states (role, requirement groups met), keeping per role only the states
no other state beats (one that meets a superset of groups at no greater cost dominates). A
state is a bit mask over the distinct requirement groups of the graph, and at each role it
keeps only the groups that some role or move reachable from there requires: what can never
matter again is forgotten, so states that differ only in it merge. Data without requirements
costs nothing extra. Costs are non-negative, so the first time the goal is settled its cost is
optimal (label-setting, as Dijkstra's algorithm).

>>> import networkx as nx
>>> G = nx.DiGraph()
>>> G.add_edge("aide", "ot", years=1, awards=[])
>>> G.add_edge("aide", "student", years=0, awards=[])
>>> G.add_edge("student", "ot", years=2, awards=["degree"])
>>> G.nodes["ot"]["requires"] = ["degree"]
>>> gated_path(G, {"aide": start_state(G, "aide")}, "ot", lambda u, v, d: d["years"])[1]
['aide', 'student', 'ot']
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Callable, Iterable, Mapping
from itertools import count, pairwise
from typing import Any

import networkx as nx

from . import derived

__all__ = [
    "Gates", "Held", "blocking_requirement", "gated_labels", "gated_path", "gated_tree", "gates_of", "graph_size",
    "normalize_groups", "remember_gates", "start_state", "step_state",
]

#: The name :meth:`Gates.downstream` keeps its result under (see :mod:`otgraph.derived`).
DOWNSTREAM = "requirements-downstream"

#: What a state holds: a bit mask of the requirement groups it meets (see :class:`Gates`).
Held = int


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


class Gates:
    """The requirements of one graph, read once: the distinct requirement groups (bit i of a
    state is group i), the groups each role and move requires, what each move awards (as the
    groups it meets), and for each role the groups still required somewhere downstream."""

    __slots__ = ("_downstream", "_start", "free", "award_mask", "awards", "group_bit", "groups", "move_groups",
                 "move_mask", "qual_mask", "relevant", "role_groups", "role_mask", "__weakref__")

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
        # Bits in a canonical order (not the order the data was read in), so that masks kept
        # between runs (see :meth:`downstream`) mean the same groups in every process.
        self.groups: list[Group] = sorted({g for found in memo.values() for g in found}, key=sorted)
        self.group_bit: dict[Group, int] = {g: 1 << i for i, g in enumerate(self.groups)}
        self.qual_mask: dict[str, int] = {}
        for g, bit in self.group_bit.items():
            for q in g:
                self.qual_mask[q] = self.qual_mask.get(q, 0) | bit
        self.relevant = frozenset(self.qual_mask)
        self.role_mask = {n: self._mask(gs) for n, gs in self.role_groups.items()}
        self.move_mask = {e: self._mask(gs) for e, gs in self.move_groups.items()}
        self.awards: dict[tuple[str, str], frozenset[str]] = {}
        self.award_mask: dict[tuple[str, str], int] = {}
        if self.relevant:
            for e, a in awards.items():
                gained = self.relevant.intersection(a)
                if gained:
                    self.awards[e] = frozenset(gained)
                    mask = 0
                    for q in gained:
                        mask |= self.qual_mask[q]
                    self.award_mask[e] = mask
        self._start: dict[str, int] = {}
        self._downstream: dict[str, int] | None = None
        #: Groups that can never block (see :meth:`downstream`): treated as met, kept out of states.
        self.free = 0

    def _mask(self, groups: Iterable[Group]) -> int:
        mask = 0
        for g in groups:
            mask |= self.group_bit[g]
        return mask

    @property
    def active(self) -> bool:
        """Does anything in the graph require anything?"""
        return bool(self.groups)

    def met(self, held: Held, group: Group) -> bool:
        """Does the state ``held`` meet ``group`` (one of the graph's requirement groups)?"""
        return bool(held & self.group_bit.get(group, 0))

    def have_mask(self, have: Iterable[str]) -> int:
        """The groups met by holding the qualifications ``have``."""
        mask = 0
        for q in have:
            mask |= self.qual_mask.get(q, 0)
        return mask

    def start_mask(self, role: str, chosen: frozenset[Group] = frozenset()) -> int:
        """The groups a holder of ``role`` meets: each of its own groups S meets every group
        that allows all of S's alternatives. Groups in ``chosen`` are left out: the caller
        knows which of their alternatives is held (see :mod:`otgraph.holding`)."""
        mask = self._start.get(role) if not chosen else None
        if mask is None:
            mask = 0
            for own in self.role_groups.get(role, ()):
                if own in chosen:
                    continue
                for g, bit in self.group_bit.items():
                    if own <= g:
                        mask |= bit
            if not chosen:
                self._start[role] = mask
        return mask

    def downstream(self, G: nx.DiGraph) -> dict[str, int]:
        """For each role, the groups some role or move reachable from it (itself included)
        requires: the only part of a state that can still matter there.

        Groups that can never block are left out (and :attr:`free` marks them met): a group a
        role requires is such when every move into the role awards it or comes from a role
        whose own requirements meet it (a licence that only the occupation's entry route
        awards, say). Every state that reaches the role then meets it, so it need not be carried.
        """
        if self._downstream is None:
            G = derived.base_graph(G)  # a view's base: its reach is a superset, so what it keeps is enough
            if self._recall_downstream(G):
                return self._downstream
            self.free = self._never_blocking(G)
            own: dict[str, int] = {n: m & ~self.free for n, m in self.role_mask.items()}
            for (u, _v), mask in self.move_mask.items():
                own[u] = own.get(u, 0) | (mask & ~self.free)
            C = nx.condensation(G)
            need: dict[int, int] = {}
            for c in reversed(list(nx.topological_sort(C))):
                mask = 0
                for n in C.nodes[c]["members"]:
                    mask |= own.get(n, 0)
                for d in C.succ[c]:
                    mask |= need[d]
                need[c] = mask
            mapping = C.graph["mapping"]
            self._downstream = {n: need[mapping[n]] for n in G}
            derived.keep(G, DOWNSTREAM, json.dumps(
                {"size": list(graph_size(G)), "groups": [sorted(g) for g in self.groups],
                 "free": self.free, "downstream": [self._downstream[n] for n in G]}).encode())
        return self._downstream

    def _recall_downstream(self, G: nx.DiGraph) -> bool:
        """Take :meth:`downstream` from the graph's store, if it kept one for this very graph."""
        payload = derived.recall(G, DOWNSTREAM)
        if payload is None:
            return False
        try:
            kept = json.loads(payload)
            masks = kept["downstream"]
            if kept["size"] != list(graph_size(G)) or len(masks) != len(G) or \
                    kept["groups"] != [sorted(g) for g in self.groups] or \
                    not all(isinstance(m, int) for m in [kept["free"], *masks]):
                return False
        except (ValueError, TypeError, KeyError):
            return False
        self.free, self._downstream = kept["free"], dict(zip(G, masks, strict=True))
        return True

    def _never_blocking(self, G: nx.DiGraph) -> int:
        blocking = 0
        for (u, _v), mask in self.move_mask.items():
            blocking |= mask & ~self.start_mask(u)
        for v, mask in self.role_mask.items():
            for u in G.pred[v]:
                blocking |= mask & ~(self.award_mask.get((u, v), 0) | self.start_mask(u))
        return ((1 << len(self.groups)) - 1) & ~blocking

    def unmet(self, held: Held, u: str, v: str) -> Group | None:
        """The first group that stops the move u -> v from ``held``, or None if it may be taken."""
        held |= self.free
        mm = self.move_mask.get((u, v))
        if mm and held & mm != mm:
            return next(g for g in self.move_groups[u, v] if not held & self.group_bit[g])
        rm = self.role_mask.get(v)
        if rm:
            after = held | self.award_mask.get((u, v), 0)
            if after & rm != rm:
                return next(g for g in self.role_groups[v] if not after & self.group_bit[g])
        return None


def graph_size(G: nx.DiGraph) -> tuple[int, int]:
    """(roles, moves), written beside data kept on disk for a graph as a check that it was
    computed from a graph of this shape (counting a plain DiGraph's moves from its dicts,
    several times quicker than ``G.size()``)."""
    if type(G) is nx.DiGraph:
        return len(G._node), sum(map(len, G._succ.values()))
    return G.number_of_nodes(), G.number_of_edges()


#: The name the gates of a graph are kept under (see :mod:`otgraph.derived`).
GATES = "gates"


def remember_gates(G: nx.DiGraph, gates: Gates) -> None:
    """Record the gates of a graph just built (so :func:`gates_of` need not read it again)."""
    derived.cached(G, GATES, lambda: gates)


def gates_of(G: nx.DiGraph) -> Gates:
    """The requirements of ``G``, computed once per graph and kept until it changes (see
    :mod:`otgraph.derived`); views read their base graph's."""
    return derived.cached(G, GATES, lambda: Gates(derived.base_graph(G)))


def start_state(G: nx.DiGraph, role: str, have: Iterable[str] = ()) -> Held:
    """What a holder of ``role`` holds: its own requirements, plus ``have`` (qualification ids),
    as the mask of requirement groups met.

    >>> G = nx.DiGraph(); G.add_node("ot", requires=[["mot", "otd"], "licence"]); G.add_node("x", requires=["mot"])
    >>> g = gates_of(G)
    >>> [g.met(start_state(G, "ot"), frozenset(grp)) for grp in (["mot", "otd"], ["licence"], ["mot"])]
    [True, True, False]
    """
    gates = gates_of(G)
    return gates.start_mask(role) | gates.have_mask(have)


def step_state(gates: Gates, held: Held, u: str, v: str) -> Held:
    """What is held after the move u -> v."""
    return held | gates.award_mask.get((u, v), 0)


#: Where a search starts: role -> what is held there, or (role, held) pairs (one role may start
#: several times, once for each alternative its holder may hold).
Sources = Mapping[str, Held] | Iterable[tuple[str, Held]]


def _search(G: nx.DiGraph, sources: Sources, weight: Weight, target: str | None = None,
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
