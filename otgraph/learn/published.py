"""What a learned file says about its own figures: ``meta`` (every rule in a sentence, every
unit in ``meta.units``) and the outcome shares of a role, with their disclosure rule.
"""

from __future__ import annotations

from typing import Any

from . import privacy
from .numbers import round4

__all__ = ["UNITS", "learned_meta", "outcome_shares"]

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


def learned_meta(k: int, as_of: str) -> dict[str, Any]:
    """A learned file's ``meta``: the minimum ``k``, how the observation date was chosen
    (``as_of``), a sentence per rule and :data:`UNITS`.

    >>> sorted(learned_meta(10, "given")["units"])[:2]
    ['observed.count', 'observed.gap_median']
    """
    return {
        "name": "Career graph learned from career records",
        "learned": "otgraph learn: roles and moves observed in career records (one row per job spell)",
        "as_of": as_of,
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


def outcome_shares(n: int, moved: int, opened: int, withheld: bool, min_count: int) -> dict[str, float | None]:
    """A role's outcome shares (``moved_share``, ``left_share``, ``open_share``) of its ``n``
    spells. ``moved_share`` is null when the role's moves out are withheld; the other two are
    null then too (with ``n`` they would give it), and when either counts 1 to ``min_count -
    1`` spells (their sum, ``n`` minus the moves, is all a reader learns).

    >>> outcome_shares(100, 40, 50, False, 10)
    {'moved_share': 0.4, 'left_share': 0.1, 'open_share': 0.5}
    >>> outcome_shares(100, 40, 55, False, 10)
    {'moved_share': 0.4, 'left_share': None, 'open_share': None}
    """
    left = n - moved - opened
    if withheld:
        return {"moved_share": None, "left_share": None, "open_share": None}
    hide = privacy.small(left, min_count) or privacy.small(opened, min_count)
    return {"moved_share": round4(moved / n), "left_share": None if hide else round4(left / n),
            "open_share": None if hide else round4(opened / n)}
