"""Every exception otgraph raises.

All derive from :class:`OtgraphError`. Two also derive from networkx's own, so code written
for networkx catches them unchanged: :class:`UnknownRoleError` is a
``networkx.NodeNotFound`` and :class:`NoRouteError` a ``networkx.NetworkXNoPath``.

Messages speak of arguments and data; the command line alone decides exit codes and flag
names (see ``otgraph.cli``).

>>> import networkx as nx
>>> issubclass(UnknownRoleError, nx.NodeNotFound), issubclass(NoRouteError, nx.NetworkXNoPath)
(True, True)
"""

from __future__ import annotations

from typing import Any

import networkx as nx

__all__ = [
    "AmbiguousRoleError", "DataError", "ExportError", "InvalidOptionError", "NoRouteError", "OtgraphError",
    "RoleLookupError", "SearchLimitError", "UnknownQualificationError", "UnknownRoleError",
]


class OtgraphError(Exception):
    """Base class of otgraph's errors."""


class DataError(OtgraphError):
    """A roles or records file cannot be read, or does not describe a valid career graph.

    ``problems`` lists every problem found (one line each); ``str()`` gives a one-line summary.

    >>> str(DataError("roles.json", ["line 3: invalid JSON", "$.roles: missing"]))
    'roles.json: line 3: invalid JSON (and 1 more problem)'
    """

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = list(problems)
        first = self.problems[0] if self.problems else "invalid data"
        more = len(self.problems) - 1
        tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(f"{source}: {first}{tail}")


class RoleLookupError(OtgraphError):
    """A role name does not identify exactly one role.

    ``candidates`` holds the roles concerned as dicts ``{id, title, country, band}``.
    """

    def __init__(self, message: str, candidates: list[dict[str, Any]] | None = None):
        self.candidates = list(candidates or [])
        super().__init__(message)


class UnknownRoleError(RoleLookupError, nx.NodeNotFound):
    """No role has this id, title or alias; ``candidates`` holds close matches, best first."""


class AmbiguousRoleError(RoleLookupError):
    """Several roles share this title or alias; ``candidates`` lists them."""


class UnknownQualificationError(OtgraphError):
    """No qualification has this id, title or alias; ``candidates`` holds close matches."""

    def __init__(self, message: str, candidates: list[dict[str, Any]] | None = None):
        self.candidates = list(candidates or [])
        super().__init__(message)


class InvalidOptionError(OtgraphError, ValueError):
    """An argument has a value otgraph cannot use; ``argument`` names the parameter."""

    def __init__(self, message: str, argument: str | None = None):
        self.argument = argument
        super().__init__(message)


class NoRouteError(OtgraphError, nx.NetworkXNoPath):
    """No route connects the two roles (under the given weight, constraints and requirements)."""


class SearchLimitError(OtgraphError):
    """A route search examined its limit of routes without finishing; narrow it with constraints."""


class ExportError(OtgraphError):
    """An export could not be written (unknown format, missing Graphviz, failed render...)."""
