"""What a role leads to and what it takes to reach one: reachable roles with their best totals,
entry and terminal roles, and the route and qualifications into a role."""

from __future__ import annotations

from typing import Any

import networkx as nx

from .errors import InvalidOptionError, NoRouteError
from .gates import normalize_groups, start_state
from .names import find_qualification, find_role, role_title
from .routes import Route, plain_number, route_tree, shortest_route, weight_name

__all__ = ["entry_roles", "reach", "requires", "terminal_roles"]


def reach(G: nx.DiGraph, source: str, by: str = "years", within_years: float | None = None,
          have: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Every role reachable from ``source``, nearest first, with its best total under ``by``.

    Each entry has ``role``, ``title``, ``cost`` (best total under ``by``), ``years`` (the
    fewest years in which the role can be reached) and ``steps`` (the best route's role ids).
    ``within_years`` keeps roles that can be reached in at most that many years. Routes meet
    every entry requirement (a holder of ``source`` holds its requirements, and ``have``).

    >>> from otgraph import load_roles
    >>> [r["role"] for r in reach(load_roles().graph, "us-lead-ot")]
    ['us-ot-department-manager', 'us-rehab-services-manager']
    """
    source = find_role(G, source, "source")
    if within_years is not None and not within_years >= 0:
        raise InvalidOptionError(f"within_years must be a number >= 0, not {within_years:g}",
                                 argument="within_years")
    have = tuple(find_qualification(G, q) for q in ([have] if isinstance(have, str) else have))
    years, year_paths = route_tree(G, source, "years", have, cutoff=within_years)
    if weight_name(by) == "years":
        cost, paths = years, year_paths
    else:
        cost, paths = route_tree(G, source, by, have)
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
            _, paths = route_tree(G, starts, by)
            route = Route.from_nodes(G, paths[target], by, start_state(G, paths[target][0])) if target in paths \
                else None
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
        "entry_requirements": [sorted(g) for g in normalize_groups(G.nodes[target].get("requires"))],
        "direct": [
            {"role": u, "title": role_title(G, u), "years": d["years"], "years_range": [d.get("years_min"),
             d.get("years_max")], "awards": d["awards"], "qualifications": d["awards"]}
            for u, _, d in G.in_edges(target, data=True)
        ],
    }
