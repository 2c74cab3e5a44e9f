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
import itertools
import json
import re
from collections.abc import Callable
from importlib import resources
from typing import Any

import networkx as nx

from ..errors import ExportError
from ..holding import holdings
from ..labels import evidence_grade, observed_years, rank_label, track_name
from ..route_search import held_weight
from ..routes import WEIGHTS, Route, k_shortest_routes, route_search_tree, route_tree
from .heading import edge_years

__all__ = ["HTML_MAX_NODES", "page_data", "to_html"]

#: Above this many roles the map is unreadable; a filter (one track or country) is needed.
HTML_MAX_NODES = 300
#: Alternative routes (k best) are precomputed only for maps this small; bigger maps show the best.
ALTERNATIVES_MAX_NODES = 20
ALTERNATIVES = 3
INF = float("inf")


def page_data(G: nx.DiGraph, progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """The data the page needs: roles, moves, tables, and the best routes from every role as one
    search tree per start role and weight (:func:`otgraph.routes.route_search_tree`, the same
    search as ``otgraph path``), plus alternatives on small maps. ``progress`` is called with
    (done, total) start roles."""
    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    edges = list(G.edges(data=True))
    keep = ("title", "aliases", "synonyms", "kind", "country", "track", "level", "band", "stage", "settings", "pay",
            "onet_soc", "description", "sources", "equivalents", "requires", "requires_evidence")
    roles = [{"id": n, "rank": rank_label(G.nodes[n]), **{k: G.nodes[n][k] for k in keep if k in G.nodes[n]}}
             for n in nodes]
    moves = [{"from": index[u], "to": index[v], "years": d.get("years", 0),
              "min": d["years"] if d.get("years_min") is None else d["years_min"],
              "max": d.get("years_max", d.get("years", 0)),
              "basis": "source" if evidence_grade(d) == "sourced" else "estimate", "grade": evidence_grade(d),
              "evidence": d.get("years_evidence"),
              "label": ("" if evidence_grade(d) == "sourced" else "~") + edge_years(d) + " yr",
              "qualifications": d.get("awards", []), "note": d.get("note"),
              **({"observed": observed_years(d).removeprefix("; ")} if observed_years(d) else {})}
             for u, v, d in edges]
    trees: dict[str, list[dict[str, list[int]]]] = {by: [] for by in WEIGHTS}
    alternatives: dict[str, dict[str, list[list[int]]]] = {by: {} for by in WEIGHTS}
    branches: dict[str, dict[str, list[dict[str, Any]]]] = {by: {} for by in WEIGHTS}
    small = len(nodes) <= ALTERNATIVES_MAX_NODES
    for done, s in enumerate(nodes, 1):
        for by in WEIGHTS:
            branches[by].update({f"{index[s]},{index[t]}": found for t, found in _branches(G, s, by, index).items()})
            tree = route_search_tree(G, s, by)
            best = [-1] * len(nodes)
            for role, label in tree["best"].items():
                best[index[role]] = label
            trees[by].append({"node": [index[n] for n in tree["node"]], "parent": tree["parent"], "best": best})
            if small:
                for t in tree["best"]:
                    if t != s:
                        found = k_shortest_routes(G, s, t, ALTERNATIVES, by)
                        if len(found) > 1:
                            alternatives[by][f"{index[s]},{index[t]}"] = [[index[r] for r in route.roles]
                                                                         for route in found]
        if progress is not None:
            progress(done, len(nodes))
    return {
        "roles": roles,
        "moves": moves,
        "qualifications": {q: a.get("title", q) for q, a in G.graph.get("qualifications", {}).items()},
        "sources": {k: {"title": v.get("title", k), "url": v.get("url")}
                    for k, v in G.graph.get("sources", {}).items()},
        "trees": trees,
        "alternatives": alternatives,
        "branches": branches,
        "track_names": {t: track_name(t) for t in dict.fromkeys(a.get("track") for _, a in G.nodes(data=True)) if t},
    }


def _branches(G: nx.DiGraph, source: str, by: str, index: dict[str, int]) -> dict[str, list[dict[str, Any]]]:
    """Where what a holder of ``source`` holds changes the best route (as ``otgraph path``
    branches its answer): target -> one entry per distinct answer, best first, each with
    ``assumes`` (one list of qualification ids per holding giving that answer), ``route`` (role
    indices, or None where that holding has no route) and ``already_held`` (what the route's
    moves award that those holders hold already: a programme held is not taken again)."""
    found = holdings(G, source)
    if len(found) < 2:
        return {}
    answers: dict[str, list[tuple[tuple[str, ...], tuple[Any, ...], tuple[float, ...]]]] = {}
    for holding in found:
        costs, paths = route_tree(G, source, by, have=holding.assumes)
        for t in G:
            answer, rank = _answer(G, holding.quals, paths[t], costs[t]) if t in costs else ((None, ()), (INF,))
            answers.setdefault(t, []).append((holding.assumes, answer, rank))
    out: dict[str, list[dict[str, Any]]] = {}
    for t, per_holding in answers.items():
        if t == source or len({answer for _, answer, _ in per_holding}) < 2:
            continue
        grouped: dict[tuple[Any, ...], tuple[tuple[float, ...], list[list[str]]]] = {}
        for assumes, answer, rank in per_holding:
            best, held = grouped.get(answer, (rank, []))
            grouped[answer] = (min(best, rank), [*held, list(assumes)])
        ordered = sorted(grouped.items(), key=lambda item: (item[0][0] is None, item[1][0]))
        out[t] = [{"assumes": assumes, "route": None if route is None else [index[r] for r in route],
                   "already_held": list(already)}
                  for (route, already), (_, assumes) in ordered]
    return out


def _answer(G: nx.DiGraph, quals: frozenset[str], path: list[str],
            cost: float) -> tuple[tuple[Any, ...], tuple[float, ...]]:
    """A holder's answer (the route, and what its moves award that they already hold) and its
    rank as route_branches ranks branches: cost, then years, then qualifications gained."""
    moves = [(u, v, G.edges[u, v]) for u, v in itertools.pairwise(path)]
    awarded = {q for _, _, d in moves for q in d.get("awards", ())}
    weights = [held_weight(G, w, quals) for w in ("years", "qualifications")]
    return (tuple(path), tuple(sorted(awarded & quals))), (cost, *(sum(w(u, v, d) for u, v, d in moves)
                                                                    for w in weights))


def to_html(G: nx.DiGraph, *, title: str | None = None, highlight: Route | None = None,
            timeout: float = 60, labels: str = "years",
            progress: Callable[[int, int], None] | None = None) -> str:
    """The map as one HTML page, with the layout of the Graphviz diagram."""
    from .graphviz import render_graphviz

    if G.number_of_nodes() > HTML_MAX_NODES:
        raise ExportError(f"{G.number_of_nodes():,} roles are too many for the interactive map (at most "
                          f"{HTML_MAX_NODES}): draw a part (one track or country)")
    title = title or "Career map"
    svg = render_graphviz(G, "svg", title=None, timeout=timeout, labels=labels, element_ids=True).decode("utf-8")
    svg = svg[svg.index("<svg"):]  # drop the XML declaration and doctype
    data = page_data(G, progress)
    if highlight is not None:
        data["initial"] = {"from": highlight.source, "to": highlight.target, "by": highlight.by}
    # "<" as \u003c: nothing in the data can end the script element or open a comment.
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    template = resources.files("otgraph.export").joinpath("map.html").read_text(encoding="utf-8")
    values = {"TITLE": html.escape(title), "SVG": svg, "DATA": payload}
    # One pass, so nothing inserted is itself searched for placeholders.
    return re.sub(r"\{\{(TITLE|SVG|DATA)\}\}", lambda m: values[m.group(1)], template)
