"""An interactive career map: one self-contained HTML file (no network needed to open it).

Graphviz lays the map out exactly as the SVG diagrams (the SVG is inlined); the page adds
behaviour: click or press Enter on a role for its details, choose a start and a goal to see
the best route (by years, qualifications or steps) and its alternatives, filter by track and
country. Routes are precomputed here with the same functions as ``otgraph path`` and
``otgraph routes``, so the page and the command line always agree. Every text from the data
reaches the page as JSON and is put in place with ``textContent``, never as markup.
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources
from typing import Any

import networkx as nx

from ..errors import ExportError
from ..labels import evidence_grade, rank_label, years_label
from ..routes import WEIGHTS, Route, k_shortest_routes

__all__ = ["HTML_MAX_NODES", "page_data", "to_html"]

#: Every reachable pair's routes are precomputed, so the page stays small only for small maps.
HTML_MAX_NODES = 300
ALTERNATIVES = 3


def page_data(G: nx.DiGraph) -> dict[str, Any]:
    """The data the page needs: roles, moves, tables, and precomputed routes."""
    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    edges = list(G.edges(data=True))
    keep = ("title", "aliases", "kind", "country", "track", "level", "band", "settings", "salary", "onet_soc",
            "description", "sources", "equivalents")
    roles = [{"id": n, "rank": rank_label(G.nodes[n]), **{k: G.nodes[n][k] for k in keep if k in G.nodes[n]}}
             for n in nodes]
    moves = [{"from": index[u], "to": index[v], "years": d.get("years", 0),
              "basis": "source" if evidence_grade(d) == "sourced" else "estimate",
              "label": years_label(d.get("years", 0), evidence_grade(d)).lstrip("+"),
              "qualifications": d.get("qualifications", []), "note": d.get("note")} for u, v, d in edges]
    routes: dict[str, dict[str, list[list[int]]]] = {by: {} for by in WEIGHTS}
    lengths = dict(nx.all_pairs_shortest_path_length(G))
    for s in nodes:
        for t in lengths[s]:
            if s == t:
                continue
            for by in WEIGHTS:
                found = k_shortest_routes(G, s, t, ALTERNATIVES, by)
                routes[by][f"{index[s]},{index[t]}"] = [[index[r] for r in route.roles] for route in found]
    return {
        "roles": roles,
        "moves": moves,
        "qualifications": {q: a.get("title", q) for q, a in G.graph.get("qualifications", {}).items()},
        "sources": {k: {"title": v.get("title", k), "url": v.get("url")}
                    for k, v in G.graph.get("sources", {}).items()},
        "routes": routes,
    }


def to_html(G: nx.DiGraph, *, title: str | None = None, highlight: Route | None = None,
            timeout: float = 60, labels: str = "years") -> str:
    """The map as one HTML page, with the layout of the Graphviz diagram."""
    from .graphviz import render_graphviz

    if G.number_of_nodes() > HTML_MAX_NODES:
        raise ExportError(f"{G.number_of_nodes():,} roles are too many for the interactive map (at most "
                          f"{HTML_MAX_NODES}): draw a part with --track or --country")
    title = title or "Career map"
    svg = render_graphviz(G, "svg", title=None, timeout=timeout, labels=labels, element_ids=True).decode("utf-8")
    svg = svg[svg.index("<svg"):]  # drop the XML declaration and doctype
    data = page_data(G)
    if highlight is not None:
        data["initial"] = {"from": highlight.source, "to": highlight.target, "by": highlight.by}
    # "<" as \u003c: nothing in the data can end the script element or open a comment.
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    template = resources.files("otgraph.export").joinpath("map.html").read_text(encoding="utf-8")
    values = {"TITLE": html.escape(title), "SVG": svg, "DATA": payload}
    # One pass, so nothing inserted is itself searched for placeholders.
    return re.sub(r"\{\{(TITLE|SVG|DATA)\}\}", lambda m: values[m.group(1)], template)
