"""US/UK equivalents: roles the data maps as alike in another country (an analyst's mapping,
not an official equivalence and not a route).

>>> import networkx as nx
>>> G = nx.DiGraph()
>>> G.add_node("uk-ot", title="Band 5 OT", country="UK", equivalents=[{"role": "us-ot", "note": "entry"}])
>>> G.add_node("us-ot", title="Entry-Level OT", country="US")
>>> [e["role"] for e in translate(G, "entry-level ot")]
['uk-ot']
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from .names import find_role, match_field_value, require_role, role_title

__all__ = ["equivalent_roles", "translate"]


def equivalent_roles(G: nx.DiGraph, role_id: str) -> list[dict[str, Any]]:
    """Equivalents of a role, whichever role of the pair lists them.

    Parameters
    ----------
    G : networkx.DiGraph
        A career graph (``equivalents`` lists on its nodes).
    role_id : str
        The id of a role of ``G``.

    Returns
    -------
    list of dict
        ``{"role": id, "note": ...}`` for each equivalent role, in the data's order.

    Raises
    ------
    UnknownRoleError
        If ``role_id`` is not a role of ``G`` (a ``networkx.NodeNotFound``).

    Examples
    --------
    >>> from otgraph import load_roles
    >>> [e["role"] for e in equivalent_roles(load_roles().graph, "nhs-band5-ot")][:1]
    ['us-entry-ot']
    """
    require_role(G, role_id)
    found: dict[str, dict[str, Any]] = {}
    for eq in G.nodes[role_id].get("equivalents", []):
        found[eq["role"]] = eq
    for other, attrs in G.nodes(data=True):
        for eq in attrs.get("equivalents", []):
            if eq["role"] == role_id and other not in found:
                found[other] = {**eq, "role": other}
    return list(found.values())


def translate(G: nx.DiGraph, role: str, to: str | None = None) -> list[dict[str, Any]]:
    """Roles the data maps as equivalent to ``role`` in another country (or in ``to``).

    Equivalents may be listed on either role of a pair. The mapping is an analyst's, not an
    official equivalence, and not a route (see ``otgraph.routes``).

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
        ``{"role", "title", "country", "band", "level", "note"}`` for each equivalent; empty if
        the data has none (:func:`otgraph.reachability.translate_routes` adds each one's route).

    Raises
    ------
    UnknownRoleError
        If no role has this name (a ``networkx.NodeNotFound``).
    AmbiguousRoleError
        If several roles have it.
    InvalidOptionError
        If ``to`` is not a country of the data.

    Examples
    --------
    >>> from otgraph import load_roles
    >>> [e["role"] for e in translate(load_roles().graph, "Band 5 OT", to="us")][:1]
    ['us-entry-ot']
    """
    role = find_role(G, role)
    here = G.nodes[role].get("country")
    to = match_field_value(G, "country", to, argument="to")
    out = []
    for eq in equivalent_roles(G, role):
        other = eq["role"]
        attrs = G.nodes[other]
        country = attrs.get("country")
        if (to is not None and country != to) or (to is None and country == here and here is not None):
            continue
        out.append({"role": other, "title": role_title(G, other), "country": country,
                    "band": attrs.get("band"), "level": attrs.get("level"), "note": eq.get("note")})
    return out

