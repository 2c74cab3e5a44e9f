"""The search machinery under :mod:`otgraph.routes`: the weights, the best route for what a
person holds (with or without requirements, aimed at the goal on big graphs), loop-free routes
in order of cost, and the one-line account of why there is no route.

>>> weight_function("Years")(None, None, {"years": 2})
2
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import pairwise
from typing import Any

import networkx as nx

from ._fast.landmarks import astar_path, landmarks_for
from ._fast.search import gated_path
from .constraints import EPSILON, Constraints
from .errors import Hint, InvalidOptionError, Message, SearchLimitError
from .gates import Held, blocking_requirement, gates_of
from .holding import Holding, awarded_qualifications, programme_qualifications
from .names import role_title
from .route_model import Route

__all__ = ["GOAL_BOUND_MIN_ROLES", "SEARCH_LIMIT", "WEIGHTS", "Weight", "best_nodes", "held_after", "held_weight",
           "routes_in_order", "weight_function", "weight_name", "why_no_route"]

Weight = Callable[[str, str, dict[str, Any]], float]


def _years(u: str, v: str, d: dict[str, Any]) -> float:
    return d["years"]


def _qualifications(u: str, v: str, d: dict[str, Any]) -> float:
    return len(d["awards"])


def _steps(u: str, v: str, d: dict[str, Any]) -> float:
    return 1


#: What a route can minimise, as networkx weight functions: the typical years of each move,
#: the number of qualifications awarded, or the number of moves.
WEIGHTS: dict[str, Weight] = {"years": _years, "qualifications": _qualifications, "steps": _steps}
WEIGHT_NAMES = {f: name for name, f in WEIGHTS.items()}

#: From this many roles a gated search is aimed at the goal (A* on the ungated distances to it);
#: smaller graphs (every HTML map among them) use the plain search, whose ties the map's trees share.
GOAL_BOUND_MIN_ROLES = 500

#: How many loop-free routes a search for k routes or the trade-off examines before giving up.
SEARCH_LIMIT = 20_000


def weight_function(by: str) -> Weight:
    """The networkx weight function for a weight name (any case); InvalidOptionError if unknown.

    >>> weight_function("Years")(None, None, {"years": 2})
    2
    """
    try:
        return WEIGHTS[by.strip().lower()]
    except (KeyError, TypeError, AttributeError):
        raise InvalidOptionError(f"by must be one of {', '.join(WEIGHTS)}, not {by!r}", argument="by") from None


def weight_name(by: str) -> str:
    """The canonical name of a weight ('Years' -> 'years')."""
    weight_function(by)
    return by.strip().lower()


def held_weight(G: nx.DiGraph, by: str, quals: frozenset[str]) -> Weight:
    """The weight ``by`` for someone holding ``quals``: a programme held takes its holder's years,
    and a qualification held is not counted again (the plain weight when neither applies).

    >>> import networkx as nx
    >>> G = nx.DiGraph(); G.add_edge("a", "b", years=3, awards=["msc"], programme="msc", years_if_held=1)
    >>> [held_weight(G, by, frozenset({"msc"}))("a", "b", G.edges["a", "b"]) for by in ("years", "qualifications")]
    [1, 0]
    """
    base = weight_function(by)
    if by == "years" and quals & programme_qualifications(G):
        return lambda u, v, d: d["years_if_held"] if d.get("programme") in quals else d["years"]
    if by == "qualifications" and quals & awarded_qualifications(G):
        return lambda u, v, d: sum(1 for q in d["awards"] if q not in quals)
    return base


def routes_in_order(G: nx.DiGraph, source: str, target: str, by: str, constraints: Constraints,
            limit: int, holding: Holding, served: float = 0) -> Iterator[Route]:
    """Loop-free routes in order of ``by`` (years before any credit) that meet every requirement
    for ``holding`` and pass ``constraints`` (ends and constraints already resolved)."""
    weight = held_weight(G, by, holding.quals)
    view = constraints.view(G)
    held = holding.mask
    if best_nodes(view, source, target, weight, held) is None:
        return
    paths = nx.shortest_simple_paths(view, source, target, weight=None if by == "steps" else weight)
    for examined, nodes in enumerate(paths, 1):
        if blocking_requirement(G, nodes, held) is None:
            route = Route.from_nodes(G, nodes, by, holding=holding, served=served)
            if constraints.accepts(route):
                yield route
            elif by == "years" and constraints.max_years is not None and \
                    route.total_years + route.total_credited - served > constraints.max_years + EPSILON:
                return  # routes come in order of years: every later one is longer still
        if examined >= limit:
            raise SearchLimitError(
                f"stopped after examining {limit:,} routes from {source} to {target}; "
                "narrow the search with a track, country, avoid or via constraint")


def best_nodes(G: nx.DiGraph, source: str, target: str, weight: Weight, held: Held) -> list[str] | None:
    """The roles of the best route meeting every requirement, or None."""
    try:
        gates = gates_of(G)
        gated = gates.active
        if gated:
            gates.downstream(G)  # which groups can never block: the route check below needs it
        # Landmarks only for the plain weights: a holder's weights are lower, so the plain
        # weights' bounds would overestimate (and a new weight each question would recompute them).
        landmarks = landmarks_for(G, weight, eager=gated, name=WEIGHT_NAMES[weight]) \
            if weight in WEIGHT_NAMES else None  # only on big graphs
        if not gated or G.number_of_nodes() >= GOAL_BOUND_MIN_ROLES:
            if landmarks is not None:
                ungated, nodes = astar_path(G, source, target, weight, landmarks)
            else:
                ungated, nodes = nx.bidirectional_dijkstra(G, source, target, weight=weight)
            # Requirements only remove routes: if the best route without them meets them, it is
            # the best route with them (most routes on big graphs: no state search needed).
            if not gated or blocking_requirement(G, nodes, held) is None:
                return nodes
        if G.number_of_nodes() < GOAL_BOUND_MIN_ROLES:
            potential = None  # small: the plain search is quick, and breaks ties as the map's trees do
        else:
            potential = goal_bound(G, target, weight, ungated, landmarks)
        return gated_path(G, {source: held}, target, weight, potential)[1]
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None


#: The backward search of :func:`_goal_bound` settles the roles within this many times the
#: best cost without requirements (chosen by measurement on big graphs: docs/performance.md).
GOAL_BOUND_RADIUS = 1.2


def goal_bound(G: nx.DiGraph, target: str, weight: Weight, ungated: float, landmarks: Any) -> Callable[[str], float]:
    """A lower bound on the cost from a role to ``target`` for the gated search (requirements
    only add cost, so A* on it stays exact): the exact cost without requirements for the roles
    within ``GOAL_BOUND_RADIUS`` times the best cost (one backward search, cut off there), and
    for the others the radius itself or the landmark bound, whichever is higher. The bound is
    consistent (a role outside the radius is at least that far). Landmark bounds alone are
    looser: with them the state search can wander (70 s on one 100,000-role pair)."""
    radius = ungated * GOAL_BOUND_RADIUS
    near = nx.single_source_dijkstra_path_length(G.reverse(copy=False), target, cutoff=radius, weight=weight)
    far = landmarks.potential(target) if landmarks is not None else None

    def bound(v: str) -> float:
        found = near.get(v)
        if found is not None:
            return found
        return radius if far is None else max(far(v), radius)
    return bound


def held_after(G: nx.DiGraph, nodes: list[str], held: Held) -> Held:
    gates = gates_of(G)
    for u, v in pairwise(nodes):
        held = held | gates.award_mask.get((u, v), 0)
    return held


def role_name(G: nx.DiGraph, node: str) -> str:
    return f"{role_title(G, node)} ({node})"


def qualification_names(G: nx.DiGraph, group: frozenset[str]) -> str:
    table = G.graph.get("qualifications", {})
    names = sorted(table.get(q, {}).get("title", q) for q in group)
    return names[0] if len(names) == 1 else "one of " + ", ".join(names)


def why_no_route(G: nx.DiGraph, source: str, target: str, c: Constraints, holding: Holding) -> Message:
    """Say in one line which constraint or requirement cuts the route off, where that can be
    told, and what to try: a qualification to say you hold (a :class:`~otgraph.errors.Hint`), or
    that no route exists in this data."""
    base = f"no route from {role_name(G, source)} to {role_name(G, target)}"
    if not nx.has_path(G, source, target):
        return f"{base}: no route exists in this data"
    for flag, single in (
        (f"track {c.track!r}", Constraints(track=c.track)),
        (f"country {c.country!r}", Constraints(country=c.country)),
        ("avoid " + ", ".join(repr(a) for a in sorted(c.avoid)), Constraints(avoid=c.avoid)),
    ):
        if single.filters_nodes and not nx.has_path(single.view(G), source, target):
            return f"{base} with {flag}"
    view = c.view(G)
    stops = [source, *c.via, target]
    for a, b in pairwise(stops):
        if not nx.has_path(view, a, b):
            return f"{base}: no way from {role_name(G, a)} to {role_name(G, b)} under the constraints"
    if best_nodes(view, source, target, _years, holding.mask) is None:
        ungated = nx.bidirectional_dijkstra(view, source, target, weight=_years)[1]
        blocked = blocking_requirement(G, ungated, holding.mask)
        if blocked is None:
            return f"{base} meets the entry requirements: no route exists in this data"
        return needs(G, base, ungated[blocked[0] + 1], blocked[1])
    if c.max_years is not None:
        state, fastest = holding.mask, 0.0
        for a, b in pairwise(stops):
            nodes = best_nodes(view, a, b, _years, state) or []
            fastest += sum(G.edges[u, v]["years"] for u, v in pairwise(nodes))
            state = held_after(G, nodes, state)
        if fastest > c.max_years + EPSILON:
            return f"{base} within max_years {c.max_years:g}: the fastest takes {fastest:g} years"
    return f"{base} under these constraints together"


def needs(G: nx.DiGraph, base: str, role: str, group: frozenset[str]) -> Message:
    """'... R needs Q (awarded by ...); if you hold it, have=Q'."""
    awarders = [(u, v) for (u, v), gained in gates_of(G).awards.items() if gained & group]
    if awarders:
        u, v = awarders[0]
        more = f" and {len(awarders) - 1} more" if len(awarders) > 1 else ""
        award = f" (awarded by {role_title(G, u)} -> {role_title(G, v)}{more})"
    else:
        award = " (nothing in the data awards it)"
    return [f"{base} meets the entry requirements: {role_name(G, role)} needs {qualification_names(G, group)}"
            f"{award}; if you hold it, say so: ", Hint("have", sorted(group)[0], placeholder=True)]
