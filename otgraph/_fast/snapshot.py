"""The compact snapshot of a built graph, for the dataset cache (:mod:`otgraph.load`).

:func:`encode` and :func:`decode` turn a built graph into plain JSON and back: roles as their
attribute dicts, moves as (from, to, template) triples of indices, a template being one kind of
move's fields as indices into a table of distinct values (a few thousand templates stand for
millions of moves). Every container value is copied per move on decoding, so no two moves
share a list or dict (unless ``shared``, for a graph that is only read). :func:`decode` raises
``ValueError`` on anything that is not a snapshot it wrote.

>>> from otgraph.build import build_graph
>>> G = build_graph({"roles": [{"id": "a", "title": "A"}, {"id": "b", "title": "B", "requires": ["q"]}],
...                  "transitions": [{"from": "a", "to": "b", "years": 2, "awards": ["q"]}]})
>>> H = decode(encode(G))
>>> list(H.edges(data=True)) == list(G.edges(data=True)) and H.edges["a", "b"] is not G.edges["a", "b"]
True
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from ..gates import Gates, remember_gates
from .nx_internals import graph_dicts, successors

__all__ = ["FORMAT", "decode", "encode", "exact_in_orjson"]

#: The snapshot format; a snapshot of another format is rebuilt.
FORMAT = 1


def encode(G: nx.DiGraph) -> dict[str, Any]:
    """A JSON value holding everything in ``G`` (see :func:`decode`)."""
    ids = list(G)
    index = {n: i for i, n in enumerate(ids)}
    values: list[Any] = []
    value_index: dict[Any, int] = {}
    templates: list[list[Any]] = []  # each: [[field, value index], ...]
    template_index: dict[tuple[Any, ...], int] = {}
    edges: list[int] = []  # u, v, template, u, v, template, ...
    by_repr: dict[str, int] = {}  # equal reprs are equal JSON values, key order and types included
    asked = hits = 0
    keyed = True  # dropped when the first moves show few alike: the reprs would cost more than they save
    for u, nbrs in successors(G).items():
        i = index[u]
        for v, d in nbrs.items():
            t = None
            if keyed:
                r = repr(d)
                t = by_repr.get(r)
                asked += 1
                if t is not None:
                    hits += 1
                elif asked >= _SAMPLE and hits * 10 < asked:
                    keyed = False
            if t is None:
                fields = []
                for key, value in d.items():
                    cls = value.__class__
                    text = (cls, value) if cls in _SCALARS else _value_key(value)
                    j = value_index.get(text)
                    if j is None:
                        j = value_index[text] = len(values)
                        values.append(value)
                    fields.append((key, j))
                shape = tuple(fields)
                t = template_index.get(shape)
                if t is None:
                    t = template_index[shape] = len(templates)
                    templates.append([list(f) for f in fields])
                if keyed:
                    by_repr[r] = t
            edges += (i, index[v], t)
    return {"format": FORMAT, "graph": G.graph, "ids": ids, "nodes": [G.nodes[n] for n in ids],
            "values": values, "templates": templates, "edges": edges}


_SCALARS = frozenset({str, float, int, bool, type(None)})

#: How many moves :func:`encode` looks at before deciding whether whole-move keys pay.
_SAMPLE = 2000


def exact_in_orjson(value: Any) -> bool:
    """Does orjson write and read ``value`` back exactly? Not if it holds NaN or an infinity
    (written as null) or an integer beyond 64 bits (read back as a float).

    >>> exact_in_orjson({"a": [1, 2.5, "x", None]}), exact_in_orjson([float("nan")]), exact_in_orjson(2**70)
    (True, False, False)
    """
    cls = value.__class__
    if cls is str or value is None or cls is bool:
        return True
    if cls is int:
        return -(2**63) <= value < 2**64
    if cls is float:
        return value - value == 0.0  # false for NaN and the infinities
    if cls is list:
        return all(map(exact_in_orjson, value))
    if cls is dict:
        return all(map(exact_in_orjson, value.values()))
    return False


def _value_key(value: Any) -> Any:
    """A hashable key equal for equal JSON values (1, 1.0 and True stay apart, as in JSON)."""
    cls = value.__class__
    if cls in _SCALARS:
        return cls, value
    if cls is list:
        return list, tuple(_value_key(x) for x in value)
    if cls is dict:
        return dict, tuple(sorted((k, _value_key(x)) for k, x in value.items()))
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def decode(snapshot: Any, shared: bool = False) -> nx.DiGraph:
    """The DiGraph a snapshot from :func:`encode` holds; ValueError if it is not one.

    ``shared``: moves of one template share a single attribute dict (for a graph that is only
    read: no copies, so several times quicker and smaller on a big graph)."""
    try:
        return _decode(snapshot, shared)
    except (KeyError, IndexError, TypeError, AttributeError, ValueError) as exc:
        raise ValueError(f"not a dataset snapshot: {exc!r}") from None


def _copier(value: Any) -> Any:
    """How to copy a value for one move: None (immutable), a shallow copy, or a deep one."""
    if isinstance(value, list):
        return list.copy if all(not isinstance(x, (list, dict)) for x in value) else _deep
    if isinstance(value, dict):
        return dict.copy if all(not isinstance(x, (list, dict)) for x in value.values()) else _deep
    return None


def _deep(value: Any) -> Any:
    if isinstance(value, list):
        return [_deep(x) for x in value]
    if isinstance(value, dict):
        return {k: _deep(x) for k, x in value.items()}
    return value


#: A move template: its fields, the fields to copy shallow and deep for each move, and whether
#: it carries requirements and awards.
_Template = tuple[dict[str, Any], tuple[str, ...], tuple[str, ...], bool, bool]
_Found = dict[tuple[str, str], Any]


def _decode(s: dict[str, Any], shared: bool) -> nx.DiGraph:
    if not isinstance(s, dict) or s.get("format") != FORMAT:
        raise ValueError("unknown format")
    ids, attrs = s["ids"], s["nodes"]
    if not (isinstance(s["graph"], dict) and len(ids) == len(attrs) == len(set(ids))
            and all(isinstance(a, dict) for a in attrs)):
        raise ValueError("malformed")
    G = nx.DiGraph(**s["graph"])
    role_groups = _decode_roles(G, ids, attrs)
    templates = _decode_templates(s["templates"], s["values"], shared)
    flat = s["edges"]
    if len(flat) % 3 or (flat and min(flat) < 0):
        raise ValueError("malformed moves")
    move_groups, awards = (_shared_moves if shared else _copied_moves)(G, ids, templates, flat)
    if sum(len(nbrs) for nbrs in successors(G).values()) != len(flat) // 3:
        raise ValueError("duplicate moves")
    remember_gates(G, Gates.from_parts(role_groups, move_groups, awards))
    return G


def _decode_roles(G: nx.DiGraph, ids: list[Any], attrs: list[dict[str, Any]]) -> dict[str, Any]:
    """The roles into ``G``'s own dicts (no call per role); returns their requirement groups."""
    node, succ, pred = graph_dicts(G)
    role_groups: dict[str, Any] = {}
    for n, a in zip(ids, attrs, strict=True):
        if not isinstance(n, str):
            raise ValueError("role id is not text")
        node[n], succ[n], pred[n] = a, {}, {}
        if a.get("requires"):
            role_groups[n] = a["requires"]
    return role_groups


def _decode_templates(fields_list: list[Any], values: list[Any], shared: bool) -> list[_Template]:
    """Each template is one move's fields: a dict to copy, and the fields holding containers,
    copied too (shallow or deep) so that no two moves share a list or dict (none when shared)."""
    templates: list[_Template] = []
    copiers = None if shared else [_copier(value) for value in values]
    for fields in fields_list:
        proto = {key: values[j] for key, j in fields}
        if len(proto) != len(fields) or any(j < 0 for _, j in fields) or not all(isinstance(k, str) for k in proto):
            raise ValueError("malformed template")
        gated, awarding = bool(proto.get("requires")), bool(proto.get("awards"))
        if copiers is None:
            templates.append((proto, (), (), gated, awarding))
            continue
        kinds = {key: copiers[j] for key, j in fields}
        templates.append((proto, tuple(k for k, c in kinds.items() if c is not None and c is not _deep),
                          tuple(k for k, c in kinds.items() if c is _deep), gated, awarding))
    return templates


def _shared_moves(G: nx.DiGraph, ids: list[str], templates: list[_Template],
                  flat: list[int]) -> tuple[_Found, _Found]:
    """The moves, each the template's own dict (a graph that is only read)."""
    _, succ, pred = graph_dicts(G)
    move_groups: _Found = {}
    awards: _Found = {}
    it = iter(flat)
    for a, b, t in zip(it, it, it, strict=False):
        u, v = ids[a], ids[b]
        proto, _, _, gated, awarding = templates[t]
        succ[u][v] = pred[v][u] = proto
        if gated:
            move_groups[u, v] = proto["requires"]
        if awarding:
            awards[u, v] = proto["awards"]
    return move_groups, awards


def _copied_moves(G: nx.DiGraph, ids: list[str], templates: list[_Template],
                  flat: list[int]) -> tuple[_Found, _Found]:
    """The moves, each with a dict (and lists) of its own, so that the graph may be edited."""
    _, succ, pred = graph_dicts(G)
    move_groups: _Found = {}
    awards: _Found = {}
    it = iter(flat)
    for a, b, t in zip(it, it, it, strict=False):
        u, v = ids[a], ids[b]
        proto, shallow, deep, gated, awarding = templates[t]
        d = proto.copy()
        for key in shallow:
            d[key] = d[key].copy()
        for key in deep:
            d[key] = _deep(d[key])
        succ[u][v] = pred[v][u] = d
        if gated:
            move_groups[u, v] = d["requires"]
        if awarding:
            awards[u, v] = d["awards"]
    return move_groups, awards
