"""``--map-to``: map raw job titles to the roles of an existing dataset.

A title that states a band ("Band 8a OT", "Specialist OT (Band 7)") is read by the band parser
name lookup uses (:mod:`otgraph.bands`) and is only ever mapped to a role of that band: the
stages below see only those roles, and a title naming the band and the profession alone
("Band 8 Occupational Therapist") maps to the band's one role (``band``), or is ambiguous.
Synonyms (everyday names such as "OT") are for lookup only and are never used here.

Each distinct raw title is tried in this order, and the first stage that finds exactly one
role wins:

1. ``exact``: the title is a role's id, title or alias, character for character;
2. ``normalised``: the same after :func:`otgraph.graph.normalize_name` (case, punctuation,
   spacing, British spellings);
3. ``onet``: the title is one of O*NET's reported job titles (``reported_titles`` of the packaged
   O*NET dataset) for an occupation whose O*NET-SOC code a role carries (``onet_soc``); when
   several roles carry the code (the rungs of a ladder) the lowest-level one is chosen, the
   entry rule ``merge_roles`` uses;
4. ``fuzzy``: rapidfuzz's ``token_sort_ratio`` between normalised names, at least
   :data:`FUZZY_THRESHOLD` (out of 100); the best score wins, ties to the name met first in the
   dataset's order.

A name that leads to several roles is *ambiguous* and the title is left unmatched. Unmatched
titles become roles of their own.

A title may come with a **country** (the records' ``country`` column, "UK", "United Kingdom",
"GB", "England", "US", "USA"...): it is then only mapped to roles of that country (or roles
with no country), the same way a band narrows it, so "Senior Occupational Therapist" in the UK
is not the US role of that title. An analyst's **overrides** (raw title -> role id, from
``--title-overrides``) come before every stage (``override``).
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass, field
from typing import Any

from ..bands import PROFESSION_WORDS, band_matches, parse_band
from ..graph import normalize_name

__all__ = ["FUZZY_SCORER", "FUZZY_THRESHOLD", "KINDS", "Mapping", "Target", "country_code", "describe", "load_target",
           "map_titles", "read_overrides", "AUDIT_HEADER", "AUDIT_NOTICE", "audit_rows"]

#: The least rapidfuzz token_sort_ratio (0-100) at which a title is matched by fuzzy matching.
FUZZY_THRESHOLD = 90.0
FUZZY_SCORER = "rapidfuzz.fuzz.token_sort_ratio"

KINDS = ("override", "exact", "normalised", "onet", "band", "fuzzy")

#: Ways of writing the two countries the packaged roles have (casefolded, words only).
COUNTRY_NAMES = {
    "UK": {"uk", "gb", "gbr", "united kingdom", "great britain", "britain", "england", "scotland", "wales",
           "northern ireland"},
    "US": {"us", "usa", "u s", "u s a", "united states", "united states of america", "america"},
}


def country_code(value: str | None) -> str | None:
    """A records' country as the roles files write it ("UK", "US"); others upper-cased as given.

    >>> country_code("United Kingdom"), country_code("usa"), country_code(" ie "), country_code(None)
    ('UK', 'US', 'IE', None)
    """
    if value is None or not str(value).strip():
        return None
    key = " ".join(re.sub(r"[\W_]+", " ", str(value).casefold()).split())
    for code, names in COUNTRY_NAMES.items():
        if key in names:
            return code
    return str(value).strip().upper()


@dataclass
class Target:
    """The dataset titles are mapped to: its roles' ids and titles, and names -> role ids."""

    name: str
    titles: dict[str, str]
    exact: dict[str, list[str]] = field(default_factory=dict)
    normalised: dict[str, list[str]] = field(default_factory=dict)
    onet: dict[str, list[str]] = field(default_factory=dict)
    #: Role id -> its band, for the roles a band phrase may name (``band_phrase`` not false).
    bands: dict[str, str] = field(default_factory=dict)
    #: Role id -> its country code, for the roles that state one.
    countries: dict[str, str] = field(default_factory=dict)
    #: An analyst's raw title -> role id (:func:`read_overrides`), before every stage.
    overrides: dict[str, str] = field(default_factory=dict)

    def of_country(self, country: str | None) -> set[str] | None:
        """The roles a title of this country may map to (``None``: no country, no limit)."""
        code = country_code(country)
        if code is None:
            return None
        return {i for i in self.titles if self.countries.get(i, code) == code}

    def of_band(self, title: str) -> set[str] | None:
        """The roles a title's band allows (``None``: the title states no band)."""
        phrase = parse_band(title)
        if phrase is None:
            return None
        return {i for i, band in self.bands.items() if band_matches(phrase.band, band)}


def _add(index: dict[str, list[str]], key: str, role_id: str) -> None:
    if key:
        ids = index.setdefault(key, [])
        if role_id not in ids:
            ids.append(role_id)


def load_target(map_to: str | os.PathLike[str]) -> Target:
    """Read the dataset named by ``--map-to``: ``roles``, ``onet`` or a roles file."""
    data = _read_roles(map_to)
    roles = [r for r in data.get("roles", []) if isinstance(r, dict) and isinstance(r.get("id"), str)]
    name = str(map_to) if str(map_to) in ("roles", "onet") else os.path.basename(str(map_to))
    target = Target(name=name, titles={r["id"]: str(r.get("title", r["id"])) for r in roles})
    for r in roles:
        if r.get("band") is not None and (r.get("band_phrase") is not False):
            target.bands[r["id"]] = str(r["band"])
        if isinstance(r.get("country"), str):
            target.countries[r["id"]] = country_code(r["country"]) or r["country"]
        for label in (r["id"], r.get("title"), *(r.get("aliases") or ())):
            if isinstance(label, str):
                _add(target.exact, label, r["id"])
                _add(target.normalised, normalize_name(label), r["id"])
    # O*NET reported titles, through the codes the roles carry.
    by_code: dict[str, list[tuple[float, int, str]]] = {}
    for i, r in enumerate(roles):
        code = r.get("onet_soc")
        if isinstance(code, str):
            level = r.get("level")
            rank = level if isinstance(level, (int, float)) else float("inf")
            by_code.setdefault(code, []).append((rank, i, r["id"]))
    if by_code:
        onet = _read_roles("onet")
        for occupation in onet.get("roles", []):
            members = by_code.get(occupation.get("id"))
            if not members:
                continue
            entry = min(members)[2]
            for label in (occupation.get("title"), *(occupation.get("reported_titles") or ())):
                if isinstance(label, str):
                    _add(target.onet, normalize_name(label), entry)
    return target


def _read_roles(name: str | os.PathLike[str]) -> dict[str, Any]:
    """A roles file, or a packaged dataset (``roles``, ``onet``), parsed."""
    try:
        from ..read import read_roles
    except ImportError:  # before the loader was split into modules
        from ..load import read_roles
    data = read_roles(name)
    if not isinstance(data, dict):
        from ..errors import DataError

        raise DataError(str(name), ["not a roles file (the top level is not an object)"])
    return data


@dataclass
class Mapping:
    """Raw title -> (role id, how it was matched); titles not in ``matched`` are unmatched.

    A title is a raw title, or ``(raw title, country)`` when the records give a country.
    ``scores`` holds the fuzzy score (0-100) of each fuzzy match, ``reasons`` why each unmatched
    title was left out (ambiguous between which roles, or what found nothing).
    """

    matched: dict[Any, tuple[str, str]]
    ambiguous: set[Any]
    scores: dict[Any, float] = field(default_factory=dict)
    reasons: dict[Any, str] = field(default_factory=dict)

    def counts(self, titles: list[Any]) -> dict[str, int]:
        counts = dict.fromkeys((*KINDS, "ambiguous", "unmatched"), 0)
        for title in titles:
            if title in self.matched:
                counts[self.matched[title][1]] += 1
            elif title in self.ambiguous:
                counts["ambiguous"] += 1
                counts["unmatched"] += 1
            else:
                counts["unmatched"] += 1
        return counts


def _split(item: Any) -> tuple[str, str | None]:
    return (item[0], item[1]) if isinstance(item, tuple) else (item, None)


def _both(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    return b if a is None else a if b is None else a & b


def map_titles(titles: list[Any], target: Target, threshold: float = FUZZY_THRESHOLD,
               overrides: dict[str, str] | None = None) -> Mapping:
    """Map each raw title (or ``(raw title, country)``) to one of the target's roles (see the
    module's docstring); ``overrides`` (raw title -> role id) win over every stage.

    Examples
    --------
    >>> target = load_target("roles")
    >>> titles = [("Senior Occupational Therapist", "UK"), ("Senior Occupational Therapist", "US")]
    >>> mapping = map_titles(titles, target)
    >>> [mapping.matched[t] for t in titles]
    [('nhs-specialist-ot', 'fuzzy'), ('us-senior-ot', 'exact')]
    """
    matched: dict[Any, tuple[str, str]] = {}
    ambiguous: set[Any] = set()
    reasons: dict[Any, str] = {}
    pending: list[tuple[Any, str, set[str] | None]] = []
    overrides = overrides or {}
    by_name = {normalize_name(raw): role for raw, role in overrides.items()}
    for item in titles:
        title, country = _split(item)
        key = normalize_name(title)
        if title in overrides or key in by_name:
            matched[item] = (overrides.get(title) or by_name[key], "override")
            continue
        band, place = target.of_band(title), target.of_country(country)
        allowed = _both(band, place)
        found = _staged(title, key, target, allowed)
        if found is None and band is not None and _band_alone(title):
            found = (sorted(allowed), "band")
        if found is None or not found[0]:
            reasons[item] = _nothing(title, country, band, place)
            if key:
                pending.append((item, key, allowed))
            continue
        ids, kind = found
        if len(ids) == 1:
            matched[item] = (ids[0], kind)
        else:
            ambiguous.add(item)
            reasons[item] = f"ambiguous ({kind}): {', '.join(ids)}"
    scores: dict[Any, float] = {}
    _fuzzy(pending, target, threshold, matched, ambiguous, scores, reasons)
    for item in matched:
        reasons.pop(item, None)
    return Mapping(matched, ambiguous, scores, reasons)


def _nothing(title: str, country: str | None, band: set[str] | None, place: set[str] | None) -> str:
    """Why no stage found a role for a title."""
    limits = []
    if band is not None:
        limits.append(f"band {parse_band(title).band}")
    if place is not None:
        limits.append(f"country {country_code(country)}")
    if not limits:
        return "no role matches"
    allowed = _both(band, place)
    return f"none of the {len(allowed)} roles of {' and '.join(limits)} matches"


def _only(ids: list[str] | None, allowed: set[str] | None) -> list[str]:
    return [i for i in ids or () if allowed is None or i in allowed]


def _band_alone(title: str) -> bool:
    """Whether a title names a band and, at most, the profession ("Band 8 Occupational Therapist")."""
    phrase = parse_band(title)
    return phrase is not None and (not phrase.rest or phrase.rest in PROFESSION_WORDS)


def _staged(title: str, key: str, target: Target, allowed: set[str] | None) -> tuple[list[str], str] | None:
    """The ids of the first exact, normalised or O*NET stage that finds any (of the band allowed)."""
    for kind, index, probe in (("exact", target.exact, title), ("normalised", target.normalised, key),
                               ("onet", target.onet, key)):
        ids = _only(index.get(probe), allowed)
        if ids:
            return ids, kind
    return None


def _fuzzy(pending: list[tuple[Any, str, set[str] | None]], target: Target, threshold: float,
           matched: dict[Any, tuple[str, str]], ambiguous: set[Any], scores: dict[Any, float],
           reasons: dict[Any, str]) -> None:
    """The fuzzy stage, over the names of the roles each title's band and country allow."""
    from rapidfuzz import fuzz, process

    if not pending:
        return
    everything = list(dict.fromkeys([*target.normalised, *target.onet]))
    for item, key, allowed in pending:
        choices = everything if allowed is None else [
            c for c in everything if _only([*target.normalised.get(c, []), *target.onet.get(c, [])], allowed)]
        best = process.extractOne(key, choices, scorer=fuzz.token_sort_ratio, score_cutoff=threshold)
        if best is None:
            continue
        ids = _only(list(dict.fromkeys([*target.normalised.get(best[0], []), *target.onet.get(best[0], [])])), allowed)
        if len(ids) == 1:
            matched[item] = (ids[0], "fuzzy")
            scores[item] = round(best[1], 1)
        else:
            ambiguous.add(item)
            reasons[item] = f"ambiguous (fuzzy, score {round(best[1], 1)}): {', '.join(ids)}"


def read_overrides(path: str | os.PathLike[str], target: Target) -> dict[str, str]:
    """An analyst's title overrides: a CSV with the columns ``raw_title`` and ``role_id`` (one row
    per raw title); :class:`~otgraph.errors.DataError` naming the file, row and field for a role
    the target has not, a title given twice with two roles, or a missing column.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "overrides.csv"
    >>> _ = f.write_text("raw_title,role_id" + chr(10) + "Band 7 OT,nhs-advanced-ot" + chr(10))
    >>> read_overrides(f, load_target("roles"))
    {'Band 7 OT': 'nhs-advanced-ot'}
    """
    from ..errors import DataError

    source = str(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
            header = rows and list(rows[0]) or []
    except OSError as exc:
        raise DataError(source, [f"cannot read: {exc.strerror or exc}"]) from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise DataError(source, [f"not a UTF-8 CSV file: {exc}"]) from None
    if not rows:
        raise DataError(source, ["no overrides: expected a header raw_title,role_id and one row per title"])
    missing = [c for c in ("raw_title", "role_id") if c not in header]
    if missing:
        raise DataError(source, [f"missing column {missing[0]!r} (the header is raw_title,role_id)"])
    out: dict[str, str] = {}
    for number, row in enumerate(rows, start=2):
        title, role = (row.get("raw_title") or "").strip(), (row.get("role_id") or "").strip()
        if not title:
            raise DataError(source, [f"row {number}, field raw_title: empty"])
        if role not in target.titles:
            raise DataError(source, [f"row {number}, field role_id: {role!r} is not a role of {target.name}"])
        if out.get(title, role) != role:
            raise DataError(source, [f"row {number}, field raw_title: {title!r} is given twice, with two roles "
                                     f"({out[title]} and {role})"])
        out[title] = role
    return out


def describe(target: Target | None) -> dict[str, Any] | None:
    if target is None:
        return None
    return {"dataset": target.name, "stages": list(KINDS), "fuzzy_scorer": FUZZY_SCORER,
            "fuzzy_threshold": FUZZY_THRESHOLD, "overrides": len(target.overrides)}


#: The first line of a mapping report.
AUDIT_NOTICE = ("# INTERNAL AUDIT FILE - NOT FOR PUBLICATION: raw job titles and the people holding each "
                "(otgraph learn --mapping-report)")

#: The columns of a mapping report.
AUDIT_HEADER = ["raw_title", "country", "people", "role_id", "method", "score", "reason"]


def audit_rows(entries: list[dict[str, Any]], min_count: int, unsafe: bool = False) -> list[list[Any]]:
    """The rows of a mapping report (``--mapping-report``): :data:`AUDIT_NOTICE`, the header, then
    every raw title held by at least ``min_count`` people (all of them when ``unsafe``), most
    people first, with its role and method (``exact``, ``alias``, ``normalised``, ``onet``,
    ``band``, ``fuzzy`` with its score, ``override``) or, for ``own role``, why it was left out;
    then the rarer titles only as a count per method.

    Examples
    --------
    >>> entries = [{"title": "Band 7 OT", "country": "UK", "people": 12, "role": "band-7-ot", "method": "own role",
    ...             "reason": "ambiguous (band): nhs-advanced-ot, nhs-ot-team-manager"},
    ...            {"title": "OT Band 5", "country": None, "people": 3, "role": "nhs-band5-ot", "method": "exact"}]
    >>> for row in audit_rows(entries, 10)[1:]:
    ...     print(row)
    ['raw_title', 'country', 'people', 'role_id', 'method', 'score', 'reason']
    ['Band 7 OT', 'UK', 12, 'band-7-ot', 'own role', '', 'ambiguous (band): nhs-advanced-ot, nhs-ot-team-manager']
    ['(1 title held by fewer than 10 people)', '', '', '', 'exact', '', '']
    """
    rows: list[list[Any]] = [[AUDIT_NOTICE], list(AUDIT_HEADER)]
    listed = sorted((e for e in entries if unsafe or e["people"] >= min_count),
                    key=lambda e: (-e["people"], e["title"], e["country"] or ""))
    for e in listed:
        score = e.get("score")
        rows.append([e["title"], e["country"] or "", e["people"], e["role"], e["method"],
                     "" if score is None else score, e.get("reason") or ""])
    rare: dict[str, int] = {}
    for e in entries:
        if not (unsafe or e["people"] >= min_count):
            rare[e["method"]] = rare.get(e["method"], 0) + 1
    for method, n in sorted(rare.items()):
        rows.append([f"({n} title{'s' if n != 1 else ''} held by fewer than {min_count} people)", "", "", "", method,
                     "", ""])
    return rows
