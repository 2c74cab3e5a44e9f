"""Building the networkx.DiGraph of a dataset in one pass.

:func:`build_graph` fills the DiGraph's own adjacency dicts straight from the parsed (and
checked) data: one dict per role and per move, nothing copied twice. It reads the entry
requirements in the same pass and hands them to :mod:`otgraph.gates`, so the first route
question does not walk the graph again to find them. (The graph's compact snapshot, for the
dataset cache, is :mod:`otgraph._fast.snapshot`.)

>>> data = {"roles": [{"id": "a", "title": "A"}, {"id": "b", "title": "B", "requires": ["q"]}],
...         "transitions": [{"from": "a", "to": "b", "years": 2, "awards": ["q"]}]}
>>> G = build_graph(data)
>>> G.edges["a", "b"]["awards"], G.nodes["b"]["requires"]
(['q'], ['q'])
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ._fast.nx_internals import graph_dicts
from .gates import Gates, remember_gates

__all__ = ["build_graph", "move_attributes", "role_attributes"]


def build_graph(data: dict[str, Any]) -> nx.DiGraph:
    """The DiGraph of parsed, checked roles data (see :func:`otgraph.graph.CareerGraph.from_data`)."""
    G = nx.DiGraph(
        meta=data.get("meta", {}),
        sources=data.get("sources", {}),
        qualifications={q["id"]: {k: v for k, v in q.items() if k != "id"} for q in data.get("qualifications", [])},
    )
    if data.get("routes"):
        G.graph["routes"] = data["routes"]  # route statistics from people (otgraph learn --routes)
    node, succ, pred = graph_dicts(G)
    role_groups: dict[str, Any] = {}
    for r in data["roles"]:
        n = r["id"]
        attrs = role_attributes(r)
        if n in node:
            node[n].update(attrs)
        else:
            node[n], succ[n], pred[n] = attrs, {}, {}
        if attrs.get("requires"):
            role_groups[n] = attrs["requires"]
    move_groups: dict[tuple[str, str], Any] = {}
    awards: dict[tuple[str, str], Any] = {}
    for t in data["transitions"]:
        u, v = t["from"], t["to"]
        d = _move(t)
        for end in (u, v):
            if end not in node:  # as add_edge does (checked data never needs it)
                node[end], succ[end], pred[end] = {}, {}, {}
        old = succ[u].get(v)
        if old is not None:
            old.update(d)
            d = old
        else:
            succ[u][v] = pred[v][u] = d
        if d["requires"]:
            move_groups[u, v] = d["requires"]
        if d["awards"]:
            awards[u, v] = d["awards"]
    remember_gates(G, Gates.from_parts(role_groups, move_groups, awards))
    return G


def _move(t: dict[str, Any]) -> dict[str, Any]:
    """:func:`otgraph.graph.move_attributes`, quicker for version-2 moves (the common case)."""
    if "qualifications" in t or "years_basis" in t or "years_evidence" not in t or "years_kind" not in t \
            or "awards" not in t:
        return move_attributes(t)
    d = t.copy()
    del d["from"], d["to"]
    if "years_min" not in d:
        d["years_min"] = d["years"]
    if "years_max" not in d:
        d["years_max"] = d["years"]
    if "requires" not in d:
        d["requires"] = []
    return d


def role_attributes(role: dict[str, Any]) -> dict[str, Any]:
    """A role's node attributes: its fields without the id; a version-1 ``salary`` read as ``pay``.

    >>> role_attributes({"id": "a", "title": "A", "salary": {"currency": "GBP", "min": 1, "source": "s"}})["pay"]
    [{'currency': 'GBP', 'min': 1, 'evidence': {'grade': 'sourced', 'source': 's'}}]
    """
    out = {k: v for k, v in role.items() if k != "id"}
    out.setdefault("kind", "job")
    salary = out.get("salary")
    if isinstance(salary, dict) and "pay" not in out:
        figure = {k: v for k, v in salary.items() if k != "source"}
        figure["evidence"] = {"grade": "sourced", "source": salary["source"]} if salary.get("source") else \
            {"grade": "estimate"}
        out["pay"] = [figure]
    return out


def move_attributes(move: dict[str, Any]) -> dict[str, Any]:
    """A move's edge attributes in the version-2 model: ``years`` (typical), ``years_min``,
    ``years_max`` (None: open), ``years_kind``, ``years_evidence``, ``awards``, ``requires``.
    Version-1 files (``qualifications``, ``years_basis``) are mapped on read.

    >>> a = move_attributes({"from": "x", "to": "y", "years": 2, "years_basis": "estimate", "qualifications": ["q"]})
    >>> a["awards"], a["years_min"], a["years_max"], a["years_evidence"]["grade"], a["years_kind"]
    (['q'], 2, 2, 'estimate', 'estimate')
    """
    out = {k: v for k, v in move.items() if k not in ("from", "to", "qualifications", "years_basis")}
    if "awards" not in out:
        out["awards"] = list(move.get("qualifications") or ())
    years = move["years"]
    out.setdefault("years_min", years)
    if "years_max" not in move:
        out["years_max"] = years
    if "years_evidence" not in out:
        out["years_evidence"] = {"grade": "estimate" if move.get("years_basis") == "estimate" else "sourced"}
    if "years_kind" not in out:
        out["years_kind"] = "estimate" if out["years_evidence"].get("grade") == "estimate" else "source-range"
    out.setdefault("requires", [])
    return out
