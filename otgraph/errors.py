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

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

__all__ = [
    "AmbiguousRoleError", "DataError", "ExportError", "Hint", "InvalidOptionError", "MissingDependencyError",
    "NoRouteError", "OtgraphError", "RoleLookupError", "SearchLimitError", "SlideError", "UnknownQualificationError",
    "UnknownRoleError",
]


@dataclass(frozen=True)
class Hint:
    """An argument a message suggests, with the value it suggests (if any).

    The library writes it as a keyword argument, the command line as the flag a user types
    (see :meth:`OtgraphError.render`).

    Parameters
    ----------
    argument : str
        The library's name of the argument (``"labels"``).
    value : object, optional
        The value suggested (``"years"``), or a placeholder (``"ROLE"``) when ``placeholder``.
    placeholder : bool, default False
        ``value`` stands for what the user chooses, and is not quoted.

    Examples
    --------
    >>> Hint("labels", "years").keyword(), Hint("around", "ROLE", placeholder=True).keyword()
    ('labels="years"', 'around=ROLE')
    """

    argument: str
    value: Any = None
    placeholder: bool = False

    def keyword(self) -> str:
        """The hint as a keyword argument of the Python API."""
        if self.value is None:
            return self.argument
        quoted = isinstance(self.value, str) and not self.placeholder
        return f"{self.argument}={self.value!r}".replace("'", '"') if quoted else f"{self.argument}={self.value}"


#: A message: text, or a sequence of texts and :class:`Hint` s written in between.
Message = str | Sequence["str | Hint"]


class OtgraphError(Exception):
    """Base class of otgraph's errors: catch it to catch them all.

    A message may suggest arguments (as :class:`Hint` s): ``str()`` writes them as keyword
    arguments, and :meth:`render` as anything else (the command line's flags).

    Examples
    --------
    >>> import otgraph
    >>> try:
    ...     otgraph.load_roles("no-such-file.json")
    ... except OtgraphError as exc:
    ...     print(type(exc).__name__, exc)
    DataError no-such-file.json: no such file
    >>> exc = OtgraphError(["too big: use ", Hint("size", "natural")])
    >>> str(exc), exc.render(lambda h: f"--{h.argument} {h.value}")
    ('too big: use size="natural"', 'too big: use --size natural')
    """

    def __init__(self, message: Message = ""):
        self.parts: tuple[str | Hint, ...] = (message,) if isinstance(message, str) else tuple(message)
        super().__init__(self.render())

    @property
    def hints(self) -> list[Hint]:
        """The arguments the message suggests, in order."""
        return [p for p in self.parts if isinstance(p, Hint)]

    def render(self, hint: Callable[[Hint], str] = Hint.keyword) -> str:
        """The message, each hint written by ``hint`` (default: as a keyword argument)."""
        return "".join(p if isinstance(p, str) else hint(p) for p in self.parts)


class DataError(OtgraphError):
    """A roles or records file cannot be read, or does not describe a valid career graph.

    Parameters
    ----------
    source : str
        The file (or other source) concerned; kept as ``source``.
    problems : list of str
        Every problem found, one line each; kept as ``problems``. ``str()`` gives a one-line
        summary: the first problem and how many more there are.
    bad_rows : int, default 0
        For a records file, how many of its rows are bad; kept as ``bad_rows``.

    Examples
    --------
    >>> str(DataError("roles.json", ["line 3: invalid JSON", "$.roles: missing"]))
    'roles.json: line 3: invalid JSON (and 1 more problem)'
    """

    def __init__(self, source: str, problems: list[str], bad_rows: int = 0):
        self.source = source
        self.problems = list(problems)
        #: How many rows of a records file were bad (``otgraph learn``), 0 for other data.
        self.bad_rows = bad_rows
        first = self.problems[0] if self.problems else "invalid data"
        more = len(self.problems) - 1
        tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(f"{source}: {first}{tail}")


class RoleLookupError(OtgraphError):
    """A role name does not identify exactly one role.

    Parameters
    ----------
    message : str
        What went wrong.
    candidates : list of dict, optional
        The roles concerned, as dicts ``{id, title, country, band}``; kept as ``candidates``.

    Examples
    --------
    >>> exc = RoleLookupError("unknown role 'x'", [{"id": "a", "title": "A", "country": None, "band": None}])
    >>> str(exc), [c["id"] for c in exc.candidates]
    ("unknown role 'x'", ['a'])
    """

    def __init__(self, message: Message, candidates: list[dict[str, Any]] | None = None):
        self.candidates = list(candidates or [])
        super().__init__(message)


class UnknownRoleError(RoleLookupError, nx.NodeNotFound):
    """No role has this id, title or alias; ``candidates`` holds close matches, best first.

    A ``networkx.NodeNotFound``, so code written for networkx catches it.

    Examples
    --------
    >>> import otgraph
    >>> G = otgraph.load_roles().graph
    >>> try:
    ...     otgraph.shortest_route(G, "no such role", "us-entry-ot")
    ... except nx.NodeNotFound as exc:
    ...     print(type(exc).__name__, exc)
    UnknownRoleError unknown role 'no such role'
    """


class AmbiguousRoleError(RoleLookupError):
    """Several roles share this title or alias; ``candidates`` lists them.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_node("a", title="Therapist"); G.add_node("b", title="Therapist")
    >>> from otgraph.names import find_role
    >>> try:
    ...     find_role(G, "therapist")
    ... except AmbiguousRoleError as exc:
    ...     print([c["id"] for c in exc.candidates])
    ['a', 'b']
    """


class UnknownQualificationError(OtgraphError):
    """No qualification has this id, title or alias (or several have it); ``candidates`` holds
    close matches or the qualifications concerned, as dicts ``{id, title}``.

    Examples
    --------
    >>> from otgraph.names import find_qualification
    >>> G = nx.DiGraph(qualifications={"hcpc": {"title": "HCPC registration"}})
    >>> try:
    ...     find_qualification(G, "HCPC registraton")
    ... except UnknownQualificationError as exc:
    ...     print(exc.candidates)
    [{'id': 'hcpc', 'title': 'HCPC registration'}]
    """

    def __init__(self, message: Message, candidates: list[dict[str, Any]] | None = None):
        self.candidates = list(candidates or [])
        super().__init__(message)


class InvalidOptionError(OtgraphError, ValueError):
    """An argument has a value otgraph cannot use; ``argument`` names the parameter.

    Also a ``ValueError``.

    Examples
    --------
    >>> import otgraph
    >>> try:
    ...     otgraph.reach(otgraph.load_roles().graph, "us-entry-ot", within_years=-1)
    ... except ValueError as exc:
    ...     print(exc.argument, "|", exc)
    within_years | within_years must be a number >= 0, not -1
    """

    def __init__(self, message: Message, argument: str | None = None):
        self.argument = argument
        super().__init__(message)


class NoRouteError(OtgraphError, nx.NetworkXNoPath):
    """No route connects the two roles (under the given weight, constraints and requirements).

    A ``networkx.NetworkXNoPath``, so code written for networkx catches it.

    Examples
    --------
    >>> import otgraph
    >>> G = otgraph.load_roles().graph
    >>> try:
    ...     otgraph.shortest_route(G, "us-rehab-services-manager", "us-entry-ot")
    ... except nx.NetworkXNoPath as exc:
    ...     print(type(exc).__name__)
    NoRouteError
    """


class SearchLimitError(OtgraphError):
    """A route search examined its limit of routes without finishing; narrow it with constraints.

    Examples
    --------
    >>> str(SearchLimitError("stopped after examining 20,000 routes from a to b"))
    'stopped after examining 20,000 routes from a to b'
    """


class ExportError(OtgraphError):
    """An export could not be written (unknown format, missing Graphviz, failed render...).

    Examples
    --------
    >>> from otgraph.files import write_atomic
    >>> try:
    ...     write_atomic("no-such-folder/map.svg", lambda f: None)
    ... except ExportError as exc:
    ...     print(exc)
    no-such-folder/map.svg: no such directory 'no-such-folder'
    """


class SlideError(ExportError):
    """A diagram does not fit on a slide with readable text; the message suggests what to draw
    instead (as :class:`Hint` s).

    Examples
    --------
    >>> str(SlideError(["too small to read: use ", Hint("size", "natural")]))
    'too small to read: use size="natural"'
    """


class MissingDependencyError(OtgraphError):
    """An optional part otgraph needs for this task is not installed: a Python package (DuckDB,
    PySpark, matplotlib) or a program (Graphviz's ``dot``, Java). ``install`` says how to
    install it.

    Parameters
    ----------
    what : str
        What is missing, and what needs it.
    install : str
        The command that installs it (``pip install "otgraph[learn]"``).

    Examples
    --------
    >>> exc = MissingDependencyError("otgraph learn needs DuckDB", 'pip install "otgraph[learn]"')
    >>> str(exc), exc.install
    ('otgraph learn needs DuckDB: pip install "otgraph[learn]"', 'pip install "otgraph[learn]"')
    """

    def __init__(self, what: str, install: str):
        self.install = install
        super().__init__(f"{what}: {install}")
