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

from itertools import pairwise
from typing import Any, NamedTuple

import networkx as nx

from ._fast.search import gated_labels, gated_tree
from .constraints import EPSILON, NO_CONSTRAINTS, Constraints
from .errors import InvalidOptionError, Message, NoRouteError
from .gates import gates_of
from .holding import Holding, check_served, holdings
from .names import find_role
from .route_model import Route, Step, plain_number
from .route_search import (
    SEARCH_LIMIT,
    WEIGHTS,
    best_nodes,
    held_after,
    held_weight,
    role_name,
    routes_in_order,
    weight_function,
    weight_name,
    why_no_route,
)

__all__ = [
    "NO_CONSTRAINTS", "SEARCH_LIMIT", "WEIGHTS", "Branch", "Constraints", "Route", "Step", "held_weight",
    "k_shortest_routes", "pareto_routes", "plain_number", "route_branches", "route_search_tree", "route_tree",
    "shortest_route", "weight_function", "weight_name",
]


class Branch(NamedTuple):
    """The answer for holders of some of the alternatives a start role allows (see
    :mod:`otgraph.holding`): ``assumes`` lists those alternatives (qualification ids, read as
    "or"; empty when the start allows no alternatives; one id of each group joined by "+" where
    two groups branch), ``route`` is their best route (its own ``assumes`` the same), or None
    with ``error`` (a :class:`~otgraph.errors.NoRouteError`) saying what blocks it."""

    assumes: tuple[str, ...]
    route: Route | None
    error: NoRouteError | None = None

    @property
    def blocked_by(self) -> str | None:
        """What blocks this branch, in one line (None when it has a route)."""
        return None if self.error is None else str(self.error)

    def to_dict(self) -> dict[str, Any]:
        return {"assumes": list(self.assumes), "route": None if self.route is None else self.route.to_dict(),
                "blocked_by": self.blocked_by}


def route_branches(G: nx.DiGraph, source: str, target: str, by: str = "years",
                   constraints: Constraints = NO_CONSTRAINTS, served: float = 0) -> list[Branch]:
    """The best route for each thing a holder of ``source`` may hold, best first.

    Someone in a role holds what it requires; where it allows alternatives of named
    qualifications (a BSc, a pre-registration MSc, an apprenticeship...), which one they hold can
    change the answer. Alternatives that give the same best route make one :class:`Branch`;
    those with no route come last, each saying what blocks it. ``constraints.have`` narrows the
    alternatives to what the person holds. ``served`` (years of post-registration experience)
    is credited against progression moves, in route order, until used up (never against a
    programme's years); it must be a number >= 0, and ``source`` a job.

    Parameters
    ----------
    G : networkx.DiGraph
        A career graph (see :func:`otgraph.forget` after editing its attribute dicts directly).
    source, target : str
        Role ids, titles or aliases.
    by : {"years", "qualifications", "steps"}
        What each route minimises.
    constraints : Constraints, optional
        Track, country, via, avoid, max_years and have.
    served : float, default 0
        Years of experience already gained.

    Returns
    -------
    list of Branch
        At least one, the first with a route; one when nothing branches.

    Raises
    ------
    UnknownRoleError, AmbiguousRoleError
        If a role name does not identify one role.
    NoRouteError
        If no branch has a route (naming what blocks the first, and what to try), or a
        constraint shuts out an end.
    InvalidOptionError
        For a bad ``by`` or ``served``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph(qualifications={"bsc": {}, "msc": {}, "reg": {}, "pp": {}})
    >>> G.add_node("band5", requires=[["bsc", "msc"], "reg"]); G.add_node("us-ot", requires=[["msc", "pp"]])
    >>> G.add_edge("band5", "us-ot", years=1, awards=[])
    >>> G.add_edge("band5", "pp-masters", years=1, awards=["pp"]); G.add_edge("pp-masters", "us-ot", years=1, awards=[])
    >>> [(b.assumes, b.route.total_years) for b in route_branches(G, "band5", "us-ot")]
    [(('msc',), 1), (('bsc',), 2)]
    """
    weight_function(by)
    by = weight_name(by)
    source, target, constraints = _check_ends(G, source, target, constraints)
    served = check_served(G, source, served)
    answers: list[tuple[Holding, Route | None, NoRouteError | None]] = []
    for holding in holdings(G, source, constraints.have):
        try:
            answers.append((holding, _best_route(G, source, target, by, constraints, holding, served), None))
        except NoRouteError as exc:
            answers.append((holding, None, exc))
    branches = _branches(answers, by)
    if branches[0].route is None:
        raise NoRouteError(_blocked(branches))
    return branches


def _branches(answers: list[tuple[Holding, Route | None, NoRouteError | None]], by: str) -> list[Branch]:
    """Alternatives with the same answer merged into one branch each: routes best first, then
    what has none."""
    groups: dict[Any, list[tuple[Holding, Route | None, NoRouteError | None]]] = {}
    for answer in answers:
        holding, route, why = answer
        key = ("blocked", str(why)) if route is None else \
            (route.roles, route.total_years, tuple((s.awards, s.already_held) for s in route.steps))
        groups.setdefault(key, []).append(answer)
    out = []
    for members in groups.values():
        assumes = tuple("+".join(h.assumes) for h, _, _ in members if h.assumes)
        route = members[0][1]
        if route is not None:
            held = frozenset.intersection(*(h.quals for h, _, _ in members))
            route = route._replace(assumes=assumes, held=tuple(sorted(held)))
        out.append(Branch(assumes, route, members[0][2]))
    return sorted(out, key=lambda b: (b.route is None, *_rank(b.route, by)))


def _rank(route: Route | None, by: str) -> tuple[float, ...]:
    return () if route is None else (route.cost(by), route.total_years, route.total_qualifications)


def shortest_route(
    G: nx.DiGraph, source: str, target: str, by: str = "years", constraints: Constraints = NO_CONSTRAINTS,
    served: float = 0,
) -> Route:
    """The best route from ``source`` to ``target`` (ids, titles or aliases) that meets every
    entry requirement, minimising ``by``: ``years`` (the sum of each move's typical years),
    ``qualifications`` (how many are gained on the way) or ``steps``.

    Where the start allows alternatives of its requirements, this is the best of
    :func:`route_branches` (``route.assumes`` names what it assumes the person holds);
    ``served`` years of experience are credited as there.

    Parameters
    ----------
    G : networkx.DiGraph
        A career graph (see :func:`otgraph.forget` after editing its attribute dicts directly).
    source, target : str
        Role ids, titles or aliases.
    by : {"years", "qualifications", "steps"}
        What the route minimises.
    constraints : Constraints, optional
        Track, country, via, avoid, max_years and have (qualifications already held).
    served : float, default 0
        Years of post-registration experience already gained in ``source``.

    Returns
    -------
    Route

    Raises
    ------
    NoRouteError
        A ``networkx.NetworkXNoPath``, if no route exists, naming what blocks it and what to try.
    UnknownRoleError, AmbiguousRoleError, InvalidOptionError
        For a role name or an option that cannot be used.

    Examples
    --------
    >>> from otgraph import load_roles
    >>> G = load_roles().graph
    >>> shortest_route(G, "us-entry-ot", "us-rehab-services-manager").total_years_range
    (7, None)
    """
    return route_branches(G, source, target, by, constraints, served)[0].route


def _blocked(branches: list[Branch]) -> Message:
    """One line for a question no branch answers: the first branch's reason."""
    first = branches[0].error
    parts = list(first.parts) if first is not None else ["no route"]
    if len(branches) > 1:
        others = len(branches) - 1
        parts.append(f" ({others} other alternative{'s' if others > 1 else ''} of the start's requirements "
                     f"{'are' if others > 1 else 'is'} blocked too)")
    return parts


def _best_route(G: nx.DiGraph, source: str, target: str, by: str, constraints: Constraints, holding: Holding,
                served: float) -> Route:
    """The best route for one holding (ends and constraints resolved); NoRouteError if none."""
    weight = held_weight(G, by, holding.quals)
    view = constraints.view(G)
    held = holding.mask
    if served and by == "years":
        return _best_credited(G, source, target, constraints, holding, served)
    if constraints.via and constraints.max_years is None:
        # Best segment by best segment (carrying what is held) is the best walk through the via
        # roles; if it is also loop-free it is the best route, and no enumeration is needed.
        nodes = [source]
        state = held
        for a, b in pairwise([source, *constraints.via, target]):
            segment = best_nodes(view, a, b, weight, state)
            if segment is None:
                raise NoRouteError(why_no_route(G, source, target, constraints, holding))
            nodes += segment[1:]
            state = held_after(G, segment, state)
        if len(set(nodes)) == len(nodes):
            return Route.from_nodes(G, nodes, by, holding=holding, served=served)
    elif not constraints.filters_routes:
        nodes = best_nodes(view, source, target, weight, held)
        if nodes is None:
            raise NoRouteError(why_no_route(G, source, target, constraints, holding))
        return Route.from_nodes(G, nodes, by, holding=holding, served=served)
    for route in routes_in_order(G, source, target, by, constraints, SEARCH_LIMIT, holding, served):
        return route
    raise NoRouteError(why_no_route(G, source, target, constraints, holding))


def _best_credited(G: nx.DiGraph, source: str, target: str, constraints: Constraints, holding: Holding,
                   served: float) -> Route:
    """The fewest years once ``served`` is credited: routes in order of years before credit,
    until the next could not beat the best found even if every served year were credited."""
    best: Route | None = None
    for route in routes_in_order(G, source, target, "years", constraints, SEARCH_LIMIT, holding, served):
        if best is not None and route.total_years + route.total_credited - served >= best.total_years - EPSILON:
            break
        if best is None or route.total_years < best.total_years - EPSILON:
            best = route
    if best is None:
        raise NoRouteError(why_no_route(G, source, target, constraints, holding))
    return best


def k_shortest_routes(
    G: nx.DiGraph,
    source: str,
    target: str,
    k: int = 3,
    by: str = "years",
    constraints: Constraints = NO_CONSTRAINTS,
    limit: int = SEARCH_LIMIT,
    served: float = 0,
) -> list[Route]:
    """The ``k`` best loop-free routes that meet every requirement, best first.

    An alternative that is an earlier listed route with extra roles that add no years and no
    qualification (a detour at no cost) is not listed. The search gives up (SearchLimitError)
    after ``limit`` routes have been examined. Raises NoRouteError if there is no route at all.
    Where the start allows alternatives (see :func:`route_branches`), the routes are those of
    the best branch (give ``constraints.have`` to choose another); ``served`` is credited as
    there, the routes coming in order of their years before the credit.

    Parameters
    ----------
    G : networkx.DiGraph
        A career graph.
    source, target : str
        Role ids, titles, aliases or band phrases.
    k : int, default 3
        How many routes, at most.
    by : {"years", "qualifications", "steps"}
        What orders the routes.
    constraints : Constraints, optional
        Track, country, via, avoid, max_years and have (qualifications already held).
    limit : int, optional
        How many candidate routes may be examined before giving up.
    served : float, default 0
        Years of post-registration experience already gained in ``source``.

    Returns
    -------
    list of Route
        Best first; fewer than ``k`` when fewer exist.

    Raises
    ------
    NoRouteError
        If there is no route at all (a ``networkx.NetworkXNoPath``).
    SearchLimitError
        If ``limit`` candidates were examined before ``k`` routes were found.
    UnknownRoleError, AmbiguousRoleError, InvalidOptionError
        For a role name or an option that cannot be used (``k`` below 1, say).

    Examples
    --------
    >>> from otgraph import load_roles
    >>> [r.total_years for r in k_shortest_routes(load_roles().graph, "edu-us-high-school", "us-entry-ot", k=3)]
    [5.0, 6.25, 6.5]
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise InvalidOptionError(f"k (the number of routes) must be a whole number >= 1, not {k!r}", argument="k")
    source, target, constraints = _check_ends(G, source, target, constraints)
    by = weight_name(by)
    holding = _best_holding(G, source, target, by, constraints, served)
    found: list[Route] = []
    for route in routes_in_order(G, source, target, by, constraints, limit, holding, check_served(G, source, served)):
        if not any(_is_free_detour(route, kept) for kept in found):
            # Routes of equal cost come in no set order: a free detour listed before its base
            # route gives way to it.
            found = [kept for kept in found if not _is_free_detour(kept, route)]
            found.append(route)
            if len(found) >= k:
                break
    if not found:
        raise NoRouteError(why_no_route(G, source, target, constraints, holding))
    return found


def _best_holding(G: nx.DiGraph, source: str, target: str, by: str, constraints: Constraints,
                  served: float) -> Holding:
    """The holding of the best branch (the first, when none has a route)."""
    found = holdings(G, source, constraints.have)
    if len(found) == 1:
        return found[0]
    try:
        best = route_branches(G, source, target, by, constraints, served)[0]
    except NoRouteError:
        return found[0]
    chosen = best.assumes[0].split("+") if best.assumes else ()
    return next(h for h in found if list(h.assumes) == list(chosen))


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
    routes that tie on both totals, the one with fewest steps). Where the start allows
    alternatives (see :func:`route_branches`), the frontier is that of the union of the
    branches' routes, each route's ``assumes`` naming its branch.

    Parameters
    ----------
    G : networkx.DiGraph
        A career graph.
    source, target : str
        Role ids, titles, aliases or band phrases.
    constraints : Constraints, optional
        Track, country, via, avoid, max_years and have (qualifications already held).
    limit : int, optional
        How many candidate routes may be examined before giving up.
    k : int, optional
        Keep only the first ``k`` points of the frontier.

    Returns
    -------
    list of Route
        The frontier, fewest years first (so most qualifications first).

    Raises
    ------
    NoRouteError
        If there is no route at all (a ``networkx.NetworkXNoPath``).
    SearchLimitError
        If ``limit`` candidates were examined before the frontier was complete.
    UnknownRoleError, AmbiguousRoleError, InvalidOptionError
        For a role name or an option that cannot be used.

    Examples
    --------
    >>> from otgraph import load_roles
    >>> front = pareto_routes(load_roles().graph, "School Leaver", "Consultant OT")
    >>> [(r.total_qualifications, r.roles[1]) for r in front][:1]
    [(3, 'edu-uk-ot-bsc')]
    """
    if k is not None and (isinstance(k, bool) or not isinstance(k, int) or k < 1):
        raise InvalidOptionError(f"k (the number of routes) must be a whole number >= 1, not {k!r}", argument="k")
    source, target, constraints = _check_ends(G, source, target, constraints)
    fronts: list[Route] = []
    blocked: list[NoRouteError] = []
    for holding in holdings(G, source, constraints.have):
        try:
            fronts += _pareto(G, source, target, constraints, limit, holding)
        except NoRouteError as exc:
            blocked.append(exc)
    if not fronts:
        raise blocked[0]
    fronts.sort(key=lambda r: (r.total_years, r.total_qualifications, r.total_steps))
    frontier: list[Route] = []
    for route in fronts:
        if not frontier or route.total_qualifications < frontier[-1].total_qualifications:
            frontier.append(route)
    return frontier[:k] if k else frontier


def _pareto(G: nx.DiGraph, source: str, target: str, constraints: Constraints, limit: int,
            holding: Holding) -> list[Route]:
    """The trade-off for one holding."""
    fewest_nodes = best_nodes(constraints.view(G), source, target,
                               held_weight(G, "qualifications", holding.quals), holding.mask)
    if fewest_nodes is None:
        raise NoRouteError(why_no_route(G, source, target, constraints, holding))
    fewest = Route.from_nodes(G, fewest_nodes, "qualifications", holding=holding).total_qualifications
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

    for route in routes_in_order(G, source, target, "years", constraints, limit, holding):
        if group and route.total_years > group[0].total_years + EPSILON:
            close_group()
            if best_q <= fewest:
                break
        group.append(route)
    close_group()
    if not frontier:
        raise NoRouteError(why_no_route(G, source, target, constraints, holding))
    return [r._replace(assumes=holding.assumes[:1] if len(holding.assumes) == 1 else
                       (("+".join(holding.assumes),) if holding.assumes else ())) for r in frontier]


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
    by = weight_name(by)
    found = [h for s in starts for h in holdings(G, s, have)]
    weights = {held_weight(G, by, h.quals) for h in found}
    if not gates_of(G).active and weights == {weight_function(by)}:
        if by == "steps" and cutoff is None:
            paths = nx.multi_source_dijkstra_path(G, set(starts), weight=WEIGHTS["steps"])
            return {n: len(p) - 1 for n, p in paths.items()}, paths
        return nx.multi_source_dijkstra(G, set(starts), cutoff=cutoff, weight=weight_function(by))
    if len(weights) == 1:  # every alternative at every start in one search (the best one wins)
        return gated_tree(G, [(h.role, h.mask) for h in found], weights.pop(), cutoff=cutoff)
    costs: dict[str, float] = {}
    paths: dict[str, list[str]] = {}
    for h in found:  # the weights differ (a programme held in one alternative): a search each
        c, p = gated_tree(G, [(h.role, h.mask)], held_weight(G, by, h.quals), cutoff=cutoff)
        for n, cost in c.items():
            if cost < costs.get(n, float("inf")) - EPSILON:
                costs[n], paths[n] = cost, p[n]
    return dict(sorted(costs.items(), key=lambda item: item[1])), paths


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
    found = holdings(G, source, have)
    nodes, parents, best = gated_labels(G, [(h.role, h.mask) for h in found],
                                        held_weight(G, weight_name(by), found[0].quals))
    return {"node": nodes, "parent": parents, "best": best}


def _is_free_detour(route: Route, kept: Route) -> bool:
    """Is ``route`` the route ``kept`` with extra roles that add no years and no qualification?"""
    if abs(route.total_years - kept.total_years) > EPSILON or route.total_qualifications != kept.total_qualifications:
        return False
    it = iter(route.roles)
    return all(role in it for role in kept.roles)  # kept's roles appear in order within route's


def _check_ends(G: nx.DiGraph, source: str, target: str,
                constraints: Constraints) -> tuple[str, str, Constraints]:
    """The ends as role ids and the constraints resolved; NoRouteError if a constraint shuts an end out."""
    source, target = find_role(G, source, "source"), find_role(G, target, "target")
    constraints = constraints.resolve(G)
    for label, node in [("start", source), ("goal", target)] + [("via role", v) for v in constraints.via]:
        reason = constraints.excludes(G, node)
        if reason:
            raise NoRouteError(f"{reason} excludes the {label} {role_name(G, node)}")
    return source, target, constraints


