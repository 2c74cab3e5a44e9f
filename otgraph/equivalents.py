"""US/UK equivalents: roles the data maps as alike in another country (an analyst's mapping,
not an official equivalence and not a route)."""

from __future__ import annotations

from typing import Any

import networkx as nx

from .names import find_role, match_field_value, require_role, role_title

__all__ = ["equivalent_roles", "translate"]


def equivalent_roles(G: nx.DiGraph, role_id: str) -> list[dict[str, Any]]:
    """Equivalents of a role (``{"role": id, "note": ...}``), whichever role of the pair lists them.

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

    Equivalents may be listed on either role of a pair. Empty if the data has none.
    ``role`` is an id, title or alias; ``to`` a country, in any case. The mapping is an
    analyst's, not an official equivalence, and not a route (see ``otgraph.routes``).

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
