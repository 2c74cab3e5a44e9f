"""Route statistics from people (``otgraph learn --routes N``), shared by every engine.

A *route* is a sequence of 1 to N consecutive moves, ``r0 -> r1 -> ... -> rm``, taken (all of
it, spell after spell) by at least ``min_count`` distinct people. Its figures describe the people
who entered its first role:

- **Cohort**: every spell in ``r0`` (after duplicates, side jobs and same-role runs are resolved,
  as everywhere in ``otgraph learn``), entered at the spell's start. ``n`` is their number (the
  role's ``observed.n``).
- **Event of interest**: the spells that follow are ``r1``, ..., ``rm`` in order: the route is
  completed at the start of ``rm`` (time since entry: start of ``rm`` minus start of ``r0``).
- **Competing event**: the person leaves the route first: after ``r0 ... r(j-1)`` the next spell
  is a role other than ``rj`` (at its start), or there is none and the spell in ``r(j-1)`` ended
  (the person left the records, at that end). Taking step 1 and then another move than step 2
  is a competing event, at the start of that other move.
- **Censored**: there is no next spell and the spell in ``r(j-1)`` is still open at the
  observation date: censored there.

``cumulative_incidence`` is the Aalen-Johansen estimate of the probability of completing the
route within 2, 5 and 10 years of entering ``r0``: ``CIF(t) = sum over event days s <= t of
S(s-) * d(s) / Y(s)``, with ``S`` the Kaplan-Meier estimate of staying on the route (every exit
but censoring an event), ``d`` the completions and ``Y`` the entrants still on the route (exit
day on or after ``s``; censoring counts after events on the same day). Times are whole days; a
horizon of h years is day ``floor(h * 365.25)``. A figure is null where no entrant was followed
that long (``Y`` is 0 on that day).

``years_quartiles_if_completed`` are the exact quartiles (type 7, as every quartile of
``otgraph learn``) of the time to complete, among those who completed it: conditional on
completing, not the time an entrant should expect.

The engines (:mod:`otgraph.learn.duck`, :mod:`otgraph.learn.spark`) only count: the routes with
their completions and people (:func:`paths_sql`), and per route prefix the exits by kind and day
(:func:`exits_sql`). Everything else is here, in plain Python on those counts, so both engines
give the same bytes. :func:`protect_routes` is the disclosure rule (docs/disclosure.md).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .numbers import YEAR, round4, years

__all__ = ["HORIZONS", "MOVED", "OPEN", "OTHER", "RouteFigures", "aalen_johansen", "check_routes", "exits_order",
           "exits_sql", "paths_sql", "protect_routes", "published_routes", "quartiles", "route_figures"]

#: The horizons of the cumulative incidence, in years.
HORIZONS = (2, 5, 10)

#: Each horizon as a day: the last whole day within it.
HORIZON_DAYS = {h: math.floor(h * YEAR) for h in HORIZONS}

#: The day bin that holds every exit after the last horizon (only its being later matters).
BEYOND = HORIZON_DAYS[HORIZONS[-1]] + 1

#: Exit kinds in the engines' counts: the move that goes on along a route (moved); another move,
#: or no next spell and the spell ended (other: competing); no next spell and the spell open at
#: the observation date (open: censored).
MOVED, OTHER, OPEN = 0, 1, 2


def check_routes(routes: Any) -> int | None:
    """``routes`` as checked: None, or a whole number of moves of at least 1.

    >>> check_routes(3), check_routes(None)
    (3, None)
    >>> check_routes(0)
    Traceback (most recent call last):
    ...
    otgraph.errors.InvalidOptionError: routes must be a whole number of moves of at least 1, not 0
    """
    from ..errors import InvalidOptionError

    if routes is None:
        return None
    if isinstance(routes, bool) or not isinstance(routes, int) or routes < 1:
        raise InvalidOptionError(f"routes must be a whole number of moves of at least 1, not {routes!r}",
                                 argument="routes")
    return routes


# --- the engines' SQL ------------------------------------------------------------------------------

def chain_sql(seq: str, n: int) -> str:
    """Each spell with the ``n`` spells that follow it (roles ``r1..rn``, starts ``s1..sn``) and the
    ends of itself and the ``n - 1`` after it (``e0..e(n-1)``)."""
    cols = ["person", "role AS r0", "s AS s0", "e AS e0"]
    for j in range(1, n + 1):
        cols += [f"lead(role, {j}) OVER w AS r{j}", f"lead(s, {j}) OVER w AS s{j}"]
        if j < n:
            cols.append(f"lead(e, {j}) OVER w AS e{j}")
    return f"SELECT {', '.join(cols)} FROM {seq} WINDOW w AS (PARTITION BY person ORDER BY s, role)"


def paths_sql(chain: str, n: int, k: int) -> str:
    """The routes of 1 to ``n`` moves taken by at least ``k`` people: ``m, r0..rn`` (NULL past
    ``rm``), completions and people."""
    parts = []
    for m in range(1, n + 1):
        roles = ", ".join(f"r{i}" for i in range(m + 1))
        pad = "".join(f", CAST(NULL AS INT) AS r{i}" for i in range(m + 1, n + 1))
        parts.append(f"SELECT {m} AS m, {roles}{pad}, count(*) AS c, count(DISTINCT person) AS people "
                     f"FROM {chain} WHERE r{m} IS NOT NULL GROUP BY {roles} HAVING count(DISTINCT person) >= {k}")
    return " UNION ALL ".join(parts)


def exits_sql(chain: str, paths: str, roles_kept: str, n: int, cut: str, diff: Callable[[str, str], str]) -> str:
    """Per route prefix ``r0..r(j-1)`` (a role held by at least the minimum for j = 1, a route
    of ``paths`` after), how the spells that followed it that far went on: ``p0..p(n-1)`` (the
    prefix, -1 past it), ``nx`` (the next role when prefix and it are a route of ``paths``, else
    -1), ``kind`` (:data:`MOVED` to ``nx``; :data:`OTHER`: another move, or none and the spell
    ended; :data:`OPEN`: none and the spell open at the observation date ``cut``), ``d`` (days
    since entering ``r0``: to the next start, the end, or ``cut``; days past the last horizon
    as :data:`BEYOND` unless ``nx`` names a route, whose quartiles need them) and ``cnt``, as
    integers. ``diff(a, b)`` is the engine's ``a - b`` in days. Each row's key (all but
    ``cnt``) is distinct, so sorting by it gives one order."""
    parts = []
    for j in range(1, n + 1):
        on_prefix = (f"JOIN {roles_kept} AS kr ON c.r0 = kr.role" if j == 1 else
                     f"JOIN {paths} AS pp ON pp.m = {j - 1} AND " + " AND ".join(f"pp.r{i} = c.r{i}" for i in range(j)))
        on_next = " AND ".join(f"q.r{i} = c.r{i}" for i in range(j + 1))
        kind = (f"CASE WHEN q.m IS NOT NULL THEN {MOVED} WHEN c.r{j} IS NOT NULL OR c.e{j - 1} IS NOT NULL "
                f"THEN {OTHER} ELSE {OPEN} END")
        d = (f"CASE WHEN c.r{j} IS NOT NULL THEN {diff(f'c.s{j}', 'c.s0')} "
             f"WHEN c.e{j - 1} IS NOT NULL THEN {diff(f'c.e{j - 1}', 'c.s0')} ELSE {diff(cut, 'c.s0')} END")
        cols = ", ".join([f"CAST(c.r{i} AS INT) AS p{i}" for i in range(j)] + [f"-1 AS p{i}" for i in range(j, n)])
        names = ", ".join(f"p{i}" for i in range(n))
        parts.append(f"""
            SELECT {names}, nx, kind, CAST(dd AS INT) AS d, CAST(count(*) AS INT) AS cnt
            FROM (SELECT {cols}, CAST(CASE WHEN q.m IS NOT NULL THEN c.r{j} ELSE -1 END AS INT) AS nx,
                         {kind} AS kind, CASE WHEN q.m IS NOT NULL THEN {d} ELSE least({d}, {BEYOND}) END AS dd
                  FROM {chain} AS c {on_prefix}
                  LEFT JOIN {paths} AS q ON q.m = {j} AND {on_next}) AS x
            GROUP BY {names}, nx, kind, dd""")
    return " UNION ALL ".join(parts)


def exits_order(n: int) -> str:
    """The order :func:`route_figures` reads :func:`exits_sql`'s rows in (an engine may sort them
    so; else they are sorted in Python)."""
    return ", ".join([f"p{i}" for i in range(n)] + ["nx", "kind", "d"])


# --- the figures -------------------------------------------------------------------------------

@dataclass(frozen=True)
class RouteFigures:
    """One route's figures before disclosure control: ``n`` entrants of its first role,
    ``completed`` and ``people`` (distinct) who completed it, completions by each horizon
    (``by_horizon``), the cumulative incidence per horizon (None: no one followed that long) and
    the quartiles in days of the time to complete."""

    roles: tuple[int, ...]
    n: int
    completed: int
    people: int
    by_horizon: tuple[int, ...]
    incidence: tuple[float | None, ...]
    quartiles: tuple[float, float, float]


def aalen_johansen(interest, events, exits, horizons: Iterable[int]):
    """The Aalen-Johansen cumulative incidence of the event of interest at each horizon day.

    Parameters
    ----------
    interest, events, exits : numpy arrays, indexed by day (the last axis)
        Per day: the events of interest; every event (of interest or competing); every exit
        (events and censorings). The last day may gather every later exit. Two-dimensional
        arrays hold one curve a row.
    horizons : iterable of int
        The days to evaluate at.

    Returns
    -------
    list of float or None, or a list of them per row
        ``CIF(h)`` per horizon day ``h``; None where no one is at risk on day ``h``.

    Examples
    --------
    Four entrants: one completes on day 1, one leaves (competing) on day 2, one is censored on
    day 2, one completes on day 3.

    >>> import numpy as np
    >>> aalen_johansen(np.array([0, 1, 0, 1]), np.array([0, 1, 1, 1]), np.array([0, 1, 2, 1]), [1, 3])
    [0.25, 0.75]
    """
    import numpy as np

    two_d = np.ndim(interest) == 2
    interest, events, exits = (np.atleast_2d(np.asarray(a, dtype=float)) for a in (interest, events, exits))
    horizons = list(horizons)
    total = exits.sum(axis=1, keepdims=True)
    exited = np.cumsum(exits, axis=1)
    at_risk = total - np.concatenate((np.zeros((len(exits), 1)), exited[:, :-1]), axis=1)
    safe = np.where(at_risk > 0, at_risk, 1.0)
    surv = np.cumprod(1.0 - events / safe, axis=1)
    before = np.concatenate((np.ones((len(exits), 1)), surv[:, :-1]), axis=1)
    cif = np.cumsum(before * interest / safe, axis=1)
    rows = [[c if r > 0 else None for c, r in zip(cs, rs, strict=True)]
            for cs, rs in zip(cif[:, horizons].tolist(), at_risk[:, horizons].tolist(), strict=True)]
    return rows if two_d else rows[0]


def quartiles(days, counts) -> tuple[float, float, float]:
    """Exact quartiles (type 7: linear interpolation between order statistics) of values given
    as distinct sorted ``days`` with their ``counts``.

    >>> quartiles([1, 2, 4], [1, 2, 1])
    (1.75, 2.0, 2.5)
    """
    import numpy as np

    days = np.asarray(days, dtype=float)
    upto = np.cumsum(counts)
    total = int(upto[-1])

    def order(i: int) -> float:  # the i-th smallest (from 0)
        return float(days[int(np.searchsorted(upto, i, side="right"))])

    out = []
    for q in (0.25, 0.5, 0.75):
        h = (total - 1) * q
        lo = math.floor(h)
        a = order(lo)
        out.append(a + (h - lo) * (order(min(lo + 1, total - 1)) - a))
    return out[0], out[1], out[2]


def route_figures(paths, exits, n_moves: int, presorted: bool = False) -> dict[tuple[int, ...], RouteFigures]:
    """Every route's :class:`RouteFigures` from the engines' counts.

    Parameters
    ----------
    paths : mapping of str to numpy array
        :func:`paths_sql`'s columns (``m``, ``r0``..``rn`` with -1 for NULL, ``c``, ``people``).
    exits : mapping of str to numpy array
        :func:`exits_sql`'s columns (``p0``..``p(n-1)``, ``nx``, ``kind``, ``d``, ``cnt``).
    n_moves : int
        The longest route (``--routes``).
    presorted : bool
        Whether ``exits`` come sorted by :func:`exits_order` (else they are sorted here: the
        same order, every key being distinct).

    Returns
    -------
    dict of tuple of int to RouteFigures
        Per route (its roles' numbers), its figures.
    """
    import numpy as np

    found: dict[tuple[int, ...], tuple[int, int]] = {}
    columns = [paths[f"r{t}"].tolist() for t in range(n_moves + 1)]
    for i, (m, c, people) in enumerate(zip(paths["m"].tolist(), paths["c"].tolist(), paths["people"].tolist(),
                                           strict=True)):
        found[tuple(columns[t][i] for t in range(m + 1))] = (c, people)
    if not found or not len(exits["d"]):
        return {}
    keys = [np.asarray(exits[f"p{t}"]) for t in range(n_moves)] + [np.asarray(exits["nx"]), np.asarray(exits["kind"])]
    d, cnt = np.asarray(exits["d"]), np.asarray(exits["cnt"])
    if not presorted:
        order = np.lexsort((d, *reversed(keys)))
        keys, d, cnt = [k[order] for k in keys], d[order], cnt[order]
    change = np.zeros(len(d), dtype=bool)
    change[0] = True
    for k in keys:
        change[1:] |= k[1:] != k[:-1]
    starts = np.flatnonzero(change)
    ends = np.r_[starts[1:], len(d)]
    first = keys[0][starts]
    by_role = np.flatnonzero(np.r_[True, first[1:] != first[:-1]])
    by_role_end = np.r_[by_role[1:], len(starts)]
    group_keys = np.stack([k[starts] for k in keys], axis=1)
    out: dict[tuple[int, ...], RouteFigures] = {}
    from_role: dict[int, dict[tuple[int, ...], tuple[int, int]]] = {}
    for route, counts in found.items():
        from_role.setdefault(route[0], {})[route] = counts
    for g0, g1 in zip(by_role.tolist(), by_role_end.tolist(), strict=True):
        role = int(first[g0])
        if role in from_role:
            _one_role(group_keys[g0:g1], starts[g0:g1], ends[g0:g1], d, cnt, from_role[role], out)
    return out


def _one_role(keys, starts, ends, d, cnt, found, out) -> None:
    """The routes from one first role (``found``: theirs only): per group (prefix, next, kind)
    its days as a dense histogram; each route's exits and events are its parent's (those who
    left the route before it) plus its last step's; then every route's Aalen-Johansen curve at
    once, a row each."""
    import numpy as np

    width = BEYOND + 1
    groups = len(starts)
    lo, hi = int(starts[0]), int(ends[-1])
    group_of = np.repeat(np.arange(groups), ends - starts)
    dense = np.bincount(group_of * width + np.minimum(d[lo:hi], BEYOND), weights=cnt[lo:hi],
                        minlength=groups * width).reshape(groups, width)
    all_exits: dict[tuple, Any] = {}
    events: dict[tuple, Any] = {}
    child: dict[tuple, int] = {}
    for g, row in enumerate(keys.tolist()):
        prefix = tuple(v for v in row[:-2] if v >= 0)
        nxt, kd = row[-2], row[-1]
        hist = dense[g]
        all_exits[prefix] = all_exits[prefix] + hist if prefix in all_exits else hist
        if kd != OPEN:
            events[prefix] = events[prefix] + hist if prefix in events else hist
        if kd == MOVED:
            child[(*prefix, nxt)] = g
    routes = [r for r in sorted(found, key=len) if r in child]
    if not routes:
        return
    left: dict[tuple, tuple[Any, Any]] = {}
    exits_m = np.empty((len(routes), width))
    events_m = np.empty((len(routes), width))
    for i, route in enumerate(routes):
        parent = route[:-1]
        base = left.get(parent, (0.0, 0.0))
        step = dense[child[route]]
        left[route] = (base[0] + all_exits[parent] - step, base[1] + events.get(parent, 0.0) - step)
        exits_m[i] = left[route][0] + step
        events_m[i] = left[route][1] + step
    interest = dense[[child[r] for r in routes]]
    horizon_days = [HORIZON_DAYS[h] for h in HORIZONS]
    cif = aalen_johansen(interest, events_m, exits_m, horizon_days)
    upto = np.cumsum(interest[:, :BEYOND], axis=1)[:, horizon_days]
    n = int(all_exits[routes[0][:1]].sum())
    groups_of = np.array([child[r] for r in routes])
    qs = _group_quartiles(d, cnt, starts[groups_of], ends[groups_of]).tolist()
    for i, route in enumerate(routes):
        completed, people = found[route]
        out[route] = RouteFigures(route, n, completed, people, tuple(int(v) for v in upto[i]),
                                  tuple(cif[i]), tuple(qs[i]))


def _group_quartiles(d, cnt, starts, ends):
    """:func:`quartiles` of many groups at once (rows ``starts[i]:ends[i]`` of ``d`` sorted, with
    their ``cnt``), by the same arithmetic: an array of ``(p25, median, p75)`` rows."""
    import numpy as np

    lo, hi = int(starts.min()), int(ends.max())
    upto = np.cumsum(cnt[lo:hi], dtype=np.int64)
    base = np.where(starts > lo, upto[np.maximum(starts - lo - 1, 0)], 0)
    total = upto[ends - lo - 1] - base
    out = []
    for q in (0.25, 0.5, 0.75):
        h = (total - 1) * q
        first = np.floor(h).astype(np.int64)
        a = d[np.searchsorted(upto, base + first, side="right") + lo].astype(float)
        b = d[np.searchsorted(upto, base + np.minimum(first + 1, total - 1), side="right") + lo].astype(float)
        out.append(a + (h - first) * (b - a))
    return np.stack(out, axis=1)


def route_meta(n_moves: int, k: int) -> dict[str, Any]:
    """What a learned file's ``meta`` says about its ``routes`` (their rule and units).

    >>> sorted(route_meta(3, 10))
    ['route_units', 'routes']
    """
    return {
        "routes": f"routes: sequences of 1 to {n_moves} consecutive moves completed by at least {k} people, with "
                  "figures about the people who entered their first role (n: its spells). completed and people: "
                  "the spells that went on along the whole route, and their distinct people. "
                  "cumulative_incidence: Aalen-Johansen probability of completing the route within 2, 5 and 10 "
                  "years of entering its first role; taking another move or leaving the records first is a "
                  "competing event, a spell still open at the observation date is censored; null when no "
                  "entrant was followed that long or to protect a count. years_quartiles_if_completed: p25, median, "
                  "p75 of the time to complete (start of the first role to start of the last), of those who "
                  "completed it only (conditional on completing). Published only when every role and move of the "
                  "route is, and no suppressed route's count can be worked out from them (docs/disclosure.md)",
        "route_units": {
            "n": "spells in the route's first role (entrants)",
            "completed": "spells in the first role followed by every move of the route",
            "people": "people (distinct) who completed the route",
            "cumulative_incidence": "probability (0 to 1) of completing within that many years of entering",
            "years_quartiles_if_completed": "years of 365.25 days ([p25, median, p75] among those who completed)",
        },
    }


# --- disclosure --------------------------------------------------------------------------------------

def _small(value: int, k: int) -> bool:
    return 0 < value < k


def protect_routes(figures: Mapping[tuple[int, ...], RouteFigures], roles: set[int], moves: set[tuple[int, int]],
                   withheld: set[int], min_count: int) -> dict[tuple[int, ...], tuple[bool, ...]]:
    """Which routes may be published, and at which horizons (engine-independent).

    Parameters
    ----------
    figures : mapping of tuple of int to RouteFigures
        Every route taken by at least ``min_count`` people.
    roles, moves, withheld : sets
        What :func:`otgraph.learn.privacy.protect` publishes: the roles shown, the moves listed,
        the roles whose total of moves out is withheld.
    min_count : int
        The minimum.

    Returns
    -------
    dict of tuple of int to tuple of bool
        The published routes, each with whether its cumulative incidence is published at each
        horizon of :data:`HORIZONS`.

    Notes
    -----
    A route's completions are a count like a move's (a one-move route's is its move's count), and
    the cumulative incidence times ``n`` gives (censoring aside) the completions by each horizon.
    The rule, in this order (ties by the route's roles):

    1. A route is published only when its first role is shown with its moves out not withheld,
       every move of it is listed, and (for 2 moves or more) the route of its first moves is
       published.
    2. *Rows*: for a published route P, the published routes that extend it by one move
       account for all but 0 or at least ``min_count`` of P's completions; else the smallest of
       them is suppressed (with its extensions), until they do.
    3. *Columns*: for a published route S, the published routes that reach it from one role
       before it account for all but 0 or at least ``min_count`` of S's completions; else the
       smallest of them is suppressed, until they do.
    4. *Horizons*: the completions by each published horizon, and between consecutive published
       horizons, and after the last, are 0 or at least ``min_count``; else the latest horizon
       that breaks it is withheld (null), until they are.

    Examples
    --------
    Routes 0 -> 1 (30 completions), 0 -> 1 -> 2 (25) and 0 -> 1 -> 3 (3 people: not a route at
    ``min_count`` 10): 5 of 0 -> 1's completions would be left for 0 -> 1 -> other, so 0 -> 1 -> 2
    is suppressed.

    >>> f = {(0, 1): RouteFigures((0, 1), 50, 30, 30, (0, 30, 30), (0, .6, .6), (1, 2, 3)),
    ...      (0, 1, 2): RouteFigures((0, 1, 2), 50, 25, 25, (0, 0, 25), (0, 0, .5), (1, 2, 3))}
    >>> sorted(protect_routes(f, {0, 1, 2}, {(0, 1), (1, 2)}, set(), 10))
    [(0, 1)]
    """
    k = min_count
    shown = {r for r in figures
             if r[0] in roles and r[0] not in withheld and all(p in moves for p in zip(r, r[1:], strict=False))}
    changed = True
    while changed:  # passes until one suppresses nothing (each pass only ever removes routes)
        shown = _with_parents(shown)
        changed = False
        for side in (0, 1):
            groups: dict[tuple[int, ...], list[tuple[int, ...]]] = {}
            for r in shown:
                if len(r) > 2:
                    groups.setdefault(r[:-1] if side == 0 else r[1:], []).append(r)
            for parent, members in sorted(groups.items()):
                if parent not in shown:
                    continue
                members.sort(key=lambda r: (figures[r].completed, r))
                rest = figures[parent].completed - sum(figures[r].completed for r in members)
                while members and _small(rest, k):
                    smallest = members.pop(0)
                    shown.discard(smallest)
                    rest += figures[smallest].completed
                    changed = True
    return {r: _horizons(figures[r], k) for r in shown}


def _with_parents(shown: set[tuple[int, ...]]) -> set[tuple[int, ...]]:
    """The routes whose every shorter route from the same start is among them too."""
    kept: set[tuple[int, ...]] = set()
    for r in sorted(shown, key=len):
        if len(r) == 2 or r[:-1] in kept:
            kept.add(r)
    return kept


def _horizons(fig: RouteFigures, k: int) -> tuple[bool, ...]:
    """Which horizons' cumulative incidence may be published (rule 4 of :func:`protect_routes`)."""
    keep = [value is not None for value in fig.incidence]
    while True:
        last, bad = 0, None
        for i, ok in enumerate(keep):
            if ok:
                if _small(fig.by_horizon[i] - last, k):
                    bad = i
                    break
                last = fig.by_horizon[i]
        if bad is None and _small(fig.completed - last, k):
            bad = max((i for i, ok in enumerate(keep) if ok), default=None)
        if bad is None:
            return tuple(keep)
        keep[bad] = False


def published_routes(figures: Mapping[tuple[int, ...], RouteFigures], published: Mapping[tuple[int, ...], tuple],
                     ids: list[str]) -> list[dict[str, Any]]:
    """The learned file's ``routes``: the published routes in order of their roles' ids, each as
    ``roles`` (ids), ``n``, ``completed``, ``people``, ``cumulative_incidence`` and
    ``years_quartiles_if_completed``."""
    out = []
    for route in sorted(published, key=lambda r: [ids[c] for c in r]):
        fig, keep = figures[route], published[route]
        out.append({
            "roles": [ids[c] for c in route], "n": fig.n, "completed": fig.completed, "people": fig.people,
            "cumulative_incidence": {str(h): round4(v) if ok else None
                                     for h, v, ok in zip(HORIZONS, fig.incidence, keep, strict=True)},
            "years_quartiles_if_completed": [years(q) for q in fig.quartiles]})
    return out
