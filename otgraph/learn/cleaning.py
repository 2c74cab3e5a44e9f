"""Reading a spell's end: the SQL both engines run to deduplicate spells and, by default, read a
missing end followed by a later spell of the same person as ended at that spell's start.
"""

from __future__ import annotations

from ..errors import InvalidOptionError

__all__ = ["MISSING_END", "check_missing_end", "fill_needed_sql", "spells_sql"]

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
