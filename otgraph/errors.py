"""Exceptions raised by otgraph.

Every error the library raises is an :class:`OtgraphError`; its ``exit_code`` is what the
command line exits with (like grep: 1 means "no route", 2 means bad input).
"""

from __future__ import annotations


class OtgraphError(Exception):
    """Base class of otgraph's errors."""

    exit_code = 2


class DataError(OtgraphError):
    """A roles file cannot be read, or does not describe a valid career graph.

    ``problems`` lists every problem found (one line each); ``str()`` gives a one-line summary.
    """

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = list(problems)
        first = self.problems[0] if self.problems else "invalid data"
        more = len(self.problems) - 1
        tail = ""
        if more:
            tail = f" (and {more} more problem{'s' if more > 1 else ''}; run 'otgraph validate' to list them)"
        super().__init__(f"{source}: {first}{tail}")


class RoleLookupError(OtgraphError):
    """A role name does not identify exactly one role."""

    def __init__(self, message: str, candidates: list[tuple[str, str]] | None = None):
        self.candidates = list(candidates or [])
        super().__init__(message)


class UnknownRoleError(RoleLookupError):
    """No role has this id, title or alias. ``candidates`` holds close matches as (id, title)."""


class AmbiguousRoleError(RoleLookupError):
    """Several roles share this title or alias. ``candidates`` holds them as (id, title)."""


class InvalidOptionError(OtgraphError):
    """An argument has a value otgraph cannot use (an unknown weight, a negative count...)."""


class NoRouteError(OtgraphError):
    """No route connects the two roles (under the given weight and constraints)."""

    exit_code = 1


class SearchLimitError(OtgraphError):
    """A route search examined its limit of routes without finishing; narrow it with constraints."""
