"""Routes through a career graph.

A route is a :class:`Route`: the roles in order, one :class:`Step` per move, and totals.
Every algorithm takes its edge weight from :data:`WEIGHTS`, keyed by weight name.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any, NamedTuple

import networkx as nx

from .errors import InvalidOptionError, NoRouteError, SearchLimitError
from .names import find_role, match_field_value, role_title

__all__ = [
    "NO_CONSTRAINTS", "SEARCH_LIMIT", "WEIGHTS", "Constraints", "Route", "Step", "k_shortest_routes",
    "pareto_routes", "plain_number", "shortest_route", "weight_function",
]

Weight = Callable[[str, str, dict[str, Any]], float]


def _years(u: str, v: str, d: dict[str, Any]) -> float:
    return d["years"]


def _qualifications(u: str, v: str, d: dict[str, Any]) -> float:
    return len(d["qualifications"])


def _steps(u: str, v: str, d: dict[str, Any]) -> float:
    return 1


#: What a route can minimise, as networkx weight functions.
WEIGHTS: dict[str, Weight] = {"years": _years, "qualifications": _qualifications, "steps": _steps}


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


class Step(NamedTuple):
    """One move of a route."""

    source: str
    target: str
    years: float
    qualifications: tuple[str, ...]
    years_basis: str = "source"

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "to": self.target,
            "years": plain_number(self.years),
            "years_basis": self.years_basis,
            "qualifications": list(self.qualifications),
        }


class Route(NamedTuple):
    """A route through the graph: roles in order, the steps between them, and totals.

    ``titles`` and ``qualification_titles`` are kept so the route can describe itself.
    (Step, Route and Constraints are NamedTuples rather than dataclasses: dataclasses take
    about 10 ms to create at import, a twentieth of a cold ``otgraph path``.)
    """

    roles: tuple[str, ...]
    steps: tuple[Step, ...]
    by: str
    titles: tuple[str, ...]
    qualification_titles: dict[str, str]

    @classmethod
    def from_nodes(cls, G: nx.DiGraph, nodes: list[str], by: str = "years") -> Route:
        steps = []
        for u, v in pairwise(nodes):
            d = G.edges[u, v]
            steps.append(Step(u, v, d["years"], tuple(d["qualifications"]), d.get("years_basis", "source")))
        quals = G.graph.get("qualifications", {})
        route_quals = {q for s in steps for q in s.qualifications}
        return cls(
            roles=tuple(nodes),
            steps=tuple(steps),
            by=by,
            titles=tuple(role_title(G, n) for n in nodes),
            qualification_titles={q: quals.get(q, {}).get("title", q) for q in route_quals},
        )

    @property
    def source(self) -> str:
        return self.roles[0]

    @property
    def target(self) -> str:
        return self.roles[-1]

    @property
    def total_years(self) -> float:
        return sum(s.years for s in self.steps)

    @property
    def total_steps(self) -> int:
        return len(self.steps)

    @property
    def qualifications(self) -> list[str]:
        """Qualification ids the route needs or awards, in route order, each once."""
        return list(dict.fromkeys(q for s in self.steps for q in s.qualifications))

    @property
    def total_qualifications(self) -> int:
        """Sum of qualifications over the steps: the total that ``by='qualifications'`` minimises."""
        return sum(len(s.qualifications) for s in self.steps)

    @property
    def estimated_steps(self) -> int:
        """How many steps have years that are the data's estimate rather than a source's figure."""
        return sum(1 for s in self.steps if s.years_basis == "estimate")

    def cost(self, by: str | None = None) -> float:
        """The route's total under a weight (default: the one it was found by)."""
        return {"years": self.total_years, "qualifications": self.total_qualifications, "steps": self.total_steps}[
            by or self.by
        ]

    def to_dict(self) -> dict[str, Any]:
        """The route as plain data (the shape `otgraph path --json` prints)."""
        return {
            "from": {"id": self.source, "title": self.titles[0]},
            "to": {"id": self.target, "title": self.titles[-1]},
            "by": self.by,
            "roles": [{"id": r, "title": t} for r, t in zip(self.roles, self.titles, strict=True)],
            "steps": [s.to_dict() for s in self.steps],
            "total_years": plain_number(self.total_years),
            "total_steps": self.total_steps,
            "total_qualifications": self.total_qualifications,
            "estimated_steps": self.estimated_steps,
            "qualifications": [{"id": q, "title": self.qualification_titles[q]} for q in self.qualifications],
        }


class Constraints(NamedTuple):
    """Limits on which routes count.

    ``track`` and ``country`` keep a route on one track or in one country (education stages are
    allowed on any track, since every track starts from them); ``avoid`` lists role ids a route
    may not touch; ``via`` lists role ids a route must pass through, in that order;
    ``max_years`` caps the route's total years.
    """

    track: str | None = None
    country: str | None = None
    via: tuple[str, ...] = ()
    avoid: frozenset[str] = frozenset()
    max_years: float | None = None

    def check(self) -> Constraints:
        """Self with its values in canonical form (one role given as a string is one role, not
        its letters), or InvalidOptionError if a value is out of range or of the wrong type."""
        via, avoid = self.via, self.avoid
        if isinstance(via, str):
            via = (via,)
        if isinstance(avoid, str):
            avoid = frozenset({avoid})
        for name, value in (("via", via), ("avoid", avoid)):
            if not all(isinstance(v, str) for v in value):
                raise InvalidOptionError(f"{name} must be role ids or names (strings)", argument=name)
        max_years = self.max_years
        if max_years is not None:
            if isinstance(max_years, bool) or not isinstance(max_years, (int, float)) or not max_years >= 0:
                shown = f"{max_years:g}" if isinstance(max_years, (int, float)) else repr(max_years)
                raise InvalidOptionError(f"max_years must be a number >= 0, not {shown}", argument="max_years")
        return self._replace(via=tuple(via), avoid=frozenset(avoid))

    def resolve(self, G: nx.DiGraph) -> Constraints:
        """Checked, with role names in ``via`` and ``avoid`` turned into ids, and ``track`` and
        ``country`` matched to the data's own values in any case."""
        c = self.check()
        return c._replace(
            via=tuple(find_role(G, v, "via") for v in c.via),
            avoid=frozenset(find_role(G, a, "avoid") for a in c.avoid),
            track=match_field_value(G, "track", c.track),
            country=match_field_value(G, "country", c.country),
        )

    @property
    def filters_nodes(self) -> bool:
        return bool(self.track or self.country or self.avoid)

    @property
    def filters_routes(self) -> bool:
        return bool(self.via) or self.max_years is not None

    def excludes(self, G: nx.DiGraph, node: str) -> str | None:
        """Which constraint shuts ``node`` out ("track 'nhs'", ...), or None if it is allowed."""
        attrs = G.nodes[node]
        if node in self.avoid:
            return f"avoid {node!r}"
        if self.track is not None and attrs.get("track") != self.track and attrs.get("kind") != "education":
            return f"track {self.track!r}"
        if self.country is not None and attrs.get("country") != self.country:
            return f"country {self.country!r}"
        return None

    def view(self, G: nx.DiGraph) -> nx.DiGraph:
        """The part of ``G`` whose roles these constraints allow (G itself if they allow all)."""
        if not self.filters_nodes:
            return G
        return nx.subgraph_view(G, filter_node=lambda n: self.excludes(G, n) is None)

    def accepts(self, route: Route) -> bool:
        """Does a route (found in ``view(G)``) also pass through ``via`` in order, within ``max_years``?"""
        if self.max_years is not None and route.total_years > self.max_years + _EPSILON:
            return False
        position = 0
        for node in route.roles:
            if position < len(self.via) and node == self.via[position]:
                position += 1
        return position == len(self.via)


NO_CONSTRAINTS = Constraints()


#: How many loop-free routes a constrained search examines before giving up.
SEARCH_LIMIT = 20_000
_EPSILON = 1e-9


def shortest_route(
    G: nx.DiGraph, source: str, target: str, by: str = "years", constraints: Constraints = NO_CONSTRAINTS
) -> Route:
    """The best route from ``source`` to ``target`` (ids, titles or aliases), minimising ``by``.

    ``by`` is ``years`` (total time), ``qualifications`` (number of qualifications needed or
    awarded on the way) or ``steps`` (number of moves). Raises NoRouteError if none exists.

    >>> from otgraph import load_roles
    >>> G = load_roles().graph
    >>> shortest_route(G, "us-entry-ot", "us-rehab-services-manager").total_years
    8
    """
    weight, by = weight_function(by), weight_name(by)
    source, target, constraints = _check_ends(G, source, target, constraints)
    view = constraints.view(G)
    if constraints.via and constraints.max_years is None:
        # Best segment by best segment is the best walk through the via roles; if it is also
        # loop-free it is the best route, and no search is needed.
        stops = [source, *constraints.via, target]
        nodes = [source]
        for a, b in pairwise(stops):
            segment = _best_nodes(view, a, b, by, weight)
            if segment is None:
                raise NoRouteError(_why_no_route(G, source, target, constraints))
            nodes += segment[1:]
        if len(set(nodes)) == len(nodes):
            return Route.from_nodes(G, nodes, by)
    elif not constraints.filters_routes:
        nodes = _best_nodes(view, source, target, by, weight)
        if nodes is None:
            raise NoRouteError(_why_no_route(G, source, target, constraints))
        return Route.from_nodes(G, nodes, by)
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
    """The ``k`` best loop-free routes, best first (networkx ``shortest_simple_paths``).

    With ``via`` or ``max_years`` the routes are filtered as they are enumerated, and the
    search gives up (SearchLimitError) after ``limit`` routes have been examined.
    Raises NoRouteError if there is no route at all.
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise InvalidOptionError(f"k (the number of routes) must be a whole number >= 1, not {k!r}", argument="k")
    source, target, constraints = _check_ends(G, source, target, constraints)
    by = weight_name(by)
    found = list(_routes(G, source, target, by, constraints, limit, stop_after=k))
    if not found:
        raise NoRouteError(_why_no_route(G, source, target, constraints))
    return found


def pareto_routes(
    G: nx.DiGraph,
    source: str,
    target: str,
    constraints: Constraints = NO_CONSTRAINTS,
    limit: int = SEARCH_LIMIT,
) -> list[Route]:
    """Every loop-free route that no other beats on both total years and qualifications.

    Exact: routes are enumerated in order of years, and the search stops once a route reaches
    the fewest qualifications any route can have (no later, slower route can then be on the
    frontier). Its cost is the number of routes enumerated before that point, at most
    ``limit`` (SearchLimitError beyond). One route per point of the frontier (of routes that
    tie on both totals, the one with fewest steps), sorted by years.
    """
    source, target, constraints = _check_ends(G, source, target, constraints)
    view = constraints.view(G)
    fewest = _best_cost(view, source, target, "qualifications")
    if fewest is None:
        raise NoRouteError(_why_no_route(G, source, target, constraints))
    frontier: list[Route] = []
    best_q = float("inf")
    group: list[Route] = []

    def close_group() -> None:
        nonlocal best_q
        if group:
            q = min(r.total_qualifications for r in group)
            if q < best_q:
                # Routes tying on both totals are one point of the frontier: keep the shortest.
                frontier.append(min((r for r in group if r.total_qualifications == q), key=lambda r: r.total_steps))
                best_q = q
            group.clear()

    for route in _routes(G, source, target, "years", constraints, limit):
        if group and route.total_years > group[0].total_years + _EPSILON:
            close_group()
            if best_q <= fewest:
                break
        group.append(route)
    close_group()
    if not frontier:
        raise NoRouteError(_why_no_route(G, source, target, constraints))
    return frontier


def _routes(G, source, target, by, constraints, limit, stop_after=None):
    """Loop-free routes in order of ``by``, filtered by ``constraints`` (ends and constraints resolved)."""
    weight = weight_function(by)
    view = constraints.view(G)
    if not nx.has_path(view, source, target):
        return
    found = 0
    paths = nx.shortest_simple_paths(view, source, target, weight=None if by == "steps" else weight)
    for examined, nodes in enumerate(paths, 1):
        route = Route.from_nodes(G, nodes, by)
        if constraints.accepts(route):
            yield route
            found += 1
            if stop_after is not None and found >= stop_after:
                return
        elif by == "years" and constraints.max_years is not None and \
                route.total_years > constraints.max_years + _EPSILON:
            return  # routes come in order of years: every later one is longer still
        if examined >= limit:
            raise SearchLimitError(
                f"stopped after examining {limit:,} routes from {source} to {target}; "
                "narrow the search with a track, country, avoid or via constraint"
            )


def _best_nodes(G, source, target, by, weight) -> list[str] | None:
    try:
        if by == "steps":
            return nx.bidirectional_shortest_path(G, source, target)
        return nx.bidirectional_dijkstra(G, source, target, weight=weight)[1]
    except nx.NetworkXNoPath:
        return None


def _best_cost(G, source, target, by) -> float | None:
    nodes = _best_nodes(G, source, target, by, weight_function(by))
    return None if nodes is None else Route.from_nodes(G, nodes, by).cost()


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


def _why_no_route(G: nx.DiGraph, source: str, target: str, c: Constraints) -> str:
    """Say which constraint cuts the route off, where that can be told."""
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
    if c.max_years is not None:
        fastest = sum(_best_cost(view, a, b, "years") for a, b in pairwise(stops))
        if fastest > c.max_years + _EPSILON:
            return f"{base} within max_years {c.max_years:g}: the fastest takes {fastest:g} years"
    return f"{base} under these constraints together"


def plain_number(x: float) -> float | int:
    """Whole numbers as ints, so JSON says 8, not 8.0."""
    return int(x) if float(x).is_integer() else round(x, 6)
