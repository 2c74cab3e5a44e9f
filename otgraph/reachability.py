"""What a role leads to and what it takes to reach one: reachable roles with their best totals,
entry and terminal roles, and the route and qualifications into a role."""

from __future__ import annotations

from typing import Any

import networkx as nx

from .errors import InvalidOptionError, NoRouteError
from .names import find_role, role_title
from .routes import Route, plain_number, shortest_route, weight_function

__all__ = ["entry_roles", "reach", "requires", "terminal_roles"]


def reach(G: nx.DiGraph, source: str, by: str = "years", within_years: float | None = None) -> list[dict[str, Any]]:
    """Every role reachable from ``source``, nearest first, with its best total under ``by``.

    Each entry has ``role``, ``title``, ``cost`` (best total under ``by``), ``years`` (the
    fewest years in which the role can be reached) and ``steps`` (the best route's role ids).
    ``within_years`` keeps roles that can be reached in at most that many years.

    >>> from otgraph import load_roles
    >>> [r["role"] for r in reach(load_roles().graph, "us-lead-ot")]
    ['us-ot-department-manager', 'us-rehab-services-manager']
    """
    source = find_role(G, source, "source")
    if within_years is not None and not within_years >= 0:
        raise InvalidOptionError(f"within_years must be a number >= 0, not {within_years:g}",
                                 argument="within_years")
    years, year_paths = nx.single_source_dijkstra(G, source, cutoff=within_years, weight=weight_function("years"))
    if by == "years":
        cost, paths = years, year_paths
    elif by == "steps":
        paths = nx.single_source_shortest_path(G, source)
        cost = {n: len(p) - 1 for n, p in paths.items()}
    else:
        cost, paths = nx.single_source_dijkstra(G, source, weight=weight_function(by))
    found = [
        {"role": n, "title": role_title(G, n), "cost": plain_number(cost[n]), "years": plain_number(years[n]),
         "path": paths[n]}
        for n in years
        if n != source
    ]
    return sorted(found, key=lambda r: (r["cost"], r["years"], r["title"]))


def entry_roles(G: nx.DiGraph) -> list[str]:
    """Roles with no way in."""
    return [n for n in G if G.in_degree(n) == 0]


def terminal_roles(G: nx.DiGraph) -> list[str]:
    """Roles with no way out."""
    return [n for n in G if G.out_degree(n) == 0]


def requires(G: nx.DiGraph, target: str, source: str | None = None, by: str = "years") -> dict[str, Any]:
    """What it takes to reach ``target``: the best route from ``source`` (or from the nearest
    entry role of the graph), the qualifications on it, and the roles that lead straight in.
    """
    target = find_role(G, target, "target")
    source = None if source is None else find_role(G, source, "source")
    if source is None:
        starts = [n for n in entry_roles(G) if n != target]
        if not starts:
            route = None
        else:
            try:
                _, nodes = nx.multi_source_dijkstra(G, set(starts), target, weight=weight_function(by))
                route = Route.from_nodes(G, nodes, by)
            except nx.NetworkXNoPath:
                route = None
    else:
        try:
            route = shortest_route(G, source, target, by)
        except NoRouteError:
            route = None
    return {
        "role": target,
        "title": role_title(G, target),
        "route": route,
        "qualifications": route.qualifications if route else [],
        "direct": [
            {"role": u, "title": role_title(G, u), "years": d["years"], "qualifications": d["qualifications"]}
            for u, _, d in G.in_edges(target, data=True)
        ],
    }
