"""GraphML, GEXF and node-link JSON through networkx's own writers.

GraphML and GEXF hold only scalar attributes, so lists and objects (aliases, qualifications,
equivalents...) are stored as JSON text; ``decode_attributes`` turns them back.
"""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx

#: Graph-level tables are kept in JSON text under these keys in GraphML/GEXF.
_GRAPH_KEYS = ("meta", "sources", "qualifications")


def _scalar(value: Any) -> Any:
    if isinstance(value, (list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def flat_copy(G: nx.DiGraph) -> nx.DiGraph:
    """A copy of G whose attributes are all strings, numbers or booleans."""
    H = nx.DiGraph()
    H.graph.update({k: _scalar(v) for k, v in G.graph.items() if v is not None})
    for n, attrs in G.nodes(data=True):
        H.add_node(n, **{k: _scalar(v) for k, v in attrs.items() if v is not None})
    for u, v, attrs in G.edges(data=True):
        H.add_edge(u, v, **{k: _scalar(val) for k, val in attrs.items() if val is not None})
    return H


def decode_attributes(G: nx.DiGraph) -> nx.DiGraph:
    """Undo ``flat_copy`` on a graph read back from GraphML or GEXF (in place; returned)."""

    def decode(attrs: dict[str, Any]) -> None:
        for k, v in attrs.items():
            if isinstance(v, str) and v[:1] in "[{":
                try:
                    attrs[k] = json.loads(v)
                except json.JSONDecodeError:
                    pass

    decode(G.graph)
    for _, attrs in G.nodes(data=True):
        decode(attrs)
    for _, _, attrs in G.edges(data=True):
        decode(attrs)
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
                if isinstance(v, int) and not isinstance(v, bool):
                    attrs[k] = float(v)
        for n, attrs in flat.nodes(data=True):
            attrs.setdefault("label", attrs.get("title", n))
        nx.write_gexf(flat, buffer, encoding="utf-8", prettyprint=True)
    else:
        raise ValueError(fmt)
    return buffer.getvalue()
