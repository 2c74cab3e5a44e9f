"""Figures as both engines round them: days to years of 365.25 days, 4 decimals as DuckDB rounds."""

from __future__ import annotations

import math

__all__ = ["YEAR", "round4", "years"]

#: Days in a year, to turn day counts into years.
YEAR = 365.25


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
