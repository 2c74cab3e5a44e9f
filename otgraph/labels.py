"""How roles, bands, stages, years and counts are named in text: one place, used by the command
line, every exporter and the HTML map.

>>> rank_label({"band": "5"})
'Band 5'
>>> count(1, "year"), count(2, "step")
('1 year', '2 steps')
>>> years_range_label(2, 4), years_range_label(5, None)
('2-4', '5+')
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "TRACK_NAMES", "badge", "count", "evidence_grade", "number", "rank_label", "role_caption", "track_name",
    "observed_years", "years_label", "years_range_label", "years_text",
]

#: How the packaged data's tracks are named for readers (other tracks are shown as they are).
TRACK_NAMES = {
    "nhs": "UK NHS (Agenda for Change bands)",
    "social-services": "UK local-authority social services",
    "us-clinical": "US clinical ladder",
    "us-assistant": "US OT assistant / technician",
    "education": "Education and licensing",
    "practice-settings": "US practice settings and non-traditional roles",
}


def track_name(track: str | None) -> str:
    """A track's name for readers.

    >>> track_name("nhs")
    'UK NHS (Agenda for Change bands)'
    """
    return TRACK_NAMES.get(track or "", track or "")


def number(x: float) -> str:
    """A figure as people write it: 2, 0.5, 12.25.

    >>> number(2.0), number(0.25)
    ('2', '0.25')
    """
    return f"{x:g}"


def count(n: int, word: str) -> str:
    """'1 step', '2 steps', '1,200 roles'."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def years_text(years: float) -> str:
    """'1 year', '4.5 years'."""
    return f"{number(years)} year{'' if years == 1 else 's'}"


def rank_label(attrs: dict[str, Any], *, with_level: bool = True, education_level: bool = False) -> str:
    """Where a role sits: its NHS band, else its stage, else its level on the data's scale
    (for an education stage only with ``education_level``).

    >>> rank_label({"stage": "mid-level", "level": 6}), rank_label({"level": 4})
    ('mid-level', 'level 4')
    """
    if attrs.get("band"):
        return f"Band {attrs['band']}"
    if attrs.get("stage"):
        return str(attrs["stage"])
    if with_level and attrs.get("level") is not None and (education_level or attrs.get("kind") != "education"):
        return f"level {number(attrs['level'])}"
    return ""


def role_caption(title: str, attrs: dict[str, Any]) -> tuple[str, str]:
    """A role's title and the line that says where it sits, for diagrams and timelines: its
    band ("Band 6", taken out of a title that ends in it), its O*NET Job Zone, its stage marked
    as one ("stage: entry"), or its level; no line when the title already names it.

    >>> role_caption("Occupational Therapy Assistant (Band 3)", {"band": "3"})
    ('Occupational Therapy Assistant', 'Band 3')
    >>> role_caption("Senior Occupational Therapist", {"stage": "senior"})
    ('Senior Occupational Therapist', '')
    >>> role_caption("Chief Executives", {"level": 5, "onet_soc": "11-1011.00"})
    ('Chief Executives', 'Job Zone 5')
    >>> role_caption("Lead COTA", {"stage": "lead"}), role_caption("OT aide", {"stage": "support"})
    (('Lead COTA', ''), ('OT aide', 'stage: support'))
    """
    title = str(title)
    if attrs.get("band"):
        rank = f"Band {attrs['band']}"
        title = re.sub(rf"\s*\({re.escape(rank)}\)\s*$", "", title, flags=re.IGNORECASE) or title
    elif attrs.get("stage"):
        rank = f"stage: {attrs['stage']}"
    elif attrs.get("onet_soc") and attrs.get("level") is not None:
        rank = f"Job Zone {number(attrs['level'])}"
    else:
        rank = rank_label(attrs)
    named = rank.removeprefix("stage: ").lower()
    if re.search(rf"(?<![\w-]){re.escape(named)}(?!\w)", title.lower()):
        rank = ""
    return title, rank


def badge(attrs: dict[str, Any]) -> str:
    """Country, track and rank of a role, as route listings show them.

    >>> badge({"country": "UK", "track": "nhs", "band": "6"})
    'UK, nhs, Band 6'
    """
    parts = [attrs.get("country"), attrs.get("track"), rank_label(attrs, education_level=True)]
    return ", ".join(str(p) for p in parts if p)


def evidence_grade(move: dict[str, Any]) -> str:
    """The evidence grade of a move's years: sourced, derived, observed or estimate.

    >>> evidence_grade({"years_basis": "estimate"}), evidence_grade({"years_evidence": {"grade": "derived"}})
    ('estimate', 'derived')
    """
    evidence = move.get("years_evidence")
    if isinstance(evidence, dict) and evidence.get("grade"):
        return evidence["grade"]
    return "estimate" if move.get("years_basis") == "estimate" else "sourced"


def observed_years(move: dict[str, Any]) -> str:
    """``'; observed 1.8 yr (1.2-2.6), n=12'`` for a curated move overlaid with learned years
    (``observed.years_quartiles``), else ``''``.

    >>> observed_years({"years": 1, "observed": {"years_quartiles": [1.2, 1.8, 2.6], "n": 12}})
    '; observed 1.8 yr (1.2-2.6), n=12'
    """
    observed = move.get("observed") if isinstance(move.get("observed"), dict) else {}
    quartiles = observed.get("years_quartiles")
    if not quartiles or quartiles[1] is None:
        return ""
    low, median, high = quartiles
    span = f" ({years_range_label(low, high)})" if low is not None and high is not None else ""
    n = f", n={observed['n']}" if observed.get("n") is not None else ""
    return f"; observed {number(median)} yr{span}{n}"


def years_range_label(low: float | None, high: float | None) -> str:
    """A range of years: '2-4', '5+' (open maximum), or one figure when both bounds agree."""
    if low is None:
        return "" if high is None else f"up to {number(high)}"
    if high is None:
        return f"{number(low)}+"
    if high == low:
        return number(low)
    return f"{number(low)}-{number(high)}"


def years_label(years: float, grade: str = "sourced") -> str:
    """A step's years with its mark: '+2 yr' from a source, '~3 yr' not sourced.

    >>> years_label(2), years_label(3, "estimate")
    ('+2 yr', '~3 yr')
    """
    return ("+" if grade == "sourced" else "~") + number(years) + " yr"
