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
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from ..bands import PROFESSION_WORDS, band_matches, parse_band
from ..graph import normalize_name

__all__ = ["FUZZY_SCORER", "FUZZY_THRESHOLD", "KINDS", "Mapping", "Target", "describe", "load_target", "map_titles"]

#: The least rapidfuzz token_sort_ratio (0-100) at which a title is matched by fuzzy matching.
FUZZY_THRESHOLD = 90.0
FUZZY_SCORER = "rapidfuzz.fuzz.token_sort_ratio"

KINDS = ("exact", "normalised", "onet", "band", "fuzzy")


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
    """Raw title -> (role id, how it was matched); titles not in ``matched`` are unmatched."""

    matched: dict[str, tuple[str, str]]
    ambiguous: set[str]

    def counts(self, titles: list[str]) -> dict[str, int]:
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


def map_titles(titles: list[str], target: Target, threshold: float = FUZZY_THRESHOLD) -> Mapping:
    """Map each raw title to one of the target's roles (see the module's docstring)."""
    matched: dict[str, tuple[str, str]] = {}
    ambiguous: set[str] = set()
    pending: list[tuple[str, str, set[str] | None]] = []
    for title in titles:
        key, allowed = normalize_name(title), target.of_band(title)
        found = _staged(title, key, target, allowed)
        if found is None and allowed is not None and _band_alone(title):
            found = (sorted(allowed), "band")
        if found is None:
            if key:
                pending.append((title, key, allowed))
            continue
        ids, kind = found
        if len(ids) == 1:
            matched[title] = (ids[0], kind)
        else:
            ambiguous.add(title)
    _fuzzy(pending, target, threshold, matched, ambiguous)
    return Mapping(matched, ambiguous)


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


def _fuzzy(pending: list[tuple[str, str, set[str] | None]], target: Target, threshold: float,
           matched: dict[str, tuple[str, str]], ambiguous: set[str]) -> None:
    """The fuzzy stage, over the names of the roles each title's band allows."""
    from rapidfuzz import fuzz, process

    if not pending:
        return
    everything = list(dict.fromkeys([*target.normalised, *target.onet]))
    for title, key, allowed in pending:
        choices = everything if allowed is None else [
            c for c in everything if _only([*target.normalised.get(c, []), *target.onet.get(c, [])], allowed)]
        best = process.extractOne(key, choices, scorer=fuzz.token_sort_ratio, score_cutoff=threshold)
        if best is None:
            continue
        ids = _only(list(dict.fromkeys([*target.normalised.get(best[0], []), *target.onet.get(best[0], [])])), allowed)
        if len(ids) == 1:
            matched[title] = (ids[0], "fuzzy")
        else:
            ambiguous.add(title)


def describe(target: Target | None) -> dict[str, Any] | None:
    if target is None:
        return None
    return {"dataset": target.name, "stages": list(KINDS), "fuzzy_scorer": FUZZY_SCORER,
            "fuzzy_threshold": FUZZY_THRESHOLD}
