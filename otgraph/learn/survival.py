"""The Kaplan-Meier median time in a role and its 95% interval, shared by every engine.

Both engines hand the same table (per distinct duration in days: events, spells) to
:func:`km_median_table`, so they publish the same bytes. The rules, as R's ``survival`` package
(``quantile.survfit`` on ``survfit(..., conf.type = "log-log")``) applies them:

- **Point**: the median is where ``1 - S(t)`` first reaches 0.5. When the curve has a flat
  exactly at 0.5 (within ``sqrt`` of the machine epsilon, about 1.5e-8), the median is the
  midpoint of the flat: halfway between the time the flat starts and the next event (the last
  time observed, when the flat ends the curve). No median when the curve never reaches 0.5.
- **Interval**: the log-log (exponential Greenwood) 95% band of ``S``,
  ``exp(-exp(log(-log S) -+ z * sqrt(G) / log S))`` with Greenwood's
  ``G = sum d / (n (n - d))`` and ``z`` the normal 97.5% quantile, inverted with the same rule:
  the lower bound is where the band's lower curve reaches 0.5, the upper bound where its upper
  curve does (``None`` when it never does: the data give no upper bound). The band is undefined
  where ``S`` is 0 (as in R), and left out there. This is also what lifelines'
  ``median_survival_times(kmf.confidence_interval_)`` gives, except over a flat at exactly 0.5
  (lifelines takes the first time its rounded product falls to 0.5 or below).

>>> km_median([1, 2, 3, 4], [True, True, True, True]).median
2.5
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import NormalDist
from typing import NamedTuple

__all__ = ["CONFIDENCE", "TOLERANCE", "KMMedian", "km_median", "km_median_table", "km_medians"]

#: The confidence of the interval.
CONFIDENCE = 0.95

#: How close to 0.5 a flat must be to count as at 0.5 (R's ``sqrt(.Machine$double.eps)``).
TOLERANCE = math.sqrt(2.220446049250313e-16)


class KMMedian(NamedTuple):
    """A Kaplan-Meier median and its interval, in the durations' unit; ``None`` where none exists."""

    median: float | None
    lower: float | None
    upper: float | None


def km_median(days: Sequence[float], events: Sequence[bool], confidence: float = CONFIDENCE) -> KMMedian:
    """The Kaplan-Meier median of durations (``events`` False where a spell is censored) with its
    log-log Greenwood interval, by R's rule for a flat at exactly 0.5.

    Parameters
    ----------
    days : sequence of float
        Each spell's duration (days in ``otgraph learn``; any unit works).
    events : sequence of bool
        Whether each spell ended (True) or was still open at the observation date (False).
    confidence : float
        The interval's confidence (0.95).

    Returns
    -------
    KMMedian
        ``(median, lower, upper)`` in the durations' unit.

    Examples
    --------
    Four spells of 1 to 4 days, all ended: the curve is at 0.5 from day 2 to day 3, so the
    median is 2.5 (R's midpoint; the first time at 0.5 would say 2).

    >>> km_median([1, 2, 3, 4], [True] * 4)
    KMMedian(median=2.5, lower=1.0, upper=None)
    >>> km_median([5, 6], [False, False]).median is None
    True
    """
    import numpy as np

    days, events = np.asarray(days, dtype=float), np.asarray(events, dtype=bool)
    if days.shape != events.shape:
        raise ValueError(f"days and events differ in length ({len(days)} and {len(events)})")
    times, index, spells = np.unique(days, return_inverse=True, return_counts=True)
    deaths = np.bincount(index, weights=events, minlength=len(times))
    return km_median_table(times, deaths, spells, confidence)


def km_median_table(times: Sequence[float], deaths: Sequence[int], spells: Sequence[int],
                    confidence: float = CONFIDENCE) -> KMMedian:
    """:func:`km_median` from a table: the distinct durations in increasing order, the spells that
    ended at each (``deaths``) and all spells with that duration (``spells``, ended or not).

    Examples
    --------
    >>> km_median_table([1, 2, 3, 4], [1, 1, 1, 1], [1, 1, 1, 1]).median
    2.5
    """
    import numpy as np

    t = np.asarray(times, dtype=float)
    d = np.asarray(deaths, dtype=float)
    n = np.asarray(spells, dtype=float)
    if not len(t) or not n.sum():
        return KMMedian(None, None, None)
    at_risk = n[::-1].cumsum()[::-1]
    event = d > 0
    t, d, at_risk = t[event], d[event], at_risk[event]
    surv = np.cumprod(1.0 - d / at_risk)
    xmax = float(times[-1])
    point = _crossing(t, 1.0 - surv, xmax)
    band = surv > 0  # undefined where S is 0 (and S is below 1 after an event)
    if not band.any():
        return KMMedian(point, None, None)
    with np.errstate(divide="ignore"):
        greenwood = np.cumsum(d / (at_risk * (at_risk - d)))
    log_s = np.log(surv[band])
    spread = _z(confidence) * np.sqrt(greenwood[band]) / log_s
    loglog = np.log(-log_s)
    low = 1.0 - np.exp(-np.exp(loglog - spread))
    high = 1.0 - np.exp(-np.exp(loglog + spread))
    return KMMedian(point, _crossing(t[band], low, xmax), _crossing(t[band], high, xmax))


def _z(confidence: float) -> float:
    """The normal quantile of a two-sided interval of this confidence."""
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def _crossing(x, f, xmax: float, p: float = 0.5) -> float | None:
    """Where a non-decreasing step curve ``f`` (``1 - S`` at the event times ``x``, numpy
    arrays; 0 before the first) reaches ``p``: R's ``findq``, the midpoint of a flat within
    :data:`TOLERANCE` of ``p`` (sorted searches, as lifelines' ``qth_survival_time``)."""
    first = int(f.searchsorted(p - TOLERANCE))  # the first value with f + tolerance >= p
    if first == len(f):
        return None
    if abs(p - f[-1]) < TOLERANCE:  # a flat at p ends the curve: its midpoint with the last time
        return (float(x[first]) + xmax) / 2
    return (float(x[first]) + float(x[int(f.searchsorted(p + TOLERANCE))])) / 2


def km_medians(group, times, deaths, spells, confidence: float = CONFIDENCE) -> dict[int, KMMedian]:
    """:func:`km_median_table` per group, from one table sorted by group then duration (numpy
    arrays: what each engine hands over, so both get the same figures).

    >>> import numpy as np
    >>> km_medians(np.array([0, 0, 1]), np.array([1, 2, 5]), np.array([1, 1, 0]), np.array([1, 1, 1]))[0].median
    1.5
    """
    import numpy as np

    out: dict[int, KMMedian] = {}
    if not len(group):
        return out
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    for start, end in zip(starts.tolist(), [*starts[1:].tolist(), len(group)], strict=True):
        out[int(group[start])] = km_median_table(times[start:end], deaths[start:end], spells[start:end], confidence)
    return out
