"""The name index behind :mod:`otgraph.names`: normalized names -> ids, one table per kind of name.

A role's names are kept apart by kind, so lookup can try them in order (see
:func:`otgraph.names.find_role`): ``names`` (its id and title), ``aliases``, ``synonyms``
(everyday names, lookup only) and ``reported`` (O*NET's reported job titles). Each table keeps
the normalized name and its singular form. A qualification index has ``names`` and ``aliases``.

>>> index = _Index([("a", {"title": "Alpha Worker", "synonyms": [{"text": "AW", "source": "s"}]})])
>>> index.lookup("aw", "synonyms"), index.lookup("alpha workers", "names")
(['a'], ['a'])
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

__all__ = ["KINDS", "SUGGESTION_CUTOFF", "UK_US_SPELLINGS", "normalize_name"]

_NOT_WORD = re.compile(r"[\W_]+")

#: British spellings folded to American ones, so either finds a role ("Paediatric" or "Pediatric").
UK_US_SPELLINGS = {
    "paediatric": "pediatric", "paediatrics": "pediatrics", "orthopaedic": "orthopedic",
    "orthopaedics": "orthopedics", "haem": "hem", "haematology": "hematology", "haemoncology": "hemoncology",
    "licence": "license", "licenced": "licensed", "programme": "program", "programmes": "programs",
    "centre": "center", "centres": "centers", "behaviour": "behavior", "behavioural": "behavioral",
    "organisation": "organization", "specialised": "specialized", "specialisation": "specialization",
    "labour": "labor", "counselling": "counseling", "counsellor": "counselor",
}

#: Suggestions on a miss: the rapidfuzz token_sort_ratio score (0-100) a name must reach to be offered.
SUGGESTION_CUTOFF = 80

#: The kinds of name, in lookup order, and the field each is read from.
KINDS = {"names": ("title",), "aliases": ("aliases",), "synonyms": ("synonyms",), "reported": ("reported_titles",)}


def normalize_name(name: str) -> str:
    """Lower-case a name, reduce punctuation and spacing to single spaces, and fold British
    spellings to American ones.

    Parameters
    ----------
    name : str
        A role or qualification name as someone typed it.

    Returns
    -------
    str
        The key names are compared by (see :data:`UK_US_SPELLINGS`).

    Examples
    --------
    >>> normalize_name("  Paediatric Occupational-Therapist ")
    'pediatric occupational therapist'
    """
    words = _NOT_WORD.sub(" ", name.casefold()).split()
    return " ".join(UK_US_SPELLINGS.get(w, w) for w in words)


def singular(key: str) -> str:
    """The key with its last word made singular ("occupational therapists" -> "... therapist")."""
    head, _, last = key.rpartition(" ")
    if len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is")):
        last = last[:-3] + "y" if last.endswith("ies") else last[:-1]
    return f"{head} {last}" if head else last


def _labels(key_id: str, attrs: dict[str, Any], kind: str) -> list[str]:
    labels: list[Any] = [key_id] if kind == "names" else []
    for field in KINDS[kind]:
        value = attrs.get(field)
        labels += [value] if isinstance(value, str) else list(value or ())
    return [str(x["text"] if isinstance(x, dict) else x) for x in labels if isinstance(x, (str, dict))]


class _Index:
    """Normalized names (and their singular forms) -> ids, one table per kind of name."""

    def __init__(self, items: Iterable[tuple[str, dict[str, Any]]]):
        self.tables: dict[str, dict[str, dict[str, list[str]]]] = {
            kind: {"exact": {}, "folded": {}} for kind in KINDS}
        for key_id, attrs in items:
            for kind, table in self.tables.items():
                for label in _labels(key_id, attrs, kind):
                    key = normalize_name(label)
                    if key:
                        for part, k in (("exact", key), ("folded", singular(key))):
                            ids = table[part].setdefault(k, [])
                            if key_id not in ids:
                                ids.append(key_id)

    def lookup(self, name: str, kind: str) -> list[str]:
        """Ids that have ``name`` as a name of this kind (exactly, or in its singular form)."""
        key, table = normalize_name(name), self.tables[kind]
        return table["exact"].get(key) or table["folded"].get(singular(key), [])

    def keys(self) -> dict[str, list[str]]:
        """Every normalized name -> ids, over all kinds (worked out once per index)."""
        merged: dict[str, list[str]] | None = self.__dict__.get("_keys")
        if merged is not None:
            return merged
        merged = self.__dict__.setdefault("_keys", {})
        for table in self.tables.values():
            for key, ids in table["exact"].items():
                merged.setdefault(key, [])
                merged[key] += [i for i in ids if i not in merged[key]]
        return merged

    def suggest(self, name: str, n: int = 5) -> list[str]:
        """Close names, best first: whole names by rapidfuzz's token_sort_ratio, then names in
        which every word typed is a word, or nearly ("alpah" finds "Alpha Worker")."""
        from rapidfuzz import fuzz, process

        key = normalize_name(name)
        if not key:
            return []
        exact = self.keys()
        matches = [m for m, _, _ in process.extract(key, list(exact), scorer=fuzz.token_sort_ratio,
                                                     limit=n * 3, score_cutoff=SUGGESTION_CUTOFF)]
        if len(matches) < n and len(key) >= 3:
            words = {w for k in exact for w in k.split()}
            near = [{w, *(m for m, _, _ in process.extract(w, words, scorer=fuzz.ratio, limit=3,
                                                           score_cutoff=SUGGESTION_CUTOFF))}
                    for w in key.split()]
            matches += sorted((k for k in exact
                               if k not in matches and all(set(k.split()) & options for options in near)), key=len)
        found: list[str] = []
        for match in matches:
            for i in exact[match]:
                if i not in found:
                    found.append(i)
        return found[:n]
