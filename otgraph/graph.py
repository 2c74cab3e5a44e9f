"""The career graph: a networkx.DiGraph of roles, and finding roles by name.

Nodes are role ids with the role's fields as attributes (``requires``: entry requirements);
edges are moves with ``years`` (typical), ``years_min``, ``years_max`` (None: open),
``years_kind``, ``years_evidence``, ``awards`` (qualification ids) and ``requires``.
Dataset-wide tables live on the graph itself: ``G.graph["qualifications"]`` (id -> fields),
``G.graph["sources"]`` and ``G.graph["meta"]``, so a plain DiGraph is all the route
functions need.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx

from .build import build_graph, move_attributes, role_attributes
from .names import find_role, normalize_name, require_role, role_title, suggest_roles

__all__ = ["CareerGraph", "gc_paused", "move_attributes", "normalize_name", "role_attributes"]


class CareerGraph:
    """A career graph: ``graph`` (a networkx.DiGraph) plus lookup of roles by name.

    >>> from otgraph import load_roles
    >>> cg = load_roles()
    >>> cg.find("rehabilitation services manager")
    'us-rehab-services-manager'
    """

    def __init__(self, graph: nx.DiGraph, name: str = "<graph>"):
        self.graph = graph
        self.name = name

    @classmethod
    def from_data(cls, data: dict[str, Any], name: str = "<data>") -> CareerGraph:
        """Build from parsed, already checked roles data (see ``otgraph.load.check_roles``), in one
        pass (:func:`otgraph.build.build_graph`)."""
        with gc_paused():
            G = build_graph(data)
            G.graph["skills"] = {s["id"]: {k: v for k, v in s.items() if k != "id"} for s in data.get("skills", ())}
            return cls(G, name)

    # --- lookup ----------------------------------------------------------------------

    def find(self, name: str) -> str:
        """The id of the one role whose id, title or alias is ``name`` (any case or punctuation).

        Raises UnknownRoleError (with close matches) or AmbiguousRoleError (with the candidates).

        >>> from otgraph import load_roles
        >>> load_roles().find("band 5 ot")
        'nhs-band5-ot'
        """
        return find_role(self.graph, name)

    def suggest(self, name: str, n: int = 5) -> list[str]:
        """Ids of up to ``n`` roles whose names are closest to ``name``."""
        return suggest_roles(self.graph, name, n)

    # --- roles -------------------------------------------------------------------------

    def title(self, role_id: str) -> str:
        """A role's title."""
        return role_title(self.graph, role_id)

    def role(self, name: str) -> dict[str, Any]:
        """A role's fields (``id`` included), found by id, title or alias."""
        role_id = self.find(name)
        return {"id": role_id, **self.graph.nodes[role_id]}

    def roles(self, *, track: str | None = None, country: str | None = None,
              kind: str | None = None) -> list[dict[str, Any]]:
        """All roles, optionally only one track, country and/or kind (job, education), in file order."""
        return [
            {"id": n, **attrs}
            for n, attrs in self.graph.nodes(data=True)
            if (track is None or attrs.get("track") == track) and (country is None or attrs.get("country") == country)
            and (kind is None or attrs.get("kind", "job") == kind)
        ]

    def subgraph(self, *, track: str | None = None, country: str | None = None,
                 include: Iterable[str] = ()) -> nx.DiGraph:
        """The roles of one track and/or country (plus ``include``), and the moves among them."""
        keep = {r["id"] for r in self.roles(track=track, country=country)} | set(include)
        G = self.graph
        # A copy rather than G.subgraph(): a view of a small subgraph iterates in set order,
        # and exports must come out the same on every run.
        H = nx.DiGraph(**G.graph)
        H.add_nodes_from((n, a) for n, a in G.nodes(data=True) if n in keep)
        H.add_edges_from((u, v, d) for u, v, d in G.edges(data=True) if u in keep and v in keep)
        return H

    @property
    def tracks(self) -> list[str]:
        return _distinct(a.get("track") for _, a in self.graph.nodes(data=True))

    @property
    def countries(self) -> list[str]:
        return _distinct(a.get("country") for _, a in self.graph.nodes(data=True))

    def qualification_title(self, qualification_id: str) -> str:
        return self.graph.graph["qualifications"].get(qualification_id, {}).get("title", qualification_id)

    def equivalents(self, role_id: str) -> list[dict[str, Any]]:
        """Roles the data maps as equivalent to this one, listed on either side of the pair."""
        from .equivalents import equivalent_roles

        return equivalent_roles(self.graph, require_role(self.graph, role_id))

    def moves(self, role_id: str) -> dict[str, list[dict[str, Any]]]:
        """Transitions into and out of a role, each with the other role's id and title."""
        G = self.graph
        require_role(G, role_id)

        def move(other: str, attrs: dict[str, Any]) -> dict[str, Any]:
            return {"role": other, "title": self.title(other), **attrs}

        out = [move(v, d) for _, v, d in G.out_edges(role_id, data=True)]
        # O*NET's related occupations are listed by their rank (index 1 is the most related).
        out.sort(key=lambda m: m["onet"]["index"] if "onet" in m else 0)
        return {"in": [move(u, d) for u, _, d in G.in_edges(role_id, data=True)], "out": out}

    def describe(self, name: str) -> dict[str, Any]:
        """Everything about one role: its fields, moves in and out, and equivalents."""
        role = self.role(name)
        role["equivalents"] = [
            {**eq, "title": self.title(eq["role"]), "country": self.graph.nodes[eq["role"]].get("country")}
            for eq in self.equivalents(role["id"])
        ]
        role["moves"] = self.moves(role["id"])
        return role


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building millions of acyclic dicts: it would
    otherwise rescan them again and again (half the load time of a 100,000-role file)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _distinct(values: Iterable[Any]) -> list[str]:
    return sorted({v for v in values if isinstance(v, str)})
