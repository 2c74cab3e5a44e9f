"""Route statistics from people, as a learned file holds them (``otgraph learn --routes N``).

A learned file's ``routes`` describe the people who entered a route's first role: the
probability of completing the whole route within 2, 5 and 10 years (Aalen-Johansen cumulative
incidence, with another move or leaving the records as competing events) and the quartiles of
the time to complete among those who completed it. Where a route has none, the only figures
left are per move: a sum of per-move medians and a product of per-move shares, which are not
the time or the chance of anyone's route, and are labelled so (:data:`SUM_OF_MEDIANS`,
:data:`PRODUCT_OF_SHARES`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import networkx as nx

__all__ = ["PRODUCT_OF_SHARES", "SUM_OF_MEDIANS", "describe", "route_statistics"]

#: What a sum of a learned route's per-move medians is.
SUM_OF_MEDIANS = "sum of per-move medians, not the time people took the whole route"

#: What a product of a learned route's per-move shares is.
PRODUCT_OF_SHARES = "product of per-move shares, not the share of people who took the whole route"


def route_statistics(G: nx.DiGraph, roles: Sequence[str]) -> dict[str, Any] | None:
    """The route statistics a learned graph holds for exactly this sequence of roles, or None.

    Parameters
    ----------
    G : networkx.DiGraph
        A loaded graph (``CareerGraph.graph``).
    roles : sequence of str
        The route's role ids, in order.

    Returns
    -------
    dict or None
        The file's entry (``roles``, ``n``, ``completed``, ``people``, ``cumulative_incidence``,
        ``years_quartiles_if_completed``), or None when the file has none for the route.

    Examples
    --------
    >>> G = nx.DiGraph(routes=[{"roles": ["a", "b"], "n": 40, "cumulative_incidence": {"2": 0.25},
    ...                         "years_quartiles_if_completed": [1, 1.5, 2]}])
    >>> route_statistics(G, ["a", "b"])["n"], route_statistics(G, ["b", "a"])
    (40, None)
    """
    wanted = list(roles)
    for entry in G.graph.get("routes") or ():
        if entry.get("roles") == wanted:
            return entry
    return None


def describe(stats: dict[str, Any]) -> list[str]:
    """Two lines for a route's statistics from people: the cumulative incidence by each horizon,
    and the quartiles of the time to complete, labelled as those of the people who completed it.

    Examples
    --------
    >>> for line in describe({"roles": ["a", "b"], "n": 200, "completed": 60, "people": 58,
    ...                       "cumulative_incidence": {"2": 0.1, "5": 0.25, "10": None},
    ...                       "years_quartiles_if_completed": [1.5, 2.25, 4]}):
    ...     print(line)
    Of 200 entries into the first role, 10.0% completed this route within 2 years, 25.0% within 5
      (10 years: not published, to protect a count or not followed that long)
    Of those who completed it (60 completions by 58 people): median 2.25 years (1.5-4)
    """
    from .labels import number

    shown, missing = [], []
    for h, value in (stats.get("cumulative_incidence") or {}).items():
        if value is None:
            missing.append(h)
        else:
            shown.append(f"{value:.1%} " + ("completed this route within " if not shown else "within ") + h
                         + ("" if len(shown) else " years"))
    lead = f"Of {stats['n']:,} entries into the first role"
    lines = [f"{lead}, {', '.join(shown)}" if shown else f"{lead}: no horizon published"]
    if missing:
        lines.append(f"  ({', '.join(missing)} years: not published, to protect a count or not followed that long)")
    low, median, high = stats.get("years_quartiles_if_completed") or (None, None, None)
    if median is not None:
        who = f" ({stats['completed']:,} completions" if stats.get("completed") is not None else ""
        if who and stats.get("people") is not None:
            who += f" by {stats['people']:,} people"
        lines.append(f"Of those who completed it{who + ')' if who else ''}: median {number(median)} "
                     f"years ({number(low)}-{number(high)})")
    return lines
