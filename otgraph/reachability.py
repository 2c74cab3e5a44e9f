"""What a role leads to and what it takes to reach one: reachable roles with their best totals,
entry and terminal roles, and the route and qualifications into a role."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import networkx as nx

from .errors import InvalidOptionError, NoRouteError
from .gates import normalize_groups, start_state
from .holding import check_served
from .names import find_qualification, find_role, role_title
from .routes import Branch, Constraints, Route, plain_number, route_branches, route_tree, weight_name

__all__ = ["crossing", "entry_roles", "is_stage", "reach", "requires", "terminal_roles", "translate_routes"]


def reach(G: nx.DiGraph, source: str, by: str = "years", within_years: float | None = None,
          have: tuple[str, ...] = (), served: float = 0) -> list[dict[str, Any]]:
    """Every role reachable from ``source``, nearest first, with its best total under ``by``.

    Parameters
    ----------
    G : networkx.DiGraph
        A career graph.
    source : str
        The start (id, title or alias).
    by : {"years", "qualifications", "steps"}
        What each best total minimises.
    within_years : float, optional
        Keep only roles that can be reached in at most this many years.
    have : tuple of str
        Qualifications held besides the start's requirements.
    served : float, default 0
        Years of experience already gained in ``source``, credited against the progression
        moves of each role's fastest route.

    Returns
    -------
    list of dict
        Each job (education stages are passed through, never listed as destinations) with
        ``role``, ``title``, ``cost`` (best total under ``by``), ``years`` (the fewest
        years in which the role can be reached, less any credit) and ``path`` (the best route's
        role ids). Routes meet every entry requirement: a holder of ``source`` holds its
        requirements and ``have``; where the requirements allow alternatives, each role is
        reached by the alternative most favourable to it.

    Raises
    ------
    UnknownRoleError
        ``source`` names no role (a ``networkx.NodeNotFound``); AmbiguousRoleError if it
        names several.
    UnknownQualificationError
        An entry of ``have`` names no qualification.
    InvalidOptionError
        ``by`` is not a weight, ``within_years`` is negative, or ``served`` is negative or
        given for an education stage.

    Examples
    --------
    >>> from otgraph import load_roles
    >>> for r in reach(load_roles().graph, "us-lead-ot", within_years=2):
    ...     print(r["years"], r["role"])
    0.23 nhs-band5-ot
    0.23 ss-ot
    2 us-ot-department-manager
    2 us-rehab-services-manager
    """
    source = find_role(G, source, "source")
    if within_years is not None and not within_years >= 0:
        raise InvalidOptionError(f"within_years must be a number >= 0, not {within_years:g}",
                                 argument="within_years")
    served = check_served(G, source, served)
    have = tuple(find_qualification(G, q) for q in ([have] if isinstance(have, str) else have))
    cutoff = None if within_years is None else within_years + served
    years, year_paths = route_tree(G, source, "years", have, cutoff=cutoff)
    if served:
        years = {n: y - _credit(G, year_paths[n], served) for n, y in years.items()}
    if weight_name(by) == "years":
        cost, paths = years, year_paths
    else:
        cost, paths = route_tree(G, source, by, have)
    found = [
        {"role": n, "title": role_title(G, n), "cost": plain_number(cost[n]), "years": plain_number(years[n]),
         "path": paths[n]}
        for n in years
        if n != source and not is_stage(G, n) and (within_years is None or years[n] <= within_years + 1e-9)
    ]
    return sorted(found, key=lambda r: (r["cost"], r["years"], r["title"]))


def is_stage(G: nx.DiGraph, role: str) -> bool:
    """Is ``role`` an education stage (kind education: a degree, an O*NET entry route), a place
    routes pass through rather than a destination?

    >>> G = nx.DiGraph(); G.add_node("mot", kind="education"); G.add_node("ot", kind="job")
    >>> is_stage(G, "mot"), is_stage(G, "ot")
    (True, False)
    """
    return G.nodes[role].get("kind") == "education"


def _credit(G: nx.DiGraph, nodes: list[str], served: float) -> float:
    """The years of ``served`` that the progression moves along ``nodes`` credit."""
    progression = sum(G.edges[u, v]["years"] for u, v in pairwise(nodes) if G.edges[u, v].get("progression"))
    return min(served, progression)


def entry_roles(G: nx.DiGraph) -> list[str]:
    """Roles with no way in."""
    return [n for n in G if G.in_degree(n) == 0]


def terminal_roles(G: nx.DiGraph) -> list[str]:
    """Roles with no way out."""
    return [n for n in G if G.out_degree(n) == 0]


def requires(G: nx.DiGraph, target: str, source: str | None = None, by: str = "years",
             have: tuple[str, ...] = (), served: float = 0) -> dict[str, Any]:
    """What it takes to reach ``target``: the best route from ``source`` (or from the nearest
    entry role of the graph), the qualifications on it, and the roles that lead straight in.

    From a ``source`` whose requirements allow alternatives, ``branches`` holds each
    :class:`~otgraph.routes.Branch` (best first, ``route`` the best of them); ``have``
    (qualifications held) and ``served`` (years of experience) are as for
    :func:`~otgraph.routes.route_branches`.

    Parameters
    ----------
    G : networkx.DiGraph
        A career graph.
    target : str
        The role to reach (id, title or alias).
    source : str, optional
        Where the person starts; default the nearest entry role of the graph.
    by : {"years", "qualifications", "steps"}
        What the route minimises.
    have : tuple of str
        Qualifications held (ids, titles or aliases), with ``source`` only.
    served : float, default 0
        Years of experience already gained in ``source``.

    Returns
    -------
    dict
        ``role``, ``title``, ``route`` (a Route or None), ``branches``, ``qualifications``,
        ``entry_requirements`` and ``direct`` (the moves straight in).

    Raises
    ------
    UnknownRoleError
        ``target`` or ``source`` names no role (a ``networkx.NodeNotFound``);
        AmbiguousRoleError if one names several.
    UnknownQualificationError
        An entry of ``have`` names no qualification.
    InvalidOptionError
        ``by`` is not a weight, or ``have`` or ``served`` is given without ``source``, or
        ``served`` is negative.

    Examples
    --------
    >>> from otgraph import load_roles
    >>> need = requires(load_roles().graph, "us-entry-ot", "edu-us-high-school")
    >>> need["entry_requirements"][1:]
    [['nbcot-otr'], ['us-state-ot-licence']]
    """
    target = find_role(G, target, "target")
    source = None if source is None else find_role(G, source, "source")
    weight_name(by)
    if source is None and (have or served):
        raise InvalidOptionError("have and served describe the person at source: give source", argument="source")
    branches: list[Branch] = []
    if source is None:
        starts = [n for n in entry_roles(G) if n != target]
        if not starts:
            route = None
        else:
            _, paths = route_tree(G, starts, by)
            route = Route.from_nodes(G, paths[target], by, start_state(G, paths[target][0])) if target in paths \
                else None
    else:
        have = tuple(find_qualification(G, q) for q in ([have] if isinstance(have, str) else have))
        try:
            branches = route_branches(G, source, target, by, Constraints(have=have), served)
            route = branches[0].route
        except NoRouteError:
            route = None
    return {
        "role": target,
        "title": role_title(G, target),
        "route": route,
        "branches": branches,
        "qualifications": route.qualifications if route else [],
        "entry_requirements": [sorted(g) for g in normalize_groups(G.nodes[target].get("requires"))],
        "direct": [
            {"role": u, "title": role_title(G, u), "years": d["years"], "years_range": [d.get("years_min"),
             d.get("years_max")], "awards": d["awards"], "qualifications": d["awards"]}
            for u, _, d in G.in_edges(target, data=True)
        ],
    }


def crossing(G: nx.DiGraph, role: str, other: str) -> dict[str, Any]:
    """What it takes to practise as ``other`` from ``role``: the best route's ``route_years``
    and ``route_range`` (and its ``route``, role ids), or ``blocked_by``, the gate that stops
    every route (one line), when there is none.

    >>> from otgraph import load_roles
    >>> crossing(load_roles().graph, "us-mid-ot", "nhs-band5-ot")["route_years"]
    0.23
    """
    from .routes import shortest_route

    try:
        route = shortest_route(G, role, other)
    except NoRouteError as exc:
        return {"route_years": None, "route_range": None, "route": None, "blocked_by": str(exc)}
    return {"route_years": route.total_years, "route_range": list(route.total_years_range),
            "route": list(route.roles), "blocked_by": None}


def translate_routes(G: nx.DiGraph, role: str, to: str | None = None) -> list[dict[str, Any]]:
    """:func:`otgraph.equivalents.translate`, each equivalent with the route to it from ``role``
    (:func:`crossing`): an equivalence of titles is not a route, so this says how far apart the
    two are, or which gate blocks the way.

    Parameters
    ----------
    G : networkx.DiGraph
        A career graph.
    role : str
        A role id, title or alias.
    to : str, optional
        A country, in any case; default: every country but the role's own.

    Returns
    -------
    list of dict
        translate's fields plus ``route_years``, ``route_range``, ``route`` and ``blocked_by``.

    Examples
    --------
    >>> from otgraph import load_roles
    >>> [(e["role"], e["route_years"]) for e in translate_routes(load_roles().graph, "us-entry-ot")]
    [('nhs-band5-ot', 0.23)]
    """
    from .equivalents import translate

    role = find_role(G, role)
    return [{**e, **crossing(G, role, e["role"])} for e in translate(G, role, to)]
