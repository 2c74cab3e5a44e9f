"""What the person asking holds: the qualifications a holder of a role may have (one answer per
alternative, a *branch*), what moves cost them, and the experience they have served.

Someone in a role holds what the role requires. Where the role allows alternatives (a Band 5
OT holds a BSc, a pre-registration MSc, an apprenticeship or the international route), they
hold one of them, and the answer can depend on which: each alternative is a :class:`Holding`,
and the route questions answer each (:func:`otgraph.routes.route_branches`). Only groups of
named qualifications branch; tokens a documented rule derives (O*NET's Job Zone preparation,
``derived`` in the qualifications table) are held as a group, as if the holder had whichever
alternative helps, and are never shown as branches.

A qualification held is never gained again: a move whose years are a programme's length
(``programme``: the qualification it leads to) takes ``years_if_held`` when that qualification
is held, and counts no qualification for what is held.

>>> import networkx as nx
>>> G = nx.DiGraph(qualifications={"bsc": {}, "msc": {}, "reg": {}})
>>> G.add_node("band5", requires=[["bsc", "msc"], "reg"]); G.add_edge("band5", "x", years=1, awards=[])
>>> [(h.assumes, sorted(h.quals)) for h in holdings(G, "band5")]
[(('bsc',), ['bsc', 'reg']), (('msc',), ['msc', 'reg'])]
>>> [h.assumes for h in holdings(G, "band5", have=["msc"])]
[()]
"""

from __future__ import annotations

import math
from itertools import product
from typing import Any, NamedTuple

import networkx as nx

from ._fast import derived
from .errors import InvalidOptionError
from .gates import Group, Held, gates_of

__all__ = ["Holding", "awarded_qualifications", "branching_groups", "check_served", "holdings",
           "programme_qualifications", "used_qualifications"]


class Holding(NamedTuple):
    """One thing a holder of ``role`` may hold: ``assumes`` (one alternative of each branching
    group, in the groups' order), ``quals`` (every named qualification held: the role's single
    requirements, ``assumes`` and what the person said they have) and ``mask`` (the
    requirement groups met, as :mod:`otgraph.gates` counts them)."""

    role: str
    assumes: tuple[str, ...]
    quals: frozenset[str]
    mask: Held


def _named(table: dict[str, Any], qualification: str) -> bool:
    return not (table.get(qualification) or {}).get("derived")


def branching_groups(G: nx.DiGraph, role: str, have: frozenset[str] | tuple[str, ...] = ()) -> list[Group]:
    """The requirement groups of ``role`` whose alternative decides the answer: two or more
    named qualifications, none of which the person said they have or the role requires alone.

    >>> G = nx.DiGraph(qualifications={"zone-4": {"derived": True}, "zone-5": {"derived": True}})
    >>> G.add_node("a", requires=[["bsc", "msc"], ["zone-4", "zone-5"], "reg"])
    >>> [sorted(g) for g in branching_groups(G, "a")], branching_groups(G, "a", have=("msc",))
    ([['bsc', 'msc']], [])
    """
    table = G.graph.get("qualifications") or {}
    groups = gates_of(G).role_groups.get(role, ())
    held = set(have).union(*(g for g in groups if len(g) == 1))  # a group already met does not branch
    return [g for g in groups if len(g) > 1 and not g & held and all(_named(table, q) for q in g)]


def holdings(G: nx.DiGraph, role: str, have: tuple[str, ...] | frozenset[str] = ()) -> list[Holding]:
    """What a holder of ``role`` may hold, one :class:`Holding` per combination of alternatives
    of its branching groups (a single holding when nothing branches); ``have`` are
    qualification ids the person holds besides."""
    gates = gates_of(G)
    groups = branching_groups(G, role, have)
    singles = {q for g in gates.role_groups.get(role, ()) if len(g) == 1 for q in g}
    base = frozenset(have) | singles
    mask = gates.start_mask(role, frozenset(groups)) | gates.have_mask(base)
    return [Holding(role, combo, base | set(combo), mask | gates.have_mask(combo))
            for combo in product(*(sorted(g) for g in groups))]


def programme_qualifications(G: nx.DiGraph) -> frozenset[str]:
    """The qualifications some move's years are the programme length of (``programme``)."""
    return derived.cached(G, "programme-qualifications", lambda: frozenset(
        p for _, _, p in derived.base_graph(G).edges(data="programme") if p))


def awarded_qualifications(G: nx.DiGraph) -> frozenset[str]:
    """Every qualification some move awards."""
    return derived.cached(G, "awarded-qualifications", lambda: frozenset(
        q for _, _, a in derived.base_graph(G).edges(data="awards") if a for q in a))


def check_served(G: nx.DiGraph, role: str, served: Any) -> float:
    """``served`` (years of post-registration experience already gained in ``role``) as a
    number; InvalidOptionError if it is not a number of at least 0, or if ``role`` is not a job
    (an education stage has no experience to credit).

    >>> G = nx.DiGraph(); G.add_node("ot", kind="job"); G.add_node("degree", kind="education")
    >>> check_served(G, "ot", 3)
    3.0
    >>> try:
    ...     check_served(G, "degree", 1)
    ... except ValueError as exc:
    ...     print(exc)
    served: the start Degree is an education stage, not a job: there is no experience in it to credit
    """
    if isinstance(served, bool) or not isinstance(served, (int, float)) or not math.isfinite(served) or served < 0:
        raise InvalidOptionError(f"served must be a number of years >= 0, not {served!r}", argument="served")
    attrs = G.nodes[role]
    if served and attrs.get("kind") == "education":
        title = attrs.get("title") or role.capitalize()
        raise InvalidOptionError(f"served: the start {title} is an education stage, not a job: there is no "
                                 "experience in it to credit", argument="served")
    return float(served)


def used_qualifications(G: nx.DiGraph, route: Any) -> set[str]:
    """The qualifications a route has a use for: those in a requirement group of a role it
    enters or a move it takes, and the programmes of its moves.

    >>> G = nx.DiGraph(); G.add_node("b", requires=[["x", "y"]]); G.add_edge("a", "b", years=1, programme="p")
    >>> from otgraph.route_model import Route
    >>> sorted(used_qualifications(G, Route.from_nodes(G, ["a", "b"])))
    ['p', 'x', 'y']
    """
    gates = gates_of(G)
    used: set[str] = set()
    for u, v in zip(route.roles, route.roles[1:], strict=False):
        for group in (*gates.role_groups.get(v, ()), *gates.move_groups.get((u, v), ())):
            used.update(group)
        if G.edges[u, v].get("programme"):
            used.add(G.edges[u, v]["programme"])
    return used
