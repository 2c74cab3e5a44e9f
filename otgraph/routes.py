"""Routes through a career graph that honour entry requirements: the best route, the k best
loop-free routes, and the years/qualifications trade-off.

Every algorithm takes its edge weight from :data:`WEIGHTS` by name, and every one applies the
same rule for requirements (:mod:`otgraph.gates`): a route never enters a role without the
degree, registration or licence the role requires. The best route is exact over (role,
qualifications held); the k routes and the trade-off enumerate loop-free routes in order of
cost (``networkx.shortest_simple_paths``) and keep those that meet every requirement.

>>> from otgraph import load_roles
>>> G = load_roles().graph
>>> shortest_route(G, "Entry-Level Occupational Therapist", "Mid-Level Occupational Therapist").total_years
3
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import pairwise
from typing import Any

import networkx as nx

from .constraints import EPSILON, NO_CONSTRAINTS, Constraints
from .errors import InvalidOptionError, NoRouteError, SearchLimitError
from .gates import Held, blocking_requirement, gated_labels, gated_path, gated_tree, gates_of, start_state
from .landmarks import astar_path, landmarks_for
from .names import find_role, role_title
from .route_model import Route, Step, plain_number

__all__ = [
    "NO_CONSTRAINTS", "SEARCH_LIMIT", "WEIGHTS", "Constraints", "Route", "Step", "k_shortest_routes",
    "pareto_routes", "plain_number", "route_search_tree", "route_tree", "shortest_route", "weight_function",
    "weight_name",
]

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
_WEIGHT_NAMES = {f: name for name, f in WEIGHTS.items()}

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


def shortest_route(
    G: nx.DiGraph, source: str, target: str, by: str = "years", constraints: Constraints = NO_CONSTRAINTS
) -> Route:
    """The best route from ``source`` to ``target`` (ids, titles or aliases) that meets every
    entry requirement, minimising ``by``: ``years`` (the sum of each move's typical years),
    ``qualifications`` (how many are awarded on the way) or ``steps``.

    Raises NoRouteError (a ``networkx.NetworkXNoPath``) if none exists, naming the requirement
    or constraint that blocks it.

    >>> from otgraph import load_roles
    >>> G = load_roles().graph
    >>> shortest_route(G, "us-entry-ot", "us-rehab-services-manager").total_years_range
    (7, None)
    """
    weight, by = weight_function(by), weight_name(by)
    source, target, constraints = _check_ends(G, source, target, constraints)
    view = constraints.view(G)
    held = start_state(G, source, constraints.have)
    if constraints.via and constraints.max_years is None:
        # Best segment by best segment (carrying what is held) is the best walk through the via
        # roles; if it is also loop-free it is the best route, and no enumeration is needed.
        nodes = [source]
        state = held
        for a, b in pairwise([source, *constraints.via, target]):
            segment = _best_nodes(view, a, b, weight, state)
            if segment is None:
                raise NoRouteError(_why_no_route(G, source, target, constraints, held))
            nodes += segment[1:]
            state = _held_after(G, segment, state)
        if len(set(nodes)) == len(nodes):
            return Route.from_nodes(G, nodes, by, held)
    elif not constraints.filters_routes:
        nodes = _best_nodes(view, source, target, weight, held)
        if nodes is None:
            raise NoRouteError(_why_no_route(G, source, target, constraints, held))
        return Route.from_nodes(G, nodes, by, held)
    return k_shortest_routes(G, source, target, 1, by, constraints)[0]


def k_shortest_routes(
    G: nx.DiGraph,
    source: str,
    target: str,
    k: int = 3,
    by: str = "years",
    constraints: Constraints = NO_CONSTRAINTS,
    limit: int = SEARCH_LIMIT,
) -> list[Route]:
    """The ``k`` best loop-free routes that meet every requirement, best first.

    An alternative that is an earlier listed route with extra roles that add no years and no
    qualification (a detour at no cost) is not listed. The search gives up (SearchLimitError)
    after ``limit`` routes have been examined. Raises NoRouteError if there is no route at all.

    >>> from otgraph import load_roles
    >>> [r.total_years for r in k_shortest_routes(load_roles().graph, "edu-us-high-school", "us-entry-ot", k=3)]
    [4.5, 6.25, 6.5]
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise InvalidOptionError(f"k (the number of routes) must be a whole number >= 1, not {k!r}", argument="k")
    source, target, constraints = _check_ends(G, source, target, constraints)
    by = weight_name(by)
    found: list[Route] = []
    for route in _routes(G, source, target, by, constraints, limit):
        if not any(_is_free_detour(route, kept) for kept in found):
            # Routes of equal cost come in no set order: a free detour listed before its base
            # route gives way to it.
            found = [kept for kept in found if not _is_free_detour(kept, route)]
            found.append(route)
            if len(found) >= k:
                break
    if not found:
        raise NoRouteError(_why_no_route(G, source, target, constraints, start_state(G, source, constraints.have)))
    return found


def pareto_routes(
    G: nx.DiGraph,
    source: str,
    target: str,
    constraints: Constraints = NO_CONSTRAINTS,
    limit: int = SEARCH_LIMIT,
    k: int | None = None,
) -> list[Route]:
    """Every loop-free route (meeting every requirement) that no other beats on both total years
    and qualifications, sorted by years; ``k`` keeps the first k points.

    Exact: routes are enumerated in order of years, and the search stops once a route reaches
    the fewest qualifications any route can have. One route per point of the frontier (of
    routes that tie on both totals, the one with fewest steps).
    """
    if k is not None and (isinstance(k, bool) or not isinstance(k, int) or k < 1):
        raise InvalidOptionError(f"k (the number of routes) must be a whole number >= 1, not {k!r}", argument="k")
    source, target, constraints = _check_ends(G, source, target, constraints)
    held = start_state(G, source, constraints.have)
    fewest_nodes = _best_nodes(constraints.view(G), source, target, weight_function("qualifications"), held)
    if fewest_nodes is None:
        raise NoRouteError(_why_no_route(G, source, target, constraints, held))
    fewest = Route.from_nodes(G, fewest_nodes, "qualifications").total_qualifications
    frontier: list[Route] = []
    best_q = float("inf")
    group: list[Route] = []

    def close_group() -> None:
        nonlocal best_q
        if group:
            q = min(r.total_qualifications for r in group)
            if q < best_q:
                frontier.append(min((r for r in group if r.total_qualifications == q), key=lambda r: r.total_steps))
                best_q = q
            group.clear()

    for route in _routes(G, source, target, "years", constraints, limit):
        if group and route.total_years > group[0].total_years + EPSILON:
            close_group()
            if best_q <= fewest:
                break
        group.append(route)
    close_group()
    if not frontier:
        raise NoRouteError(_why_no_route(G, source, target, constraints, held))
    return frontier[:k] if k else frontier


def route_tree(G: nx.DiGraph, sources: str | list[str], by: str = "years", have: tuple[str, ...] = (),
               cutoff: float | None = None) -> tuple[dict[str, float], dict[str, list[str]]]:
    """The best total and route (role ids) to every role reachable from ``sources`` (role ids;
    each starts holding its own requirements and ``have``) that meets every requirement: a
    shortest-path tree, as ``networkx.multi_source_dijkstra`` gives without requirements.

    >>> from otgraph import load_roles
    >>> costs, paths = route_tree(load_roles().graph, "us-lead-ot")
    >>> paths["us-rehab-services-manager"]
    ['us-lead-ot', 'us-rehab-services-manager']
    """
    starts = [sources] if isinstance(sources, str) else list(sources)
    weight = weight_function(by)
    if not gates_of(G).active:
        if weight_name(by) == "steps" and cutoff is None:
            paths = nx.multi_source_dijkstra_path(G, set(starts), weight=_steps)
            return {n: len(p) - 1 for n, p in paths.items()}, paths
        return nx.multi_source_dijkstra(G, set(starts), cutoff=cutoff, weight=weight)
    return gated_tree(G, {s: start_state(G, s, have) for s in starts}, weight, cutoff=cutoff)


def route_search_tree(G: nx.DiGraph, source: str, by: str = "years", have: tuple[str, ...] = ()
                      ) -> dict[str, list[Any]]:
    """The best routes from ``source`` to every role, as one tree: ``node[i]`` and ``parent[i]``
    (-1 at the start) for each state the search settled, and ``best[role]`` the state that
    reaches the role by its best route (meeting every requirement). Following ``parent`` from
    ``best[role]`` gives that route backwards: all routes from a role for the size of one tree.

    >>> from otgraph import load_roles
    >>> tree = route_search_tree(load_roles().graph, "us-lead-ot")
    >>> i = tree["best"]["us-rehab-services-manager"]
    >>> tree["node"][i], tree["node"][tree["parent"][i]]
    ('us-rehab-services-manager', 'us-lead-ot')
    """
    source = find_role(G, source, "source")
    weight = weight_function(by)
    if not gates_of(G).active:
        _, paths = nx.single_source_dijkstra(G, source, weight=weight)
        order = sorted(paths, key=len)
        index = {n: i for i, n in enumerate(order)}
        return {"node": order, "parent": [index[paths[n][-2]] if len(paths[n]) > 1 else -1 for n in order],
                "best": index}
    nodes, parents, best = gated_labels(G, {source: start_state(G, source, have)}, weight)
    return {"node": nodes, "parent": parents, "best": best}


def _is_free_detour(route: Route, kept: Route) -> bool:
    """Is ``route`` the route ``kept`` with extra roles that add no years and no qualification?"""
    if abs(route.total_years - kept.total_years) > EPSILON or route.total_qualifications != kept.total_qualifications:
        return False
    it = iter(route.roles)
    return all(role in it for role in kept.roles)  # kept's roles appear in order within route's


def _routes(G: nx.DiGraph, source: str, target: str, by: str, constraints: Constraints,
            limit: int) -> Iterator[Route]:
    """Loop-free routes in order of ``by`` that meet every requirement and pass ``constraints``
    (ends and constraints already resolved)."""
    weight = weight_function(by)
    view = constraints.view(G)
    held = start_state(G, source, constraints.have)
    if _best_nodes(view, source, target, weight, held) is None:
        return
    paths = nx.shortest_simple_paths(view, source, target, weight=None if by == "steps" else weight)
    for examined, nodes in enumerate(paths, 1):
        if blocking_requirement(G, nodes, held) is None:
            route = Route.from_nodes(G, nodes, by, held)
            if constraints.accepts(route):
                yield route
            elif by == "years" and constraints.max_years is not None and \
                    route.total_years > constraints.max_years + EPSILON:
                return  # routes come in order of years: every later one is longer still
        if examined >= limit:
            raise SearchLimitError(
                f"stopped after examining {limit:,} routes from {source} to {target}; "
                "narrow the search with a track, country, avoid or via constraint")


def _best_nodes(G: nx.DiGraph, source: str, target: str, weight: Weight, held: Held) -> list[str] | None:
    """The roles of the best route meeting every requirement, or None."""
    try:
        gates = gates_of(G)
        gated = gates.active
        if gated:
            gates.downstream(G)  # which groups can never block: the route check below needs it
        landmarks = landmarks_for(G, weight, eager=gated, name=_WEIGHT_NAMES.get(weight))  # only on big graphs
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
            potential = _goal_bound(G, target, weight, ungated, landmarks)
        return gated_path(G, {source: held}, target, weight, potential)[1]
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None


#: The backward search of :func:`_goal_bound` settles the roles within this many times the
#: best cost without requirements (measured on 100,000 roles: 1.2 costs 0.6x of a full search).
GOAL_BOUND_RADIUS = 1.2


def _goal_bound(G: nx.DiGraph, target: str, weight: Weight, ungated: float, landmarks: Any) -> Callable[[str], float]:
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


def _held_after(G: nx.DiGraph, nodes: list[str], held: Held) -> Held:
    gates = gates_of(G)
    for u, v in pairwise(nodes):
        held = held | gates.award_mask.get((u, v), 0)
    return held


def _check_ends(G: nx.DiGraph, source: str, target: str,
                constraints: Constraints) -> tuple[str, str, Constraints]:
    """The ends as role ids and the constraints resolved; NoRouteError if a constraint shuts an end out."""
    source, target = find_role(G, source, "source"), find_role(G, target, "target")
    constraints = constraints.resolve(G)
    for label, node in [("start", source), ("goal", target)] + [("via role", v) for v in constraints.via]:
        reason = constraints.excludes(G, node)
        if reason:
            raise NoRouteError(f"{reason} excludes the {label} {_name(G, node)}")
    return source, target, constraints


def _name(G: nx.DiGraph, node: str) -> str:
    return f"{role_title(G, node)} ({node})"


def _qualification_names(G: nx.DiGraph, group: frozenset[str]) -> str:
    table = G.graph.get("qualifications", {})
    names = sorted(table.get(q, {}).get("title", q) for q in group)
    return names[0] if len(names) == 1 else "one of " + ", ".join(names)


def _why_no_route(G: nx.DiGraph, source: str, target: str, c: Constraints, held: Held) -> str:
    """Say which constraint or requirement cuts the route off, where that can be told."""
    base = f"no route from {_name(G, source)} to {_name(G, target)}"
    if not nx.has_path(G, source, target):
        return base
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
            return f"{base}: no way from {_name(G, a)} to {_name(G, b)} under the constraints"
    ungated = nx.bidirectional_dijkstra(view, source, target, weight=_years)[1]
    if _best_nodes(view, source, target, _years, held) is None:
        blocked = blocking_requirement(G, ungated, held)
        if blocked is not None:
            i, group = blocked
            role = ungated[i + 1]
            gates = gates_of(G)
            awarders = [f"{role_title(G, u)} -> {role_title(G, v)}" for (u, v), gained in gates.awards.items()
                        if gained & group][:3]
            award = f" (awarded by {'; '.join(awarders)})" if awarders else " (nothing in the data awards it)"
            return (f"{base} meets the entry requirements: {_name(G, role)} needs "
                    f"{_qualification_names(G, group)}{award}")
        return f"{base} meets the entry requirements"
    if c.max_years is not None:
        state, fastest = held, 0.0
        for a, b in pairwise(stops):
            nodes = _best_nodes(view, a, b, _years, state) or []
            fastest += sum(G.edges[u, v]["years"] for u, v in pairwise(nodes))
            state = _held_after(G, nodes, state)
        if fastest > c.max_years + EPSILON:
            return f"{base} within max_years {c.max_years:g}: the fastest takes {fastest:g} years"
    return f"{base} under these constraints together"
