"""Entry requirements as gates: what a holder must have to enter a role or take a move. The one
search every route question uses to honour them is :mod:`otgraph._fast.search`.

A role's (or move's) ``requires`` is a tuple of *groups*; every group must be met, and a group
is met by holding any one of its qualification ids. A move adds the qualifications it
``awards``. A route may enter a role only if, with what was held before plus what the move
into it awards, every group of the role and of the move is met. Starting in a role means
holding that role's own requirements: a group of alternatives held at the start meets every
group that allows all of its alternatives.

Here are the masks the search counts with: a bit per distinct requirement group of the graph,
and per role the groups that can still matter (the search's own docstring says how it uses them).

>>> import networkx as nx
>>> G = nx.DiGraph()
>>> G.add_edge("aide", "ot", years=1, awards=[])
>>> G.add_edge("aide", "student", years=0, awards=[])
>>> G.add_edge("student", "ot", years=2, awards=["degree"])
>>> G.nodes["ot"]["requires"] = ["degree"]
>>> from otgraph._fast.search import gated_path
>>> gated_path(G, {"aide": start_state(G, "aide")}, "ot", lambda u, v, d: d["years"])[1]
['aide', 'student', 'ot']
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from itertools import pairwise
from typing import Any

import networkx as nx

from ._fast import derived
from ._fast.nx_internals import graph_size

__all__ = [
    "Gates", "Held", "blocking_requirement", "gates_of",
    "normalize_groups", "remember_gates", "start_state", "step_state",
]

#: The name :meth:`Gates.downstream` keeps its result under (see :mod:`otgraph.derived`).
DOWNSTREAM = "requirements-downstream"

#: What a state holds: a bit mask of the requirement groups it meets (see :class:`Gates`).
Held = int


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


#: The name the gates of a graph are kept under (see :mod:`otgraph.derived`).
GATES = "gates"


def remember_gates(G: nx.DiGraph, gates: Gates) -> None:
    """Record the gates of a graph just built (so :func:`gates_of` need not read it again)."""
    derived.cached(G, GATES, lambda: gates)


def gates_of(G: nx.DiGraph) -> Gates:
    """The requirements of ``G``, computed once per graph and kept until it changes (see
    :mod:`otgraph._fast.derived`); views read their base graph's."""
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
