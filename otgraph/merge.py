"""Merging several checked roles datasets into one, linked through O*NET-SOC codes.

>>> a = {"roles": [{"id": "x", "title": "X"}], "transitions": []}
>>> b = {"roles": [{"id": "y", "title": "Y"}], "transitions": []}
>>> [r["id"] for r in merge_roles([("a.json", a), ("b.json", b)])["roles"]]
['x', 'y']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .errors import DataError

__all__ = ["MERGE_SOURCE", "merge_roles"]

MERGE_SOURCE = "otgraph-merge"


def merge_roles(datasets: Sequence[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """Merge checked roles datasets, given as (file name, data), into one.

    Roles keep their ids (an id in two files is an error); qualifications and sources are
    pooled (one id with two different contents is an error). Files are then linked through
    O*NET-SOC codes: a role whose ``onet_soc`` is the id of a role in another file (an O*NET
    occupation) gets a move to that occupation, and the occupation gets a move back to the
    lowest-level role carrying its code, so routes can leave a ladder into neighbouring
    occupations and enter a ladder at its first rung, never skipping rungs.

    Parameters
    ----------
    datasets : sequence of (str, dict)
        Each file's name (for messages) and its checked data.

    Returns
    -------
    dict
        One roles dataset: ``meta`` (``{"merged": [names]}``), ``sources``, ``qualifications``,
        ``roles`` and ``transitions`` (with the O*NET links added, sourced to
        :data:`MERGE_SOURCE`).

    Raises
    ------
    DataError
        If a role id is in two files, or a qualification or source id has two different contents.

    Examples
    --------
    >>> ladder = {"roles": [{"id": "ot", "title": "OT", "level": 1, "onet_soc": "29-1122.00"}],
    ...           "transitions": []}
    >>> onet = {"roles": [{"id": "29-1122.00", "title": "Occupational Therapists"}], "transitions": []}
    >>> merged = merge_roles([("ladder.json", ladder), ("onet.json", onet)])
    >>> [(t["from"], t["to"]) for t in merged["transitions"]]
    [('ot', '29-1122.00'), ('29-1122.00', 'ot')]
    >>> merge_roles([("a.json", ladder), ("b.json", ladder)])
    Traceback (most recent call last):
    ...
    otgraph.errors.DataError: b.json: role id "ot" is also in a.json: ids must be unique across merged files
    """
    owner: dict[str, str] = {}
    roles: list[dict[str, Any]] = []
    transitions: list[dict[str, Any]] = []
    tables: dict[str, dict[str, Any]] = {"qualifications": {}, "sources": {}}
    where: dict[tuple[str, str], str] = {}
    for name, data in datasets:
        for role in data["roles"]:
            if role["id"] in owner:
                raise DataError(name, [f'role id "{role["id"]}" is also in {owner[role["id"]]}: ids must be unique '
                                       "across merged files"])
            owner[role["id"]] = name
            roles.append(role)
        transitions.extend(data["transitions"])
        items = [("qualifications", q["id"], q) for q in data.get("qualifications", [])]
        items += [("sources", k, v) for k, v in data.get("sources", {}).items()]
        for table, key, value in items:
            if key in tables[table] and tables[table][key] != value:
                raise DataError(name, [f'{table[:-1]} "{key}" differs from the one in {where[table, key]}'])
            tables[table].setdefault(key, value)
            where.setdefault((table, key), name)

    edges = {(t["from"], t["to"]) for t in transitions}
    links = []
    by_code: dict[str, list[dict[str, Any]]] = {}
    for role in roles:
        code = role.get("onet_soc")
        if code and code in owner and owner[code] != owner[role["id"]]:
            by_code.setdefault(code, []).append(role)
    for code, members in by_code.items():
        for role in members:
            links.append((role["id"], code))
        entry = min(members, key=lambda r: (r.get("level", float("inf")), roles.index(r)))
        links.append((code, entry["id"]))
    for u, v in links:
        if (u, v) not in edges:
            edges.add((u, v))
            transitions.append({"from": u, "to": v, "years": 0, "years_basis": "source", "qualifications": [],
                                "note": "Same O*NET-SOC occupation: a link between merged files.",
                                "sources": [MERGE_SOURCE]})
    if links:
        tables["sources"][MERGE_SOURCE] = {
            "title": "otgraph merge: roles linked to the O*NET occupation whose code they carry",
            "kind": "analysis"}
    return {
        "meta": {"merged": [name for name, _ in datasets]},
        "sources": tables["sources"],
        "qualifications": list(tables["qualifications"].values()),
        "roles": roles,
        "transitions": transitions,
    }
