"""Limits on which routes count: stay on a track or in a country, pass through or avoid roles,
a cap on the years, and qualifications already held.

>>> Constraints(avoid="us-lead-ot").check().avoid
frozenset({'us-lead-ot'})
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import networkx as nx

from .errors import InvalidOptionError
from .names import find_qualification, find_role, match_field_value

if TYPE_CHECKING:
    from .route_model import Route

__all__ = ["EPSILON", "NO_CONSTRAINTS", "Constraints"]

#: Tolerance when comparing sums of years.
EPSILON = 1e-9


class Constraints(NamedTuple):
    """Limits on which routes count.

    ``track`` and ``country`` keep a route on one track or in one country (education stages are
    allowed on any track, since every track starts from them); ``avoid`` lists role ids a route
    may not touch; ``via`` lists role ids a route must pass through, in that order;
    ``max_years`` caps the route's total (typical) years; ``have`` lists qualifications held at
    the start beyond the start role's own (ids, titles or aliases), which can only shorten a route.
    """

    track: str | None = None
    country: str | None = None
    via: tuple[str, ...] = ()
    avoid: frozenset[str] = frozenset()
    max_years: float | None = None
    have: tuple[str, ...] = ()

    def check(self) -> Constraints:
        """Self with its values in canonical form (one role given as a string is one role, not
        its letters), or InvalidOptionError if a value is out of range or of the wrong type."""
        via, avoid, have = self.via, self.avoid, self.have
        if isinstance(via, str):
            via = (via,)
        if isinstance(avoid, str):
            avoid = frozenset({avoid})
        if isinstance(have, str):
            have = (have,)
        for name, value in (("via", via), ("avoid", avoid), ("have", have)):
            if not all(isinstance(v, str) for v in value):
                raise InvalidOptionError(f"{name} must be ids or names (strings)", argument=name)
        max_years = self.max_years
        if max_years is not None:
            if isinstance(max_years, bool) or not isinstance(max_years, (int, float)) or not max_years >= 0:
                shown = f"{max_years:g}" if isinstance(max_years, (int, float)) else repr(max_years)
                raise InvalidOptionError(f"max_years must be a number >= 0, not {shown}", argument="max_years")
        return self._replace(via=tuple(via), avoid=frozenset(avoid), have=tuple(have))

    def resolve(self, G: nx.DiGraph) -> Constraints:
        """Checked, with role names in ``via`` and ``avoid`` turned into ids, and ``track`` and
        ``country`` matched to the data's own values in any case."""
        c = self.check()
        return c._replace(
            via=tuple(find_role(G, v, "via") for v in c.via),
            avoid=frozenset(find_role(G, a, "avoid") for a in c.avoid),
            have=tuple(dict.fromkeys(find_qualification(G, q) for q in c.have)),
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
        if self.max_years is not None and route.total_years > self.max_years + EPSILON:
            return False
        position = 0
        for node in route.roles:
            if position < len(self.via) and node == self.via[position]:
                position += 1
        return position == len(self.via)


NO_CONSTRAINTS = Constraints()
