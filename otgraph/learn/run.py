"""What every engine of ``otgraph learn`` shares: the option checks, the steps' order, raw titles
to role ids, the roles data and report built from the engine's rows, and the atomic writes.

An engine (:mod:`otgraph.learn.duck`, :mod:`otgraph.learn.spark`) subclasses :class:`Run` with
the steps that read and reduce the records (``read``, ``clean_rows``, ``map_roles``,
``clean_spells``, ``moves``, ``roles``, and the queries behind ``check``); everything here is
plain Python, so both engines give the same bytes from the same rows.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..errors import DataError, InvalidOptionError
from . import privacy
from .mapping import Target, load_target, map_titles, read_overrides
from .mapping import describe as describe_mapping
from .records import parse_as_of, parse_columns

__all__ = [
    "MAX_LISTED", "PROBLEMS", "SOURCE", "SOURCE_ID", "STAGES", "UNITS", "YEAR", "LearnWarning", "Notify", "Progress",
    "Run",
    "MISSING_END", "check_missing_end", "fill_needed_sql", "meta_as_of", "options", "spells_sql",
    "round4", "settings", "write_all", "write_json", "years",
]

#: Called with the name of each stage as it starts (the command line draws a progress bar).
Progress = Callable[[str], None]

#: Called with ``(kind, message)`` for each warning (``kind`` "warning") and note ("note").
Notify = Callable[[str, str], None]


class LearnWarning(UserWarning):
    """A warning of ``otgraph learn`` (a start after the run date) when no ``notify`` is given."""

STAGES = ("reading", "checking", "mapping titles", "cleaning", "moves", "tenure")

#: Days in a year, to turn day counts into years.
YEAR = 365.25

#: How many unmapped titles the report names (those held by at least the minimum, most people first).
MAX_NAMED = 5

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

#: The unit of every figure a learned file holds (its ``meta.units``; docs/learn.md).
UNITS = {
    "years": "years of 365.25 days (median of start of the next role minus start of this one)",
    "years_min": "years of 365.25 days (25th percentile)",
    "years_max": "years of 365.25 days (75th percentile)",
    "years_evidence.n": "moves",
    "observed.count": "moves (spells in the role followed by a spell in the next role)",
    "observed.people": "people (distinct)",
    "observed.share": "proportion (0 to 1) of the moves out of the role",
    "observed.gap_median": "years of 365.25 days (end of this role to start of the next; negative when they overlap)",
    "observed.headcount": "people (distinct)",
    "observed.n": "spells (after duplicates, side jobs and same-role runs are resolved)",
    "observed.moved_share": "proportion (0 to 1) of the role's spells",
    "observed.left_share": "proportion (0 to 1) of the role's spells",
    "observed.open_share": "proportion (0 to 1) of the role's spells",
    "observed.leave_share": "proportion (0 to 1) of the role's spells (= moved_share)",
    "observed.tenure_median": "years of 365.25 days",
    "observed.tenure_median_ci": "years of 365.25 days ([lower, upper] of a 95% interval; null: no bound)",
    "observed.other_moves": "moves",
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


#: The readings of a missing end (``missing_end``): ended at the person's next start, or open.
MISSING_END = ("next-start", "open")


def check_missing_end(value: str) -> str:
    """``value`` when it is one of :data:`MISSING_END`; InvalidOptionError naming it otherwise.

    >>> check_missing_end("open")
    'open'
    """
    if value not in MISSING_END:
        raise InvalidOptionError(f"missing_end must be one of {', '.join(MISSING_END)}, not {value!r}",
                                 argument="missing_end")
    return value


def spells_sql(source: str, cut: str, extra: str, days: str, fill: bool) -> str:
    """The SELECT of the deduplicated spells from ``source`` (the good rows up to the cut-off
    ``cut``), the same text for both engines but the day number ``days`` (of ``s``): an end after
    the cut-off is open; with ``fill``, a missing end is read as the person's next later start
    (``closed``), else open."""
    if not fill:
        return (f"SELECT DISTINCT person, role, s, CASE WHEN e IS NULL OR e > {cut} THEN NULL ELSE greatest(e, s) END "
                f"AS e {extra}, false AS closed FROM {source}")
    source = (f"(SELECT *, min(s) OVER (PARTITION BY person ORDER BY {days} "
              f"RANGE BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_start FROM {source})")
    end = f"CASE WHEN e IS NULL THEN next_start WHEN e > {cut} THEN NULL ELSE greatest(e, s) END"
    return (f"SELECT person, role, s, e {extra}, bool_or(closed) AS closed FROM ("
            f"SELECT person, role, s, {end} AS e {extra}, e IS NULL AND next_start IS NOT NULL AS closed "
            f"FROM {source}) AS filled GROUP BY person, role, s, e {extra}")


def fill_needed_sql(source: str) -> str:
    """How many people have a missing end followed by a later start (the fill is skipped at 0)."""
    return (f"SELECT count(*) FROM (SELECT person FROM {source} GROUP BY person "
            "HAVING max(s) > min(CASE WHEN e IS NULL THEN s END)) AS needing")


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


def round4(x: float | None) -> float | None:
    """Round to 4 decimals exactly as DuckDB's ``round(DOUBLE, 4)`` does.

    >>> round4(0.03125), round4(2 / 3), round4(-0.00005), round4(None)
    (0.0313, 0.6667, -0.0001, None)
    """
    if x is None:
        return None
    y = x * 10000.0
    t = math.trunc(y)
    if abs(y - t) >= 0.5:
        t += 1 if y > 0 else -1
    return t / 10000.0


def years(days: float | None) -> float | None:
    """Days as years of 365.25 days, rounded as :func:`round4`."""
    return None if days is None else round4(days / YEAR)


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

    def __init__(self, source, file, fmt, mapping, cutoff, min_count, target, skip_bad, progress, report,
                 today: dt.date | None = None, strict: bool = False, notify: Notify | None = None,
                 missing_end: str = "next-start"):
        self.source, self.file, self.fmt = source, file, fmt
        self.mapping, self.cutoff, self.min_count, self.target = mapping, cutoff, min_count, target
        self.skip_bad, self.progress, self.report = skip_bad, progress, report
        self.today, self.strict, self.notify = today or dt.date.today(), strict, notify
        #: Whether a start after the run date is a warning (else a bad row).
        self.lenient = not (strict or skip_bad)
        #: Whether a missing end followed by a later spell of the person ends at its start.
        self.fill = check_missing_end(missing_end) == "next-start"

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
        return self.assemble(moves, roles, self.cells())

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
        """``(raw title, country) -> role id``, from ``(raw title, country, distinct people)``
        sorted by title then country (country None unless :attr:`by_country`); ``title_people``
        gives each raw title's distinct people over all countries (default: the rows' own).
        Sets the report's title counts, ``titles`` (role id -> title), ``role_ids`` (sorted) and
        ``mapping_entries`` (the internal audit: one entry per row)."""
        from ..graph import normalize_name

        keys = [(r[0], r[1]) for r in rows]
        people = {(r[0], r[1]): r[2] for r in rows}
        if title_people is None:
            title_people = {}
            for (title, _), count in people.items():
                title_people[title] = title_people.get(title, 0) + count
        items = keys if self.by_country else [k[0] for k in keys]
        mapped = map_titles(items, self.target, overrides=self.target.overrides) if self.target is not None else None

        def key_of(item):
            return item if self.by_country else (item, None)

        matched = {key_of(i): m for i, m in mapped.matched.items()} if mapped else {}
        self.report["titles"] = {"distinct": len(keys), **(mapped.counts(items) if mapped else {})}
        if mapped is None:
            self.report["titles"]["unmatched"] = len(keys)
        # Unmatched titles: one role per normalised name, named by its most common spelling.
        spellings: dict[str, dict[str, int]] = {}
        for title, country in keys:
            if (title, country) not in matched:
                spellings.setdefault(normalize_name(title), {})[title] = title_people[title]
        best = {key: min(choices.items(), key=lambda o: (-o[1], o[0])) for key, choices in spellings.items()}
        taken = set(self.target.titles) if self.target is not None else set()
        ids = privacy.role_ids({key: b[0] for key, b in best.items()}, taken)
        self.titles: dict[str, str] = {}
        for key, (spelling, count) in best.items():
            self.titles[ids[key]] = spelling if privacy.keep(count, self.min_count) else (key or ids[key])
        role_of = {}
        self.mapping_entries: list[dict[str, Any]] = []
        for item in items:
            title, country = key_of(item)
            entry: dict[str, Any] = {"title": title, "country": country, "people": people[title, country]}
            if (title, country) in matched:
                role_id, method = matched[title, country]
                self.titles[role_id] = self.target.titles[role_id]
                if method == "exact" and title not in (role_id, self.target.titles[role_id]):
                    method = "alias"
                entry.update(role=role_id, method=method, score=mapped.scores.get(item))
            else:
                role_id = ids[normalize_name(title)]
                why = mapped.reasons.get(item, "no role matches") if mapped else "not mapped (no --map-to)"
                entry.update(role=role_id, method="own role", reason=why,
                             ambiguous=bool(mapped and item in mapped.ambiguous))
            role_of[title, country] = role_id
            self.mapping_entries.append(entry)
        self.role_ids = sorted(set(role_of.values()))
        if mapped is not None:
            left_out = [e for e in self.mapping_entries if e["method"] == "own role"
                        and privacy.keep(e["people"], self.min_count)]
            left_out.sort(key=lambda e: (-e["people"], e["title"], e["country"] or ""))
            self.report["titles"]["most_common_unmapped"] = [
                {"title": e["title"], **({"country": e["country"]} if e["country"] else {}), "why": e["reason"]}
                for e in left_out[:MAX_NAMED]]
        return role_of

    def outcomes(self, n: int, moved: int, opened: int, withheld: bool) -> dict[str, float | None]:
        """A role's outcome shares (``moved_share``, ``left_share``, ``open_share``) of its ``n``
        spells. ``moved_share`` is null when the role's moves out are withheld; the other two are
        null then too (with ``n`` they would give it), and when either counts 1 to ``min_count -
        1`` spells (their sum, ``n`` minus the moves, is all a reader learns).

        >>> run = Run(*[None] * 5, 10, *[None] * 5)
        >>> run.outcomes(100, 40, 50, withheld=False)
        {'moved_share': 0.4, 'left_share': 0.1, 'open_share': 0.5}
        >>> run.outcomes(100, 40, 55, withheld=False)
        {'moved_share': 0.4, 'left_share': None, 'open_share': None}
        """
        left = n - moved - opened
        if withheld:
            return {"moved_share": None, "left_share": None, "open_share": None}
        hide = privacy.small(left, self.min_count) or privacy.small(opened, self.min_count)
        return {"moved_share": round4(moved / n), "left_share": None if hide else round4(left / n),
                "open_share": None if hide else round4(opened / n)}

    def assemble(self, moves: list[tuple], roles: list[tuple], cells: dict[tuple[int, int], int]) -> dict[str, Any]:
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
            outcomes = self.outcomes(n, leaves, opened, withheld=code in shown.withheld)
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
        meta = {
            "name": "Career graph learned from career records",
            "learned": "otgraph learn: roles and moves observed in career records (one row per job spell)",
            "as_of": meta_as_of(self.cutoff if self.cutoff_given else None),
            "min_count": k,
            "suppression": f"roles and moves held by fewer than {k} people are left out, and further roles, "
                           f"moves and totals wherever a left-out figure of 1 to {k - 1} could be worked out "
                           "from what is shown (docs/disclosure.md)",
            "years": "start of the next role minus start of this one, in years of 365.25 days: years_min / years / "
                     "years_max are the observed p25 / median / p75 (exact quantiles, linear interpolation)",
            "tenure": "observed.tenure_median: Kaplan-Meier median time in the role in years, spells open at the "
                      "censoring date censored; over a flat at exactly 0.5 the flat's midpoint (R's rule); null when "
                      "the survival estimate never falls to 0.5. observed.tenure_median_ci: its 95% interval [lower, "
                      "upper] in years, the log-log (exponential Greenwood) band inverted by the same rule; a bound "
                      "is null where the band never falls to 0.5 or is undefined (where the estimate reaches 0, "
                      "as in R): the data give no bound",
            "share": "observed.share: of all the moves out of the role to another role (listed or not), the "
                     "fraction to this one; null where the role's total of moves out is withheld",
            "outcomes": "observed.moved_share, left_share, open_share: proportions (not probabilities) of the "
                        "role's spells in the observation window that ended in a move to another recorded role, "
                        "ended with the person leaving the records, and were still open at the observation date; "
                        f"moved_share null when fewer than {k} moves leave the role or to protect another figure, "
                        f"left_share and open_share both null then or when either counts 1 to {k - 1} spells",
            "leave_share": "observed.leave_share: the same as moved_share (its old name, written for one more "
                           "version; it never counted people leaving the records)",
            "other_moves": f"observed.other_moves: moves out of the role not listed, when at least {k}",
            "dates": "a day as that day, a month (2019-03) as its 15th, a year (2019) as 1 July",
            "units": UNITS,
        }
        if self.target is not None:
            meta["mapped_to"] = self.target.name
        return {"meta": meta, "sources": {SOURCE_ID: SOURCE}, "roles": out_roles, "transitions": transitions}

def write_json(value: Any, path: str | os.PathLike[str]) -> None:
    """Write JSON atomically: to a temporary file beside ``path``, then renamed over it."""
    write_all([(value, path)])


def write_all(items: list[tuple[Any, str | os.PathLike[str]]]) -> None:
    """Write several files, each atomically; none is replaced unless all were written. A value
    is written as JSON, a string as it is."""
    import json

    temps: list[tuple[str, Path]] = []
    path: Any = None
    try:
        for value, path in items:
            target = Path(path)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            temps.append((tmp, target))
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
                if isinstance(value, str):
                    f.write(value)
                else:
                    json.dump(value, f, indent=2, ensure_ascii=False)
                    f.write("\n")
                f.flush()
                os.fsync(f.fileno())
        for tmp, path in temps:
            os.replace(tmp, path)
        temps = []
    except OSError as exc:
        raise DataError(str(path), [f"cannot write: {exc.strerror or exc}"]) from None
    finally:
        for tmp, _ in temps:
            try:
                os.unlink(tmp)
            except OSError:
                pass
