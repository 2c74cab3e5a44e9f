"""What may leave a learned graph: ids and titles of roles, and figures about groups of people.

- No person id and no date leaves: the output holds durations (differences of dates) and
  counts only, and its ``meta`` says how the censoring date was chosen, never the date itself.
- A role is kept only when at least ``min_count`` distinct people held it; a move only when at
  least ``min_count`` distinct people made it (and both its roles are kept). Suppressed roles
  and moves are left out of the output; the report says how many were, never which.
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
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["Disclosure", "keep", "protect", "role_ids", "slug", "small"]

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
    hidden_spells, hidden_moves : int
        Spells in suppressed roles, and moves out of roles whose total is not published: each is
        0, at least the minimum, or (when nothing could be suppressed to raise it) withheld.
    """

    roles: set[int]
    moves: set[tuple[int, int]]
    withheld: set[int]
    other: dict[int, int]
    secondary_roles: int = 0
    secondary_moves: int = 0
    hidden_spells: int = 0
    hidden_moves: int = 0
    small: set[str] = field(default_factory=set)


def small(value: int, min_count: int) -> bool:
    """Whether a count is a disclosure risk: more than none, fewer than the minimum.

    >>> [small(v, 10) for v in (0, 1, 9, 10)]
    [False, True, True, False]
    """
    return 0 < value < min_count


def protect(roles: Mapping[int, tuple[int, int, int]], inflow: Mapping[int, int],
            pairs: Mapping[tuple[int, int], int], min_count: int) -> Disclosure:
    """Primary and secondary suppression of a learned graph's cells (engine-independent).

    Parameters
    ----------
    roles : mapping of int to (int, int, int)
        Every role (kept or not): ``(headcount, spells, moves out)``.
    inflow : mapping of int to int
        Moves into each role (roles with none may be absent).
    pairs : mapping of (int, int) to int
        The moves held by at least ``min_count`` people (primary suppression done by the
        engine), with their count of moves.
    min_count : int
        The minimum: no cell, and no figure derivable from what is published, may count between
        1 and ``min_count - 1``.

    Returns
    -------
    Disclosure
        What may be published.

    Notes
    -----
    The rule, applied in this order (every step deterministic: ties by role number):

    1. *Primary*: a role is shown when held by at least ``min_count`` people, a move when made
       by at least ``min_count`` people between two shown roles.
    2. *Suppressed roles as one*: the spells in suppressed roles (the report's total minus the
       shown roles' spells) must be 0 or at least ``min_count``; else the shown role with the
       fewest spells is suppressed too, until they are.
    3. *Row totals*: a role with between 1 and ``min_count - 1`` moves out has its total withheld
       (``leave_share`` null). The moves out of all roles whose total is not published
       (suppressed roles included; the report's total gives their sum) must be 0 or at least
       ``min_count``; else the total of the shown role with the fewest moves out is withheld
       too.
    4. *Rows*: where a shown role's unlisted moves out (its total minus its listed moves) number
       between 1 and ``min_count - 1``, its smallest listed move is suppressed. A listed move
       counts at least ``min_count``, so one suffices.
    5. *Columns*: likewise for the unlisted moves into a shown role (its moves in minus its
       listed moves in).

    Examples
    --------
    Analyst (0) -> Senior Analyst (1) 300 moves, -> Data Scientist (2) 5, at ``min_count`` 10:
    Data Scientist is suppressed, and with it the smallest shown role (its 5 spells would
    otherwise be the report's total minus the rest).

    >>> d = protect({0: (345, 345, 305), 1: (300, 300, 0), 2: (5, 5, 0)}, {1: 300, 2: 5}, {(0, 1): 300}, 10)
    >>> sorted(d.roles), sorted(d.moves), d.other, d.hidden_spells
    ([0], [], {0: 305}, 305)
    """
    k = min_count
    shown = {r for r, (people, _, _) in roles.items() if people >= k}
    first = len(shown)

    def hidden_sum(index: int, extra: set[int] = frozenset()) -> int:  # type: ignore[assignment]
        return sum(v[index] for r, v in roles.items() if r not in shown or r in extra)

    while shown and small(hidden_sum(1), k):
        shown.discard(min(shown, key=lambda r: (roles[r][1], r)))
    withheld = {r for r in shown if small(roles[r][2], k)}
    while small(hidden_sum(2, withheld), k):
        open_ = [r for r in shown - withheld if roles[r][2] > 0]
        if not open_:
            break
        withheld.add(min(open_, key=lambda r: (roles[r][2], r)))
    listed = {p for p in pairs if p[0] in shown and p[1] in shown}
    for side, totals in ((0, {r: roles[r][2] for r in shown - withheld}), (1, {r: inflow.get(r, 0) for r in shown})):
        for r in sorted(totals):
            cells = sorted((pairs[p], p) for p in listed if p[side] == r)
            if cells and small(totals[r] - sum(c for c, _ in cells), k):
                listed.discard(cells[0][1])
    other = {}
    for r in sorted(shown - withheld):
        rest = roles[r][2] - sum(pairs[p] for p in listed if p[0] == r)
        if rest >= k:
            other[r] = rest
    out = Disclosure(shown, listed, withheld, other, secondary_roles=first - len(shown),
                     hidden_spells=hidden_sum(1), hidden_moves=hidden_sum(2, withheld))
    out.secondary_moves = sum(1 for p in pairs if p[0] in shown and p[1] in shown) - len(listed)
    if small(out.hidden_spells, k):
        out.small.add("spells")
    if small(out.hidden_moves, k):
        out.small.add("moves")
    return out
