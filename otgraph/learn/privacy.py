"""What may leave a learned graph: ids and titles of roles, and figures about groups of people.

- No person id and no date derived from the records leaves: the output holds durations
  (differences of dates) and counts only, and its ``meta`` says how the observation date was
  chosen, never the date itself (a date the user gave, ``as_of``, is echoed in the report).
- A role is shown only when at least ``min_count`` distinct people held it; a move only when at
  least ``min_count`` distinct people made it (and both its roles are shown). Then
  :func:`protect` suppresses further moves, totals and roles until no hidden figure counting 1 to
  ``min_count - 1`` can be narrowed by arithmetic on what is published to a range less than
  ``min_count`` wide (:mod:`otgraph.learn.audit`). The report says how many were suppressed,
  never which. ``docs/disclosure.md`` states the rule for an information-governance officer.
- A role learned from raw titles (no ``--map-to`` match) is named by its most common spelling
  when at least ``min_count`` people used that spelling, else by its normalised name.
- Every figure is computed with no reference to person ids other than grouping, and every
  tie is broken by role, never by person or row order, so permuting ids (or rows) and shifting
  every date by a constant gives byte-identical output.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .audit import HIDDEN, Table

__all__ = ["Disclosure", "keep", "protect", "role_ids", "slug", "small", "withhold"]

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")
_CODE = re.compile(r"^[0-9][0-9.:-]*[0-9]$")


def slug(text: str) -> str:
    """A role id made from a normalised title: ASCII letters and digits joined by ``-``.

    >>> slug("pediatric occupational therapist")
    'pediatric-occupational-therapist'
    >>> slug("ergothérapeute")
    'ergotherapeute'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))


def role_ids(keys: dict[str, str], taken: set[str]) -> dict[str, str]:
    """An id for each unmatched role, from its normalised name (``keys``: name -> most common
    spelling). A code such as ``29-1122.00`` keeps its spelling; a slug that is empty, repeats or
    is an id of the mapped dataset (``taken``) gets a short hash of the name added (the same
    hash on every run)."""
    out: dict[str, str] = {}
    wanted: dict[str, list[str]] = {}
    for key, spelling in keys.items():
        base = spelling if _CODE.match(spelling) and _ID.match(spelling) else slug(key)
        wanted.setdefault(base, []).append(key)
    for base, names in wanted.items():
        for key in names:
            if base and len(names) == 1 and base not in taken:
                out[key] = base
            else:
                digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
                out[key] = f"{base}-{digest}" if base else f"role-{digest}"
    return out


def keep(people: int, min_count: int) -> bool:
    """Whether a cell held by ``people`` distinct people may be shown."""
    return people >= min_count


@dataclass
class Disclosure:
    """What :func:`protect` lets a learned graph publish.

    Attributes
    ----------
    roles : set of int
        The roles shown.
    moves : set of (int, int)
        The moves listed (both roles shown).
    withheld : set of int
        Shown roles whose total of moves out is not published: no ``leave_share``, no ``share``
        on their listed moves, no ``other_moves``.
    other : dict of int to int
        Per shown role, the moves out of it that are not listed (to suppressed roles or in
        suppressed cells), for the roles where that figure is at least the minimum.
    secondary_roles, secondary_moves : int
        Roles and moves suppressed only to protect others (each held by at least the minimum).
    hidden_spells : int
        Spells in suppressed roles: 0, at least the minimum, or (when nothing is shown) withheld.
    unprotected : int
        Hidden figures the audit found too narrow and no suppression could widen (0 in every
        case the tests have found).
    small : set of str
        Report totals to withhold (``"spells"``).
    """

    roles: set[int]
    moves: set[tuple[int, int]]
    withheld: set[int]
    other: dict[int, int]
    secondary_roles: int = 0
    secondary_moves: int = 0
    hidden_spells: int = 0
    unprotected: int = 0
    small: set[str] = field(default_factory=set)


def small(value: int, min_count: int) -> bool:
    """Whether a count is a disclosure risk: more than none, fewer than the minimum.

    >>> [small(v, 10) for v in (0, 1, 9, 10)]
    [False, True, True, False]
    """
    return 0 < value < min_count


def protect(roles: Mapping[int, tuple[int, int, int]], cells: Mapping[tuple[int, int], int],
            kept: Iterable[tuple[int, int]], min_count: int) -> Disclosure:
    """Primary and secondary suppression of a learned graph's cells (engine-independent).

    Parameters
    ----------
    roles : mapping of int to (int, int, int)
        Every role (kept or not): ``(headcount, spells, moves out)``.
    cells : mapping of (int, int) to int
        Every move between two roles (suppressed or not) with its count of moves.
    kept : iterable of (int, int)
        The moves made by at least ``min_count`` people.
    min_count : int
        The minimum: no cell, and no sum of hidden moves out of or into a role, that counts 1 to
        ``min_count - 1`` may be narrowed by a reader to a range less than ``min_count`` wide.

    Returns
    -------
    Disclosure
        What may be published.

    Notes
    -----
    The rule, applied in this order (every step deterministic: ties by role number):

    1. *Primary*: a role is shown when held by at least ``min_count`` people, a move when made
       by at least ``min_count`` people between two shown roles.
    2. *Suppressed roles as one*: the spells in suppressed roles (the report's spells minus the
       shown roles') must be 0 or at least ``min_count``; else the shown role with the fewest
       spells is suppressed too, until they are.
    3. *Row totals*: a role with 1 to ``min_count - 1`` moves out has its total withheld
       (``leave_share`` and the shares of its moves null).
    4. *Audit*: every hidden cell, and every role's sum of hidden moves out and in, that counts
       1 to ``min_count - 1`` must keep a range at least ``min_count`` wide for a reader of
       everything published (:class:`otgraph.learn.audit.Table`). Where one does not, the
       smallest listed move in its row (else its column, else a row feeding its column) is
       suppressed too, else the row's total withheld (or that of a row feeding its column),
       else the role suppressed (for a figure of the suppressed roles alone, the shown role with
       the fewest spells); then the audit runs again.

    Examples
    --------
    Analyst (0) -> Senior Analyst (1) 300 moves, -> Data Scientist (2) 5, at ``min_count`` 10:
    Data Scientist is suppressed, and with it the smallest shown role (its 5 spells would
    otherwise be the report's spells minus the rest).

    >>> d = protect({0: (345, 345, 305), 1: (300, 300, 0), 2: (5, 5, 0)}, {(0, 1): 300, (0, 2): 5}, [(0, 1)], 10)
    >>> sorted(d.roles), sorted(d.moves), d.other, d.hidden_spells
    ([0], [], {0: 305}, 305)
    """
    k = min_count
    shown = {r for r, (people, _, _) in roles.items() if people >= k}
    first = len(shown)

    def spells_hidden() -> int:
        return sum(v[1] for r, v in roles.items() if r not in shown)

    while shown and small(spells_hidden(), k):
        shown.discard(min(shown, key=lambda r: (roles[r][1], r)))
    withheld = {r for r in shown if small(roles[r][2], k)}
    kept = set(kept)
    listed = {p for p in kept if p[0] in shown and p[1] in shown}
    _rows_and_columns(roles, cells, listed, shown, withheld, k)
    given_up: set[tuple] = set()
    done: set[tuple] = set()  # passed the audit: suppressing more only widens ranges
    dirty = True
    while dirty:
        dirty = False
        table = Table(roles, cells, listed, shown, withheld, spells_known=not small(spells_hidden(), k))
        for quantity in table.quantities(k):
            if quantity in given_up or quantity in done:
                continue
            if table.width(quantity, k) >= k:
                done.add(quantity)
                continue
            before = set(shown)
            if not _fix(quantity, roles, listed, cells, shown, withheld, table, HIDDEN):
                given_up.add(quantity)
                continue
            if shown != before:  # a role joined the suppressed ones: the table changes shape
                listed = {p for p in listed if p[0] in shown and p[1] in shown}
                done.clear()
                given_up.clear()
            dirty = True
            break
    listed_out: dict[int, int] = {}
    for p in listed:
        listed_out[p[0]] = listed_out.get(p[0], 0) + cells[p]
    other = {}
    for r in sorted(shown - withheld):
        rest = roles[r][2] - listed_out.get(r, 0)
        if rest >= k:
            other[r] = rest
    out = Disclosure(shown, listed, withheld, other, secondary_roles=first - len(shown),
                     hidden_spells=spells_hidden())
    out.secondary_moves = sum(1 for p in kept if p[0] in shown and p[1] in shown) - len(listed)
    out.unprotected = len(given_up)
    if small(out.hidden_spells, k):
        out.small.add("spells")
    return out


def _rows_and_columns(roles, cells, listed, shown, withheld, k) -> None:
    """The audit's commonest findings, settled first without it: a role whose unlisted moves out
    (its total minus its listed moves), or whose unlisted moves in, number 1 to ``k - 1`` has
    its smallest listed move suppressed (a listed move counts at least ``k``, so one suffices)."""
    inflow: dict[int, int] = {}
    for (_, b), count in cells.items():
        inflow[b] = inflow.get(b, 0) + count
    for side, totals in ((0, {r: roles[r][2] for r in shown - withheld}), (1, {r: inflow.get(r, 0) for r in shown})):
        by_role: dict[int, list] = {}
        for p in listed:
            by_role.setdefault(p[side], []).append(p)
        for r in sorted(totals):
            row = by_role.get(r, [])
            if row and small(totals[r] - sum(cells[p] for p in row), k):
                listed.discard(min(row, key=lambda p: (cells[p], p)))


def _fix(quantity: tuple, roles: Mapping, listed: set, cells: Mapping, shown: set, withheld: set, table,
         hidden: int) -> bool:
    """One more suppression for a figure the audit found too narrow; False when none is left."""
    kind, *ends = quantity
    row, col = (ends[0], ends[1]) if kind == "cell" else (ends[0], None) if kind == "row" else (None, ends[0])
    options = []
    if row is not None:
        options.append([p for p in listed if p[0] == row])
    if col is not None:
        options.append([p for p in listed if p[1] == col])
        feeders = {a for a in table.nodes if (a, col) not in table.blocked}
        options.append([p for p in listed if p[0] in feeders and p[1] != col])
    for choice in options:
        if choice:
            listed.discard(min(choice, key=lambda p: (cells[p], p)))
            return True
    for role in (row, col):
        if role is not None and role != hidden and role not in withheld:
            withheld.add(role)
            return True
    if col is not None:  # a role feeding the column: its total withheld
        feeders = [a for a in table.nodes if a != hidden and a not in withheld and (a, col) not in table.blocked]
        if feeders:
            withheld.add(min(feeders, key=lambda a: (table.row[a], a)))
            return True
    for role in (row, col):
        if role is not None and role != hidden:
            shown.discard(role)
            withheld.discard(role)
            return True
    if shown:  # a figure of the suppressed roles alone: one more role joins them
        role = min(shown, key=lambda r: (roles[r][1], r))
        shown.discard(role)
        withheld.discard(role)
        return True
    return False


def withhold(report: dict, shown: Disclosure, min_count: int) -> None:
    """Set to None the report's totals from which a hidden figure could be worked out.

    When anything is hidden: the people (all, and those who moved) and the moves' total. With the
    spells, the people give the moves' total (spells minus people), and the moves' total minus
    the listed moves bounds every hidden cell at once. When the spells in suppressed roles (or
    all people) number 1 to ``min_count - 1`` and nothing is left to suppress to raise them: the
    spells and every count that adds up to them.

    Examples
    --------
    >>> report = {"records": {"people": 40, "spells": 90}, "moves": {"total": 50, "people_moving": 30,
    ...           "suppressed": 1}, "roles": {"suppressed": 0}}
    >>> withhold(report, Disclosure(set(), set(), set(), {}), 10)
    >>> report["records"], report["moves"]["total"]
    ({'people': None, 'spells': 90}, None)
    """
    records, moves = report["records"], report["moves"]
    if report["roles"]["suppressed"] or moves["suppressed"] or shown.withheld:
        records["people"] = moves["total"] = moves["people_moving"] = None
    if "spells" in shown.small or small(records["people"] or 0, min_count):
        for key in ("rows", "after_as_of", "duplicates", "side_jobs", "merged", "spells", "people",
                    "ends_after_as_of", "future_starts", "missing_end_closed", "roles_only_side_jobs"):
            records[key] = None
        moves["total"] = moves["people_moving"] = None
