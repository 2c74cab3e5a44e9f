"""Raw titles to role ids (``otgraph learn``, step 4), the same Python for every engine.

Each raw title (with its country, when the records have one and ``--map-to`` is given) is
mapped to a role of the target dataset (:func:`otgraph.learn.mapping.map_titles`), or becomes a
role of its own: one per normalised name, named by its most common spelling when at least
``min_count`` people use it (:func:`otgraph.learn.privacy.role_ids`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import privacy
from .mapping import Target, map_titles

__all__ = ["MAX_NAMED", "Assigned", "assign_titles"]

#: How many unmapped titles the report names (those held by at least the minimum, most people first).
MAX_NAMED = 5


@dataclass
class Assigned:
    """What :func:`assign_titles` found.

    Attributes
    ----------
    role_of : dict of (str, str or None) to str
        ``(raw title, country) -> role id`` (country None unless mapped by country).
    titles : dict of str to str
        Role id -> its published title.
    role_ids : list of str
        The role ids, sorted (the engines number roles in this order).
    entries : list of dict
        The internal audit: one entry per raw title (and country), with its people, role and
        method, or why it was left out.
    report : dict
        The report's ``titles`` section (counts, and the most common titles left out).
    """

    role_of: dict[tuple[str, str | None], str]
    titles: dict[str, str]
    role_ids: list[str]
    entries: list[dict[str, Any]]
    report: dict[str, Any]


def assign_titles(rows: list[tuple[str, str | None, int]], target: Target | None, min_count: int,
                  by_country: bool = False, title_people: dict[str, int] | None = None) -> Assigned:
    """Raw titles to role ids, from ``(raw title, country, distinct people)`` sorted by title then
    country (country None unless ``by_country``); ``title_people`` gives each raw title's
    distinct people over all countries (default: the rows' own).

    Examples
    --------
    >>> found = assign_titles([("Occupational Therapist", None, 12), ("occupational therapist", None, 3)],
    ...                       None, 10)
    >>> found.role_of[("occupational therapist", None)], found.titles
    ('occupational-therapist', {'occupational-therapist': 'Occupational Therapist'})
    """
    from ..graph import normalize_name

    keys = [(r[0], r[1]) for r in rows]
    people = {(r[0], r[1]): r[2] for r in rows}
    if title_people is None:
        title_people = {}
        for (title, _), count in people.items():
            title_people[title] = title_people.get(title, 0) + count
    items = keys if by_country else [k[0] for k in keys]
    mapped = map_titles(items, target, overrides=target.overrides) if target is not None else None

    def key_of(item):
        return item if by_country else (item, None)

    matched = {key_of(i): m for i, m in mapped.matched.items()} if mapped else {}
    report: dict[str, Any] = {"distinct": len(keys), **(mapped.counts(items) if mapped else {})}
    if mapped is None:
        report["unmatched"] = len(keys)
    # Unmatched titles: one role per normalised name, named by its most common spelling.
    spellings: dict[str, dict[str, int]] = {}
    for title, country in keys:
        if (title, country) not in matched:
            spellings.setdefault(normalize_name(title), {})[title] = title_people[title]
    best = {key: min(choices.items(), key=lambda o: (-o[1], o[0])) for key, choices in spellings.items()}
    taken = set(target.titles) if target is not None else set()
    ids = privacy.role_ids({key: b[0] for key, b in best.items()}, taken)
    titles: dict[str, str] = {}
    for key, (spelling, count) in best.items():
        titles[ids[key]] = spelling if privacy.keep(count, min_count) else (key or ids[key])
    role_of: dict[tuple[str, str | None], str] = {}
    entries: list[dict[str, Any]] = []
    for item in items:
        title, country = key_of(item)
        entry: dict[str, Any] = {"title": title, "country": country, "people": people[title, country]}
        if (title, country) in matched:
            role_id, method = matched[title, country]
            titles[role_id] = target.titles[role_id]
            if method == "exact" and title not in (role_id, target.titles[role_id]):
                method = "alias"
            entry.update(role=role_id, method=method, score=mapped.scores.get(item))
        else:
            role_id = ids[normalize_name(title)]
            why = mapped.reasons.get(item, "no role matches") if mapped else "not mapped (no --map-to)"
            entry.update(role=role_id, method="own role", reason=why,
                         ambiguous=bool(mapped and item in mapped.ambiguous))
        role_of[title, country] = role_id
        entries.append(entry)
    if mapped is not None:
        left_out = [e for e in entries if e["method"] == "own role" and privacy.keep(e["people"], min_count)]
        left_out.sort(key=lambda e: (-e["people"], e["title"], e["country"] or ""))
        report["most_common_unmapped"] = [
            {"title": e["title"], **({"country": e["country"]} if e["country"] else {}), "why": e["reason"]}
            for e in left_out[:MAX_NAMED]]
    return Assigned(role_of, titles, sorted(set(role_of.values())), entries, report)
