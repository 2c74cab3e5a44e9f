"""Band and level phrases: the one parser that name lookup (:mod:`otgraph.names`) and
``learn --map-to`` (:mod:`otgraph.learn.mapping`) share.

A *band phrase* names an NHS Agenda for Change band, alone ("Band 8a", "8a", "Band 8") or
with a profession ("Band 7 OT", "Band 8a Occupational Therapist"). A bare band matches every
role of that band or of a range containing it ("8a" matches "8a-8b"); a band without its letter
matches all its letters ("Band 8" matches 8a-8d). A phrase naming a profession matches the
roles of that band in that profession, except roles entered through a separate recognition (a
first contact practitioner, an advanced clinical practitioner), which carry ``band_phrase: false``.
A title with a band never matches a role of another band.

>>> parse_band("Specialist OT (Band 7)")
BandPhrase(band='7', rest='specialist ot')
>>> band_matches("8", "8a-8b"), band_matches("8a", "8b")
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["PROFESSION_WORDS", "BandPhrase", "band_codes", "band_matches", "match_band_phrase", "parse_band"]

_NOT_WORD = re.compile(r"[\W_]+")
_BAND = re.compile(r"\b(?:agenda for change |afc )?band ([1-9])([a-d]?)\b")
_BARE = re.compile(r"^([1-9])([a-d])\b")
_RANGE = re.compile(r"^([1-9])([a-d]?)(?:-([1-9])?([a-d]?))?$")

#: Words that name the occupational therapy profession as a whole in a band phrase ("Band 7 OT").
PROFESSION_WORDS = frozenset({
    "ot", "ots", "occupational therapist", "occupational therapists", "occupational therapy",
    "nhs ot", "nhs occupational therapist",
})


@dataclass(frozen=True)
class BandPhrase:
    """A parsed band phrase: the band asked for ("8a", or "8" for any letter) and the other words."""

    band: str
    rest: str


def parse_band(text: str) -> BandPhrase | None:
    """The band a name or title states, and its other words; ``None`` if it states none.

    Parameters
    ----------
    text : str
        A name as typed ("Band 8a OT", "8a") or a raw job title ("Specialist OT (Band 7)").

    Returns
    -------
    BandPhrase or None
        The band ("5", "8a", "8" for any of 8a-8d) and the remaining words, lower-cased.

    Examples
    --------
    >>> parse_band("Band 8a"), parse_band("8A OT"), parse_band("Occupational Therapist")
    (BandPhrase(band='8a', rest=''), BandPhrase(band='8a', rest='ot'), None)
    """
    key = " ".join(_NOT_WORD.sub(" ", str(text).casefold()).split())
    found = _BAND.search(key) or _BARE.match(key)
    if found is None:
        return None
    rest = " ".join((key[:found.start()] + " " + key[found.end():]).split())
    return BandPhrase(found.group(1) + found.group(2), rest)


def band_codes(band: Any) -> set[str]:
    """The bands a role's ``band`` field covers ("8a-8b" covers 8a and 8b).

    Examples
    --------
    >>> sorted(band_codes("8a-8c")), band_codes("5"), band_codes(None)
    (['8a', '8b', '8c'], {'5'}, set())
    """
    found = _RANGE.match(str(band).strip().casefold()) if band is not None else None
    if found is None:
        return set()
    number, first, last_number, last = found.groups()
    if not first or not (last or last_number):
        return {number + first}
    if last_number and last_number != number:
        return {number + first, last_number + last}
    return {number + chr(c) for c in range(ord(first), ord(last or first) + 1)}


def band_matches(asked: str, band: Any) -> bool:
    """Whether a role of ``band`` is of the band ``asked`` ("8" is any of 8a-8d).

    Examples
    --------
    >>> band_matches("8a", "8a-8b"), band_matches("7", "7"), band_matches("7", None)
    (True, True, False)
    """
    return any(code == asked or (len(asked) == 1 and code[:1] == asked) for code in band_codes(band))


def match_band_phrase(roles: Iterable[tuple[str, dict[str, Any]]], phrase: BandPhrase,
                      named: Callable[[str], list[str]]) -> list[str]:
    """The roles a band phrase names, in the order given.

    Parameters
    ----------
    roles : iterable of (id, attributes)
        The roles to choose from (``band`` and ``band_phrase`` read from the attributes).
    phrase : BandPhrase
        A parsed band phrase.
    named : callable
        Role ids that the phrase's other words name (a name lookup without the band);
        consulted only when the words are not just the profession.

    Returns
    -------
    list of str
        Roles of the band (never of another band) that the phrase names: every role of the band
        for a bare band; for the profession alone, every one but those with ``band_phrase: false``.

    Examples
    --------
    >>> roles = [("b7", {"band": "7"}), ("fcp", {"band": "7", "band_phrase": False}), ("b5", {"band": "5"})]
    >>> match_band_phrase(roles, parse_band("Band 7 OT"), lambda words: [])
    ['b7']
    >>> match_band_phrase(roles, parse_band("Band 7"), lambda words: [])
    ['b7', 'fcp']
    """
    of_band = [(i, attrs) for i, attrs in roles if band_matches(phrase.band, attrs.get("band"))]
    if not phrase.rest:
        return [i for i, _ in of_band]
    by_phrase = [i for i, attrs in of_band if attrs.get("band_phrase") is not False]
    if phrase.rest in PROFESSION_WORDS:
        return by_phrase
    wanted = set(named(phrase.rest))
    return [i for i in by_phrase if i in wanted]
