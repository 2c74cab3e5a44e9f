"""GraphML, GEXF and node-link JSON through networkx's own writers.

GraphML and GEXF hold only scalar attributes, so lists and objects (aliases, qualifications,
equivalents...) are stored as JSON text; ``decode_attributes`` turns them back.

Each attribute gets one type in the file, as igraph and Gephi require (one GraphML key per
name): years (``years``, ``years_min``, ``years_max``) are always doubles, any other number
that is sometimes whole and sometimes not is a double too, and None (an open range) is left
out rather than written.
"""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx

__all__ = ["JSON_KEYS", "SCHEMA_JSON_KEYS", "decode_attributes", "flat_copy", "write_data"]

#: Graph attribute listing which attributes hold JSON text (as "node:aliases", "edge:qualifications"...).
JSON_KEYS = "otgraph_json_attributes"


def flat_copy(G: nx.DiGraph) -> nx.DiGraph:
    """A copy of G whose attributes are all strings, numbers or booleans.

    Lists and objects become JSON text, and ``G.graph[JSON_KEYS]`` records which attributes
    were encoded, so a title that merely looks like JSON is never decoded by mistake.
    """
    encoded: set[str] = set()

    def flat(scope: str, attrs: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for k, v in attrs.items():
            if v is None:
                continue
            if isinstance(v, (list, dict, tuple)):
                encoded.add(f"{scope}:{k}")
                v = json.dumps(v, ensure_ascii=False, sort_keys=True)
            out[k] = v
        return out

    H = nx.DiGraph()
    H.graph.update(flat("graph", G.graph))
    H.add_nodes_from((n, flat("node", attrs)) for n, attrs in G.nodes(data=True))
    H.add_edges_from((u, v, flat("edge", attrs)) for u, v, attrs in G.edges(data=True))
    H.graph[JSON_KEYS] = json.dumps(sorted(encoded))
    _one_type_per_attribute([attrs for _, attrs in H.nodes(data=True)])
    _one_type_per_attribute([attrs for *_, attrs in H.edges(data=True)])
    return H


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _one_type_per_attribute(scope: list[dict[str, Any]]) -> None:
    """Give each attribute one type across a scope (nodes or edges), in place: years and numbers
    that mix whole and fractional values become floats; a name that mixes other types becomes text."""
    types: dict[str, set[type]] = {}
    for attrs in scope:
        for k, v in attrs.items():
            types.setdefault(k, set()).add(type(v))
    for k, seen in types.items():
        if seen <= {int, float} and (float in seen or k == "years" or k.startswith("years_")):
            convert: Any = float
        elif len(seen) > 1:
            convert = str
        else:
            continue
        for attrs in scope:
            if k in attrs and (convert is str or _is_number(attrs[k])):
                attrs[k] = convert(attrs[k])


#: The list and object fields of a roles file, for formats that keep no graph attributes (GEXF).
SCHEMA_JSON_KEYS = [
    "graph:meta", "graph:sources", "graph:qualifications",
    "node:aliases", "node:settings", "node:equivalents", "node:pay", "node:requires", "node:requires_evidence",
    "node:salary", "node:sources",
    "edge:awards", "edge:requires", "edge:years_evidence", "edge:qualifications", "edge:sources", "edge:onet",
]


def decode_attributes(G: nx.DiGraph) -> nx.DiGraph:
    """Undo ``flat_copy`` on a graph read back from GraphML or GEXF (in place; returned)."""
    recorded = G.graph.pop(JSON_KEYS, None)
    keys = set(json.loads(recorded) if recorded is not None else SCHEMA_JSON_KEYS)

    def decode(scope: str, attrs: dict[str, Any]) -> None:
        for k, v in attrs.items():
            if f"{scope}:{k}" in keys and isinstance(v, str):
                attrs[k] = json.loads(v)

    decode("graph", G.graph)
    for _, attrs in G.nodes(data=True):
        decode("node", attrs)
    for _, _, attrs in G.edges(data=True):
        decode("edge", attrs)
    return G


def write_data(G: nx.DiGraph, fmt: str) -> bytes:
    if fmt == "json":
        data = nx.node_link_data(G, edges="edges")
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    buffer = io.BytesIO()
    flat = flat_copy(G)
    if fmt == "graphml":
        nx.write_graphml(flat, buffer, encoding="utf-8", prettyprint=True)
    elif fmt == "gexf":
        # GEXF types each attribute from its first value: write numbers as floats, so that
        # 2 then 0.5 years do not make an integer attribute that cannot read 0.5 back.
        for _, attrs in [*flat.nodes(data=True), *((None, d) for *_, d in flat.edges(data=True))]:
            for k, v in attrs.items():
                if _is_number(v):
                    attrs[k] = float(v)
        for n, attrs in flat.nodes(data=True):
            attrs.setdefault("label", attrs.get("title", n))
        nx.write_gexf(flat, buffer, encoding="utf-8", prettyprint=True)
    else:
        raise ValueError(fmt)
    return buffer.getvalue()
