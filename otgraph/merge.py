"""Merging several checked roles datasets into one, linked through O*NET-SOC codes.

>>> a = {"roles": [{"id": "x", "title": "X"}], "transitions": []}
>>> b = {"roles": [{"id": "y", "title": "Y"}], "transitions": []}
>>> [r["id"] for r in merge_roles([("a.json", a), ("b.json", b)])["roles"]]
['x', 'y']

The rules:

- **Ids are unique across files**, except for a *learned* overlay: a file whose ``meta`` has
  ``learned`` (what ``otgraph learn --map-to`` writes) may repeat the ids of another file's roles.
  The two become one role: the curated fields and requirements win, and the learned
  ``observed`` statistics are added beside them. A learned move between the same pair as a
  curated move is the curated move with the learned ``observed`` block added, which keeps the
  learned years as ``observed.years_quartiles`` (p25, median, p75) and ``observed.n``; learned moves and
  roles the curated data lacks are added as they are. Without the marker a repeated id is an error.
- **Qualifications, skills and sources are pooled**; one id with two different contents is an error,
  unless exactly one of the two files is generated (``meta.imported``, as ``otgraph import onet``
  writes, or ``meta.learned``): then the hand-written file's entry wins. The O*NET import defines
  the curated OT and OT-assistant qualification ids itself (so it validates alone), and the
  curated entries replace them when both are loaded.
- **Links through O*NET-SOC codes.** A role whose ``onet_soc`` is the id of a role in another file
  (an O*NET occupation) gets a move to that occupation, and the occupation a move back to the
  lowest-level role carrying its code (routes leave a ladder into neighbouring occupations and
  enter it at its first rung, never skipping rungs). A curated role keeps its own requirements,
  so a route into it through O*NET must meet them. The occupation keeps *its own* requirements
  (the licence table gives them only to codes such as 29-1122.00 and 31-2011.00, never to broad
  codes such as 11-9111.00 managers); where one of its groups shares an id with a group of the
  entry rung, the curated group (with its alternatives) replaces it, so both sides agree. The
  move into the occupation awards its *background* requirements, which a holder of a role in
  the occupation has: its Job Zone preparation and the prior degree its entry education builds
  on (``us-bachelors-degree``); it never awards an education, exam or licence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .errors import DataError

__all__ = ["MERGE_EVIDENCE", "MERGE_SOURCE", "merge_roles"]

MERGE_SOURCE = "otgraph-merge"
MERGE_EVIDENCE = {"grade": "derived", "rule": "same-onet-code", "source": MERGE_SOURCE,
                  "locator": "otgraph merge rule"}
#: Id prefix of O*NET's Job Zone preparation qualifications (see otgraph.importers.onet).
ZONE_PREFIX = "onet-job-zone-"
#: The prior degree the O*NET licence table names (see otgraph.importers.onet_licensing), and the
#: management experience every holder of a management occupation has (otgraph.importers.onet_rules).
PRIOR_DEGREES = frozenset({"us-bachelors-degree", "management-experience"})


def _background(qid: object) -> bool:
    """A requirement a holder of any role in an occupation has by being in it: its Job Zone
    preparation, the prior degree its entry education builds on, or a management occupation's
    management experience; never an education, exam or licence of its own."""
    return isinstance(qid, str) and (qid.startswith(ZONE_PREFIX) or qid in PRIOR_DEGREES)


#: The ``meta`` tables of names (see :func:`otgraph.names.find_role`) a merge keeps from every file.
NAME_TABLES = ("abbreviations", "neighbouring_professions")


def _meta(data: dict[str, Any]) -> dict[str, Any]:
    meta = data.get("meta")
    return meta if isinstance(meta, dict) else {}


def _ids(group: Any) -> list[str]:
    return list(group) if isinstance(group, list) else [group]


def merge_roles(datasets: Sequence[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """Merge checked roles datasets, given as (file name, data), into one.

    Roles keep their ids (an id in two files is an error, except a learned overlay); qualifications
    and sources are pooled (one id with two different contents is an error, unless one file is
    generated: then the hand-written entry wins). Files are then linked through O*NET-SOC codes:
    a role whose ``onet_soc`` is the id of a role in another file (an O*NET occupation) gets a
    move to that occupation, and the occupation gets a move back to the lowest-level role
    carrying its code, so routes can leave a ladder into neighbouring occupations and enter a
    ladder at its first rung, never skipping rungs. The module's docstring gives every rule.
    The inputs are not changed: roles and moves that the merge alters are copies.

    Parameters
    ----------
    datasets : sequence of (str, dict)
        Each file's name (for messages) and its checked data.

    Returns
    -------
    dict
        One roles dataset: ``meta`` (``{"merged": [names]}``, and ``learned`` naming the learned
        overlays), ``sources``, ``qualifications``, ``roles`` and ``transitions`` (with the O*NET
        links added in the version-2 shape, sourced to :data:`MERGE_SOURCE`).

    Raises
    ------
    DataError
        If a role id is in two files (neither a learned overlay), or a qualification or source id
        has two different contents in two hand-written (or two generated) files.

    Examples
    --------
    >>> ladder = {"roles": [{"id": "ot", "title": "OT", "level": 1, "onet_soc": "29-1122.00"}],
    ...           "transitions": []}
    >>> onet = {"roles": [{"id": "29-1122.00", "title": "Occupational Therapists"}], "transitions": []}
    >>> merged = merge_roles([("ladder.json", ladder), ("onet.json", onet)])
    >>> [(t["from"], t["to"]) for t in merged["transitions"]]
    [('ot', '29-1122.00'), ('29-1122.00', 'ot')]
    >>> merged["transitions"][0]["years_evidence"]["rule"]
    'same-onet-code'
    >>> merge_roles([("a.json", ladder), ("b.json", ladder)])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    otgraph.errors.DataError: b.json: role id "ot" is also in a.json: ids must be unique across merged files ...
    >>> learned = {"meta": {"learned": "otgraph learn"}, "transitions": [],
    ...            "roles": [{"id": "ot", "title": "ot", "observed": {"headcount": 9, "n": 9}}]}
    >>> merge_roles([("ladder.json", ladder), ("learned.json", learned)])["roles"][0]
    {'id': 'ot', 'title': 'OT', 'level': 1, 'onet_soc': '29-1122.00', 'observed': {'headcount': 9, 'n': 9}}
    """
    pooled = _RolePool()
    moves: list[tuple[bool, dict[str, Any]]] = []
    tables = _TablePool()
    for name, data in datasets:
        meta = _meta(data)
        learned = bool(meta.get("learned"))
        for role in data["roles"]:
            pooled.add(name, role, learned)
        moves.extend((learned, t) for t in data["transitions"])
        tables.add(name, data, generated=learned or bool(meta.get("imported")))
    roles, owner = pooled.roles, pooled.owner
    transitions = _overlay_moves(moves)
    links = _code_links(roles, transitions, owner)
    edges = {(t["from"], t["to"]) for t in transitions}
    for u, v, awards in links:
        if (u, v) not in edges:
            edges.add((u, v))
            transitions.append({"from": u, "to": v, "years": 0, "years_min": 0, "years_max": 0,
                                "years_kind": "estimate", "years_evidence": dict(MERGE_EVIDENCE),
                                "awards": [q for q in awards if q in tables.qualifications], "requires": [],
                                "note": "Same O*NET-SOC occupation: a link between merged files.",
                                "sources": [MERGE_SOURCE]})
    if links:
        tables.sources[MERGE_SOURCE] = {
            "title": "otgraph merge: roles linked to the O*NET occupation whose code they carry",
            "kind": "analysis"}
    return {
        "meta": _merged_meta(datasets),
        "sources": tables.sources,
        "qualifications": list(tables.qualifications.values()),
        **({"skills": list(tables.skills.values())} if tables.skills else {}),
        "roles": roles,
        "transitions": transitions,
    }


class _RolePool:
    """Roles by id across files: one file owns each id; a learned overlay of a curated role
    adds its observed figures."""

    def __init__(self) -> None:
        self.owner: dict[str, str] = {}  # role id -> the file whose definition counts
        self.learned: dict[str, bool] = {}
        self.index: dict[str, int] = {}
        self.roles: list[dict[str, Any]] = []

    def add(self, name: str, role: dict[str, Any], learned: bool) -> None:
        rid = role["id"]
        if rid not in self.owner:
            self.owner[rid], self.learned[rid], self.index[rid] = name, learned, len(self.roles)
            self.roles.append(role)
        elif learned != self.learned[rid]:
            first = self.roles[self.index[rid]]
            curated, observed = (first, role) if learned else (role, first)
            self.roles[self.index[rid]] = _overlay(curated, observed)
            if not learned:
                self.owner[rid] = name
            self.learned[rid] = False
        else:
            raise DataError(name, [f'role id "{rid}" is also in {self.owner[rid]}: ids must be unique across merged '
                                   "files (a learned file, meta.learned, may repeat them)"])


class _TablePool:
    """Qualifications, skills and sources pooled by id: one id with two contents is an error
    unless one file is generated, and then the hand-written entry wins."""

    def __init__(self) -> None:
        self.qualifications: dict[str, Any] = {}
        self.skills: dict[str, Any] = {}
        self.sources: dict[str, Any] = {}
        self.where: dict[tuple[str, str], tuple[str, bool]] = {}

    def add(self, name: str, data: dict[str, Any], generated: bool) -> None:
        items = [(table, q["id"], q) for table in ("qualifications", "skills") for q in data.get(table, [])]
        items += [("sources", k, v) for k, v in data.get("sources", {}).items()]
        for table, key, value in items:
            pool = getattr(self, table)
            if key not in pool:
                pool[key], self.where[table, key] = value, (name, generated)
            elif pool[key] != value:
                first, first_generated = self.where[table, key]
                if first_generated == generated:
                    raise DataError(name, [f'{table[:-1]} "{key}" differs from the one in {first}'])
                if first_generated:  # the hand-written entry wins
                    pool[key], self.where[table, key] = value, (name, generated)


def _code_links(roles: list[dict[str, Any]], transitions: list[dict[str, Any]],
                owner: dict[str, str]) -> list[tuple[str, str, list[str]]]:
    """(from, to, awards) for each link through an O*NET-SOC code between files: every role
    carrying the code to the occupation, and the occupation back to the ladder's entry post.
    Replaces the occupation's entry in ``roles`` by the one agreeing with its entry post."""
    by_id = {r["id"]: i for i, r in enumerate(roles)}
    by_code: dict[str, list[dict[str, Any]]] = {}
    for role in roles:
        code = role.get("onet_soc")
        if code and code in owner and owner[code] != owner[role["id"]]:
            by_code.setdefault(code, []).append(role)
    links: list[tuple[str, str, list[str]]] = []
    posts = _entry_posts(roles, transitions, owner)
    for code, members in by_code.items():
        entry = min(members, key=lambda r: (r["id"] not in posts, r.get("level", float("inf")), by_id[r["id"]]))
        occupation = roles[by_id[code]] = _agree(roles[by_id[code]], entry)
        background = [_ids(g)[0] for g in occupation.get("requires") or [] if all(map(_background, _ids(g)))]
        links.extend((role["id"], code, background) for role in members)
        if entry["id"] in posts:
            links.append((code, entry["id"], []))
    return links


def _merged_meta(datasets: Sequence[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """The files merged, the name tables each file's lookup knows, and the learned overlays."""
    meta: dict[str, Any] = {"merged": [name for name, _ in datasets]}
    for table in NAME_TABLES:  # the names each file's lookup knows (otgraph.names)
        rows = [row for _, data in datasets for row in (_meta(data).get(table) or [])]
        if rows:
            meta[table] = rows
    overlays = [name for name, data in datasets if _meta(data).get("learned")]
    if overlays:
        meta["learned"] = overlays
    return meta


def _entry_posts(roles: list[dict[str, Any]], transitions: list[dict[str, Any]], owner: dict[str, str]) -> set[str]:
    """The entry posts of the ladders: roles that no job of their own file leads into (only
    education stages, or nothing). A ladder's experience figures above its entry post are
    preferred experience, not gates, so an O*NET move that skipped them would undercut the ladder."""
    job = {r["id"]: r.get("kind", "job") == "job" for r in roles}
    entered_from_job = {t["to"] for t in transitions
                        if job.get(t["from"]) and owner.get(t["from"]) == owner.get(t["to"])}
    return {r["id"] for r in roles if job[r["id"]] and r["id"] not in entered_from_job}


def _with_source(item: dict[str, Any], sources: Any) -> None:
    extra = [s for s in sources or [] if s not in (item.get("sources") or [])]
    if extra:
        item["sources"] = [*(item.get("sources") or []), *extra]


def _overlay(curated: dict[str, Any], learned: dict[str, Any]) -> dict[str, Any]:
    """The curated role (or move) with the learned ``observed`` block beside its own fields; a
    learned move's observed years (quartiles) and their ``n`` go into the block, as the curated
    ``years`` win.

    >>> move = _overlay({"from": "a", "to": "b", "years": 1},
    ...                 {"from": "a", "to": "b", "years": 1.8, "years_min": 1.2, "years_max": 2.6,
    ...                  "years_kind": "observed-iqr", "years_evidence": {"grade": "observed", "n": 12},
    ...                  "observed": {"count": 12, "people": 12}})
    >>> move["years"], move["observed"]
    (1, {'count': 12, 'people': 12, 'years_quartiles': [1.2, 1.8, 2.6], 'n': 12})
    """
    merged = dict(curated)
    if "observed" in learned:
        merged["observed"] = dict(learned["observed"])
        if learned.get("years_kind") == "observed-iqr":
            merged["observed"]["years_quartiles"] = [learned.get("years_min"), learned.get("years"),
                                                     learned.get("years_max")]
            n = (learned.get("years_evidence") or {}).get("n")
            merged["observed"]["n"] = n if n is not None else learned["observed"].get("count")
        _with_source(merged, learned.get("sources"))
    return merged


def _overlay_moves(moves: list[tuple[bool, dict[str, Any]]]) -> list[dict[str, Any]]:
    """All moves in file order; a learned move between a curated move's pair is folded into it."""
    curated = {(t["from"], t["to"]): i for i, (learned, t) in enumerate(moves) if not learned}
    out: dict[int, dict[str, Any]] = {}
    folded: dict[int, dict[str, Any]] = {}
    for i, (learned, t) in enumerate(moves):
        pair = (t["from"], t["to"])
        if learned and pair in curated:
            folded[curated[pair]] = t
        else:
            out[i] = t
    for i, t in folded.items():
        out[i] = _overlay(out[i], t)
    return [out[i] for i in sorted(out)]


def _agree(occupation: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
    """The O*NET occupation with each requirement group that shares an id with a group of the
    curated entry rung replaced by the curated group (and its evidence)."""
    groups, curated = occupation.get("requires") or [], entry.get("requires") or []
    if not groups or not curated:
        return occupation
    new_groups, changed = list(groups), False
    evidence = occupation.get("requires_evidence")
    new_evidence = list(evidence) if isinstance(evidence, list) and len(evidence) == len(groups) else None
    curated_evidence = entry.get("requires_evidence")
    for j, group in enumerate(groups):
        ids = set(_ids(group))
        for k, theirs in enumerate(curated):
            if ids & set(_ids(theirs)) and group != theirs:
                new_groups[j], changed = theirs, True
                if new_evidence is not None and isinstance(curated_evidence, list) \
                        and len(curated_evidence) == len(curated):
                    new_evidence[j] = curated_evidence[k]
                break
    if not changed:
        return occupation
    out = dict(occupation, requires=new_groups)
    if new_evidence is not None:
        out["requires_evidence"] = new_evidence
    return out
