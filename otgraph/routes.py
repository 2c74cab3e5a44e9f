"""Routes through a career graph.

A route is a :class:`Route`: the roles in order, one :class:`Step` per move, and totals.
Every algorithm takes its edge weight from :data:`WEIGHTS`, keyed by the ``--by`` name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import networkx as nx

from .errors import InvalidOptionError, NoRouteError

Weight = Callable[[str, str, dict[str, Any]], float]


def _years(u: str, v: str, d: dict[str, Any]) -> float:
    return d["years"]


def _qualifications(u: str, v: str, d: dict[str, Any]) -> float:
    return len(d["qualifications"])


def _steps(u: str, v: str, d: dict[str, Any]) -> float:
    return 1


#: What ``--by`` can minimise, as networkx weight functions.
WEIGHTS: dict[str, Weight] = {"years": _years, "qualifications": _qualifications, "steps": _steps}


def weight_function(by: str) -> Weight:
    """The networkx weight function for a ``--by`` name; InvalidOptionError if unknown."""
    try:
        return WEIGHTS[by]
    except (KeyError, TypeError):
        raise InvalidOptionError(f"unknown weight '{by}': use one of {', '.join(WEIGHTS)}") from None


@dataclass(frozen=True)
class Step:
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
            "years": _number(self.years),
            "years_basis": self.years_basis,
            "qualifications": list(self.qualifications),
        }


@dataclass(frozen=True)
class Route:
    """A route through the graph: roles in order, the steps between them, and totals.

    ``titles`` and ``qualification_titles`` are kept so the route can describe itself.
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
            titles=tuple(G.nodes[n].get("title", n) for n in nodes),
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
        """The ``--json`` shape of a route."""
        return {
            "from": {"id": self.source, "title": self.titles[0]},
            "to": {"id": self.target, "title": self.titles[-1]},
            "by": self.by,
            "roles": [{"id": r, "title": t} for r, t in zip(self.roles, self.titles, strict=True)],
            "steps": [s.to_dict() for s in self.steps],
            "total_years": _number(self.total_years),
            "total_steps": self.total_steps,
            "total_qualifications": self.total_qualifications,
            "estimated_steps": self.estimated_steps,
            "qualifications": [{"id": q, "title": self.qualification_titles[q]} for q in self.qualifications],
        }


def shortest_route(G: nx.DiGraph, source: str, target: str, by: str = "years") -> Route:
    """The best route from ``source`` to ``target`` (role ids), minimising ``by``.

    ``by`` is ``years`` (total time), ``qualifications`` (number of qualifications needed or
    awarded on the way) or ``steps`` (number of moves). Raises NoRouteError if none exists.

    >>> from otgraph import load_roles
    >>> G = load_roles().graph
    >>> shortest_route(G, "us-entry-ot", "us-rehab-services-manager").total_years
    8
    """
    weight = weight_function(by)
    for node in (source, target):
        if node not in G:
            raise NoRouteError(f"role '{node}' is not in the graph")
    try:
        if by == "steps":
            nodes = nx.bidirectional_shortest_path(G, source, target)
        else:
            _, nodes = nx.bidirectional_dijkstra(G, source, target, weight=weight)
    except nx.NetworkXNoPath:
        raise NoRouteError(
            f"no route from {G.nodes[source].get('title', source)} ({source}) "
            f"to {G.nodes[target].get('title', target)} ({target})"
        ) from None
    return Route.from_nodes(G, nodes, by)


def _number(x: float) -> float | int:
    """Whole numbers as ints, so JSON says 8, not 8.0."""
    return int(x) if float(x).is_integer() else round(x, 6)
