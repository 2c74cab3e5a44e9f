"""What every engine of ``otgraph learn`` shares: the option checks, the steps' order, raw titles
to role ids, the roles data and report built from the engine's rows, and the atomic writes.

An engine (:mod:`otgraph.learn.duck`, :mod:`otgraph.learn.spark`) subclasses :class:`Run` with
the steps that read and reduce the records (``read``, ``clean_rows``, ``map_roles``,
``clean_spells``, ``moves``, ``roles``, and the queries behind ``check``); everything here is
plain Python, so both engines give the same bytes from the same rows.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DataError, InvalidOptionError
from . import privacy
from .cleaning import check_missing_end
from .mapping import Target, load_target, read_overrides
from .mapping import describe as describe_mapping
from .numbers import YEAR, round4, years
from .published import learned_meta, outcome_shares
from .records import parse_as_of, parse_columns
from .titles import assign_titles

__all__ = [
    "MAX_LISTED", "PROBLEMS", "SOURCE", "SOURCE_ID", "STAGES", "YEAR", "LearnWarning", "Notify", "Progress",
    "Run", "RunInput", "meta_as_of", "options",
    "round4", "settings", "write_all", "write_json", "years",
]

#: Called with the name of each stage as it starts (the command line draws a progress bar).
Progress = Callable[[str], None]

#: Called with ``(kind, message)`` for each warning (``kind`` "warning") and note ("note").
Notify = Callable[[str, str], None]


class LearnWarning(UserWarning):
    """A warning of ``otgraph learn`` (a start after the run date) when no ``notify`` is given."""

STAGES = ("reading", "checking", "mapping titles", "cleaning", "moves", "tenure")


#: How many bad rows an error lists (all are counted).
MAX_LISTED = 20

#: A bad row's problem -> (the field it is in, what is wrong).
PROBLEMS = {
    "person": ("person", "empty person"),
    "role": ("role", "empty role"),
    "start_empty": ("start", "empty start"),
    "start": ("start", "unparseable date"),
    "end": ("end", "unparseable date"),
    "order": ("end", "end before start"),
    "future": ("start", "start after the run date"),
}

SOURCE_ID = "otgraph-learn"
SOURCE = {"title": "otgraph learn: statistics observed in career records", "kind": "analysis"}


def options(columns: str | Mapping[str, str] | None, as_of: str | dt.date | None, min_count: int,
            threads: int | None, map_to: str | os.PathLike[str] | None, today: str | dt.date | None = None,
            title_overrides: str | os.PathLike[str] | None = None,
            ) -> tuple[dict[str, str], dt.date | None, Target | None, dt.date]:
    """The checked options every engine takes: ``(columns mapping, observation date, map_to target,
    run date)``; :class:`~otgraph.errors.InvalidOptionError` naming the argument otherwise. The run
    date is ``today`` when given (the tests' clock), else the system's date; ``title_overrides``
    (a CSV ``raw_title,role_id``, with ``map_to`` only) is read into the target.

    >>> options(None, "2020", 1, None, None)[1]
    datetime.date(2020, 7, 1)
    >>> options(None, None, 1, None, None, today="2026-12-07")[3]
    datetime.date(2026, 12, 7)
    >>> options(None, None, 0, None, None)
    Traceback (most recent call last):
    ...
    otgraph.errors.InvalidOptionError: min_count must be a whole number of at least 1, not 0
    """
    mapping = parse_columns(columns)
    cutoff = parse_as_of(as_of)
    run_date = parse_as_of(today, argument="today") if today is not None else dt.date.today()
    if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 1:
        raise InvalidOptionError(f"min_count must be a whole number of at least 1, not {min_count!r}",
                                 argument="min_count")
    if threads is not None and (isinstance(threads, bool) or not isinstance(threads, int) or threads < 1):
        raise InvalidOptionError(f"threads must be a whole number of at least 1, not {threads!r}",
                                 argument="threads")
    if title_overrides is not None and map_to is None:
        raise InvalidOptionError("title_overrides maps titles to the roles of map_to: give map_to too",
                                 argument="title_overrides")
    target = load_target(map_to) if map_to is not None else None
    if title_overrides is not None:
        target.overrides = read_overrides(title_overrides, target)
    return mapping, cutoff, target, run_date


def meta_as_of(cutoff: dt.date | None) -> str:
    return ("given (as_of); the date itself is not recorded in the roles file" if cutoff is not None
            else "the latest date in the records on or before the run date; the date itself is not recorded")


def settings(min_count: int, cutoff: dt.date | None, skip_bad: bool, target: Target | None,
             strict: bool = False, missing_end: str = "next-start") -> dict[str, Any]:
    """The report's ``settings``: ``as_of`` is the date the user gave (their own input, echoed),
    or None; a date derived from the records is never written to a file."""
    return {"min_count": min_count, "as_of": cutoff.isoformat() if cutoff is not None else None,
            "observation_date": meta_as_of(cutoff), "skip_bad": skip_bad, "strict": strict,
            "missing_end": missing_end, "map_to": describe_mapping(target)}


@dataclass(frozen=True)
class RunInput:
    """What one run reads and how, resolved by :func:`options`: the same for every engine."""

    #: The records as the user named them (for messages), the file (or path) read, its format.
    source: str
    file: Path
    fmt: str
    #: otgraph's column names to the file's.
    mapping: Mapping[str, str]
    #: The observation date given (``None``: the latest date in the records).
    cutoff: dt.date | None
    min_count: int
    #: The dataset titles are mapped to (``map_to``), if any.
    target: Target | None
    skip_bad: bool = False
    #: The run date (``None``: the system's).
    today: dt.date | None = None
    strict: bool = False
    missing_end: str = "next-start"
    #: Route statistics for routes of up to this many moves (``None``: none).
    routes: int | None = None


class Run:
    """One learning run: the steps in order, and what the engines share between them.

    Attributes an engine's steps set: ``optional`` (the optional fields present, by ``read``),
    ``cutoff`` and ``cutoff_given`` (by ``clean_rows``), ``report`` sections as they go.

    ``today`` is the run date: a start after it is a bad row (``future``) when ``strict`` or
    ``skip_bad``, else a warning naming the row (the spell starts after the observation date, so
    it is dropped and counted). ``notify(kind, message)`` receives the warnings and notes
    (``kind`` is ``"warning"`` or ``"note"``; a date derived from the records is only ever a
    note, never in the output or report); without it warnings go to :func:`warnings.warn`.
    """

    def __init__(self, given: RunInput, progress: Progress | None, report: dict[str, Any],
                 notify: Notify | None = None):
        self.source, self.file, self.fmt = given.source, given.file, given.fmt
        self.mapping, self.cutoff, self.min_count, self.target = given.mapping, given.cutoff, given.min_count, \
            given.target
        self.skip_bad, self.progress, self.report = given.skip_bad, progress, report
        self.today, self.strict, self.notify = given.today or dt.date.today(), given.strict, notify
        #: Whether a start after the run date is a warning (else a bad row).
        self.lenient = not (given.strict or given.skip_bad)
        #: Whether a missing end followed by a later spell of the person ends at its start.
        self.fill = check_missing_end(given.missing_end) == "next-start"
        #: The longest route whose statistics are learned (``--routes``), or None.
        self.routes = given.routes

    def say(self, kind: str, message: str) -> None:
        if self.notify is not None:
            self.notify(kind, message)
        elif kind == "warning":
            import warnings

            warnings.warn(message, LearnWarning, stacklevel=4)

    def step(self, stage: str) -> None:
        if self.progress is not None:
            self.progress(stage)

    def learn(self) -> dict[str, Any]:
        self.read()
        self.check()
        self.clean_rows()
        if not self.cutoff_given:
            self.say("note", f"observation date {self.cutoff.isoformat()}: the latest date in the records on or "
                             f"before the run date {self.today.isoformat()} (not written to any file)")
        self.map_roles()
        self.clean_spells()
        moves = self.moves()
        roles = self.roles()
        counts = self.route_counts() if self.routes else None
        return self.assemble(moves, roles, self.cells(), counts)

    # --- the engine's steps -------------------------------------------------------------

    def read(self) -> None:
        raise NotImplementedError

    def check(self) -> None:
        raise NotImplementedError

    def clean_rows(self) -> None:
        raise NotImplementedError

    def map_roles(self) -> None:
        raise NotImplementedError

    def clean_spells(self) -> None:
        raise NotImplementedError

    def moves(self) -> list[tuple]:
        """``(a, b, count, people, share, p25, median, p75, gap)`` per move made by at least
        ``min_count`` people, sorted, figures rounded."""
        raise NotImplementedError

    def roles(self) -> list[tuple]:
        """``(role, headcount, n, leaves, opened, tenure, *modes)`` per role, every role
        (suppression is :meth:`assemble`'s), sorted: ``leaves`` the spells followed by a move,
        ``opened`` the spells still open at the observation date, ``tenure`` the
        :class:`~otgraph.learn.survival.KMMedian` in days (from
        :func:`~otgraph.learn.survival.km_medians`); tenure and modes may be None for roles held
        by fewer than ``min_count`` people."""
        raise NotImplementedError

    def cells(self) -> dict[tuple[int, int], int]:
        """Every move ``(a, b)`` (suppressed or not) with its count."""
        raise NotImplementedError

    def route_counts(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """The counts behind route statistics (``routes`` set): the columns of
        :func:`otgraph.learn.routes.paths_sql` and :func:`otgraph.learn.routes.exits_sql` as numpy
        arrays, -1 for NULL."""
        raise NotImplementedError

    def listed_bad(self, kinds: tuple[str, ...]) -> list[tuple[int, str, str | None, str | None]]:
        """The first :data:`MAX_LISTED` rows with one of these problems: ``(row number, problem,
        raw start, raw end)``."""
        raise NotImplementedError

    # --- shared ---------------------------------------------------------------------------

    def tally(self, rows: int, counts: dict[str, int]) -> None:
        """The report's record counts from all ``rows`` and the bad ones by problem; a DataError
        listing the first bad rows (unless ``skip_bad``), or when no good row is left."""
        counts = dict(counts)
        future = counts.get("future", 0)
        if self.lenient:
            counts.pop("future", None)
        bad = sum(counts.values())
        self.report["records"] = {"rows": rows, "bad_rows": {k: counts.get(k, 0) for k in PROBLEMS},
                                  "skipped_bad": bad if self.skip_bad else 0, "future_starts": future}
        if bad and not self.skip_bad:
            listed = self.listed_bad(tuple(counts))
            problems = [self.problem(*row) for row in listed]
            if bad > len(listed):
                problems.append(f"... {bad - len(listed)} more bad rows")
            raise DataError(self.source, problems, bad_rows=bad)
        if rows - bad == 0:
            raise DataError(self.source, ["no spells to learn from" + (" (every row is bad)" if bad else "")])
        if future and self.lenient:
            listed = self.listed_bad(("future",))
            more = f" (and {future - len(listed)} more)" if future > len(listed) else ""
            self.say("warning", "; ".join(self.problem(*row) for row in listed) + more +
                     ": read as starting after the observation date (--strict stops, --skip-bad skips)")

    def problem(self, row: int, problem: str, s_raw: str | None, e_raw: str | None) -> str:
        field, what = PROBLEMS[problem]
        column = f'column "{self.mapping[field]}"' + (f" ({field})" if self.mapping[field] != field else "")
        if problem == "order":
            what = f"end '{e_raw}' is before start '{s_raw}'"
        elif problem == "future":
            what = f"start '{s_raw}' is after the run date {self.today.isoformat()}"
        elif problem in ("start", "end"):
            what = f"unparseable date '{s_raw if problem == 'start' else e_raw}' (use 2019-03-14, 2019-03 or 2019)"
        return f"row {row}, {column}: {what}"

    @property
    def by_country(self) -> bool:
        """Whether titles are mapped per country (``--map-to`` and a ``country`` column)."""
        return self.target is not None and "country" in self.optional

    def assign_roles(self, rows: list[tuple[str, str | None, int]],
                     title_people: dict[str, int] | None = None) -> dict[tuple[str, str | None], str]:
        """``(raw title, country) -> role id`` (:func:`otgraph.learn.titles.assign_titles`); sets
        the report's ``titles``, and ``titles`` (role id -> title), ``role_ids`` (sorted) and
        ``mapping_entries`` (the internal audit)."""
        assigned = assign_titles(rows, self.target, self.min_count, self.by_country, title_people)
        self.report["titles"] = assigned.report
        self.titles, self.role_ids, self.mapping_entries = assigned.titles, assigned.role_ids, assigned.entries
        return assigned.role_of

    def assemble(self, moves: list[tuple], roles: list[tuple], cells: dict[tuple[int, int], int],
                 route_counts: tuple[dict[str, Any], dict[str, Any]] | None = None) -> dict[str, Any]:
        """The roles data from the engine's rows (roles and moves as numbered by ``role_ids``),
        after :func:`otgraph.learn.privacy.protect`: the one place cells are suppressed, in plain
        Python, so every engine publishes the same cells."""
        k = self.min_count
        ids = self.role_ids
        by_code = {r[0]: r for r in roles}
        shown = privacy.protect({c: (r[1], r[2], r[3]) for c, r in by_code.items()}, cells,
                                [(m[0], m[1]) for m in moves], k)
        out_roles = []
        outcomes_withheld = 0
        for code in sorted(shown.roles):
            _, headcount, n, leaves, opened, tenure, *modes = by_code[code]
            role_id = ids[code]
            role: dict[str, Any] = {"id": role_id, "title": self.titles[role_id], "kind": "job"}
            for field, value in zip(self.optional, modes, strict=True):
                if value is not None:
                    role[field] = value
            outcomes = outcome_shares(n, leaves, opened, code in shown.withheld, k)
            outcomes_withheld += outcomes["left_share"] is None
            role["observed"] = {"headcount": headcount, "leave_share": outcomes["moved_share"], **outcomes,
                                "tenure_median": years(tenure.median) if tenure else None,
                                "tenure_median_ci": [years(tenure.lower), years(tenure.upper)] if tenure else None,
                                "n": n}
            if code in shown.other:
                role["observed"]["other_moves"] = shown.other[code]
            role["sources"] = [SOURCE_ID]
            out_roles.append(role)
        transitions = []
        for a, b, n, people, share, p25, p50, p75, gap in moves:
            if (a, b) not in shown.moves:
                continue
            transitions.append({
                "from": ids[a], "to": ids[b], "years": p50, "years_min": p25, "years_max": p75,
                "years_kind": "observed-iqr", "years_evidence": {"grade": "observed", "n": n},
                "observed": {"count": n, "people": people, "share": None if a in shown.withheld else share,
                             "gap_median": gap},
                "sources": [SOURCE_ID]})
        self.report["roles"] = {"total": len(roles), "kept": len(out_roles), "suppressed": len(roles) - len(out_roles),
                                "suppressed_secondary": shown.secondary_roles,
                                "leave_share_withheld": len(shown.withheld),
                                "outcome_shares_withheld": outcomes_withheld}
        pairs = self.report["moves"]["pairs"]
        self.report["moves"].update({"kept": len(transitions), "suppressed": pairs - len(transitions),
                                     "suppressed_secondary": shown.secondary_moves})
        privacy.withhold(self.report, shown, k)
        if shown.unprotected:  # never seen in the tests; said rather than passed over
            self.say("warning", f"{shown.unprotected} hidden figures could not be protected by suppression")
        meta = learned_meta(k, meta_as_of(self.cutoff if self.cutoff_given else None))
        if self.target is not None:
            meta["mapped_to"] = self.target.name
        data = {"meta": meta, "sources": {SOURCE_ID: SOURCE}, "roles": out_roles, "transitions": transitions}
        if route_counts is not None:
            self.add_routes(data, route_counts, shown)
        return data

    def add_routes(self, data: dict[str, Any], counts: tuple[dict[str, Any], dict[str, Any]],
                   shown: privacy.Disclosure) -> None:
        """The routes' statistics (:mod:`otgraph.learn.routes`) that :func:`~otgraph.learn.routes.protect_routes`
        lets through: the file's ``routes``, the rule in ``meta``, the counts in the report."""
        from . import routes as route_stats

        figures = route_stats.route_figures(*counts, self.routes, presorted=getattr(self, "exits_sorted", False))
        published = route_stats.protect_routes(figures, shown.roles, shown.moves, shown.withheld, self.min_count)
        data["routes"] = route_stats.published_routes(figures, published, self.role_ids)
        data["meta"].update(route_stats.route_meta(self.routes, self.min_count))
        self.report["routes"] = {"max_moves": self.routes, "taken": len(figures), "kept": len(published),
                                 "suppressed": len(figures) - len(published),
                                 "incidence_withheld": sum(
                                     value is not None and not ok for route, keep in published.items()
                                     for value, ok in zip(figures[route].incidence, keep, strict=True))}

def write_json(value: Any, path: str | os.PathLike[str]) -> None:
    """Write JSON atomically: to a temporary file beside ``path``, then renamed over it."""
    write_all([(value, path)])


def write_all(items: list[tuple[Any, str | os.PathLike[str]]]) -> None:
    """Write several files, each atomically; none is replaced unless all were written
    (:func:`otgraph.files.write_files`). A value is written as JSON, a string as it is."""
    import json

    from ..errors import ExportError
    from ..files import write_files

    def writer(value: Any) -> Callable[[Any], object]:
        data = (value if isinstance(value, str) else json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode()
        return lambda f: f.write(data)

    try:
        write_files([(path, writer(value)) for value, path in items], sync=True)
    except ExportError as exc:
        path, _, problem = str(exc).partition(": ")
        raise DataError(path, [problem]) from None
