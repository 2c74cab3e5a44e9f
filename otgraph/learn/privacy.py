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

__all__ = ["keep", "role_ids", "slug"]

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
