"""Graphviz diagrams: roles in clusters by track, columns by level, colours by country.

Built with pydot; rendered by Graphviz's own ``dot`` (or ``sfdp`` for big graphs) in a
subprocess with a time limit.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import textwrap
from typing import Any

import networkx as nx
import pydot

from ..errors import ExportError
from ..labels import evidence_grade, number, rank_label, track_name
from ..names import role_title
from ..routes import Route
from .style import COUNTRY_FILL, COUNTRY_LINE, FADED, FONT, HIGHLIGHT, OTHER_FILL, OTHER_LINE

__all__ = ["DOT_MAX_EDGES", "DOT_MAX_NODES", "RENDER_MAX_NODES", "choose_engine", "quote", "render_graphviz",
           "to_pydot", "wrap"]

#: Above this many roles or moves, ``dot`` layouts take too long: use ``sfdp``, no clusters.
DOT_MAX_NODES = 300
DOT_MAX_EDGES = 1200
#: Above this many roles even sfdp makes an unreadable picture; refuse and suggest a filter.
RENDER_MAX_NODES = 5000



def quote(text: Any) -> str:
    """A DOT double-quoted string: backslashes, quotes and line breaks escaped."""
    s = str(text).replace("\\", "\\\\").replace('"', '\\"')
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{s}"'


def wrap(title: str, width: int = 24) -> str:
    """Break a long title over lines at spaces (for node labels).

    >>> wrap("Advanced Clinical Practitioner (Occupational Therapy)").splitlines()
    ['Advanced Clinical', 'Practitioner', '(Occupational Therapy)']
    """
    return "\n".join(textwrap.wrap(str(title), width, break_long_words=False, break_on_hyphens=False)) or str(title)


def to_pydot(G: nx.DiGraph, *, highlight: Route | None = None, title: str | None = None,
             engine: str = "dot", labels: str = "full", element_ids: bool = False,
             columns: bool = True) -> pydot.Dot:
    """The diagram as a pydot graph. ``labels``: edge labels with years and qualifications
    (``full``), years only (``years``) or none (``none``). ``element_ids`` gives the i-th role
    the SVG id ``n<i>`` and the j-th move ``e<j>`` (in graph order), for the HTML map.
    ``columns`` puts the roles of one level in one column within each track."""
    layered = engine == "dot"
    on_route = set(highlight.roles) if highlight else set()
    route_edges = {(s.source, s.target) for s in highlight.steps} if highlight else set()
    quals = G.graph.get("qualifications", {})

    dot = pydot.Dot(graph_type="digraph", strict=False)
    dot.set("rankdir", "LR")
    dot.set("charset", "UTF-8")
    dot.set("fontname", FONT)
    dot.set("bgcolor", "white")
    if layered:
        dot.set("newrank", "true")
        dot.set("nodesep", "0.25")
        dot.set("ranksep", "0.55")
    else:
        dot.set("overlap", "prism")
        dot.set("outputorder", "edgesfirst")
    if title:
        dot.set("label", quote(title))
        dot.set("labelloc", "t")
        dot.set("fontsize", "20")
    dot.set_node_defaults(fontname=FONT, fontsize="11", shape="box", style='"rounded,filled"', penwidth="1.2")
    dot.set_edge_defaults(fontname=FONT, fontsize="9", color="#777777", fontcolor="#444444", arrowsize="0.7")

    def node_attrs(n: str, attrs: dict[str, Any]) -> dict[str, str]:
        country = attrs.get("country")
        fill, line = COUNTRY_FILL.get(country, OTHER_FILL), COUNTRY_LINE.get(country, OTHER_LINE)
        label = wrap(role_title(G, n))
        rank = rank_label(attrs)
        if rank:
            label += "\n" + rank
        out = {"label": quote(label), "fillcolor": quote(fill), "color": quote(line),
               "tooltip": quote(f"{role_title(G, n)} ({n})")}
        if attrs.get("kind") == "education":
            out.update(shape="note", style="filled", fillcolor=quote("#ffffff"))
        if highlight is not None:
            if n in on_route:
                out.update(penwidth="2.5", color=quote(HIGHLIGHT))
            else:
                out.update(color=quote(FADED), fontcolor=quote("#9a9a9a"), fillcolor=quote("#f6f6f6"))
        return out

    clusters: dict[str, pydot.Cluster] = {}
    cluster_members: dict[str, list[str]] = {}
    for i, (n, attrs) in enumerate(G.nodes(data=True)):
        node = pydot.Node(quote(n), **node_attrs(n, attrs), **({"id": quote(f"n{i}")} if element_ids else {}))
        track = attrs.get("track")
        if layered and track:
            if attrs.get("kind") == "education" and attrs.get("country"):
                # Education stages of each country beside that country's ladders.
                track = f"{track} ({attrs['country']})"
            if track not in clusters:
                name = track_name(attrs.get("track"))
                if track != attrs.get("track"):
                    name += f" ({attrs['country']})"
                cluster = pydot.Cluster(f"track{len(clusters)}", label=quote(name),
                                        style="rounded", color=quote("#bbbbbb"), fontsize="13",
                                        fontcolor=quote("#333333"), labeljust="l")
                clusters[track] = cluster
                dot.add_subgraph(cluster)
            clusters[track].add_node(node)
            cluster_members.setdefault(track, []).append(n)
        else:
            dot.add_node(node)

    if layered and columns:
        # One column per level inside each track, so each ladder reads left to right.
        for key, cluster in clusters.items():
            levels: dict[float, list[str]] = {}
            for n in cluster_members[key]:
                level = G.nodes[n].get("level")
                if isinstance(level, (int, float)):
                    levels.setdefault(level, []).append(n)
            for names in levels.values():
                if len(names) > 1:
                    column = pydot.Subgraph(rank="same")
                    for n in names:
                        column.add_node(pydot.Node(quote(n)))
                    cluster.add_subgraph(column)

    for j, (u, v, d) in enumerate(G.edges(data=True)):
        grade = evidence_grade(d)
        label = ("" if grade == "sourced" else "~") + f"{number(d.get('years', 0))} yr"
        names = [quals.get(q, {}).get("title", q) for q in d.get("awards", [])]
        if names and layered and labels == "full":
            label += "\n" + "\n".join(wrap(q, 28) for q in names)
        if labels == "none":
            label = ""
        attrs = {"label": quote(label), "tooltip": quote(f"{role_title(G, u)} -> {role_title(G, v)}")}
        if grade != "sourced":
            attrs["style"] = "dashed"
        if highlight is not None:
            if (u, v) in route_edges:
                attrs.update(color=quote(HIGHLIGHT), fontcolor=quote(HIGHLIGHT), penwidth="3")
            else:
                attrs.update(color=quote("#dddddd"), fontcolor=quote("#bbbbbb"))
        elif not layered:
            attrs["label"] = quote("")
        if element_ids:
            attrs["id"] = quote(f"e{j}")
        dot.add_edge(pydot.Edge(quote(u), quote(v), **attrs))

    if layered:
        dot.add_subgraph(_legend(G, highlight))
    return dot


def _legend(G: nx.DiGraph, highlight: Route | None) -> pydot.Cluster:
    """A compact key: one HTML-like table node, so it does not stretch with the layout."""
    rows = []
    for country in sorted({a.get("country") for _, a in G.nodes(data=True) if a.get("country")}):
        fill, line = COUNTRY_FILL.get(country, OTHER_FILL), COUNTRY_LINE.get(country, OTHER_LINE)
        rows.append(f'<td bgcolor="{fill}" color="{line}" style="rounded">{html.escape(country)} role</td>')
    if any(a.get("kind") == "education" for _, a in G.nodes(data=True)):
        rows.append('<td color="#555555">education or licensing stage</td>')
    rows.append('<td border="0" align="left">&#8212;&#8212; 2 yr: typical time, from a source</td>')
    rows.append('<td border="0" align="left">- - - ~3 yr: estimate (no source gives it)</td>')
    if highlight is not None:
        rows.append(f'<td border="0" align="left"><font color="{HIGHLIGHT}">&#9473;&#9473; route shown</font></td>')
    table = ('<<table border="0" cellborder="1" cellspacing="3" cellpadding="4">'
             + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>>")
    legend = pydot.Cluster("legend", label=quote("Legend"), style="rounded", color=quote("#bbbbbb"),
                           fontsize="12", labeljust="l")
    legend.add_node(pydot.Node(quote("legend"), label=table, shape="plain", fontsize="10", style="solid",
                               fillcolor="white"))
    return legend


def choose_engine(G: nx.DiGraph, engine: str | None = None) -> str:
    """``dot`` for graphs it lays out quickly, ``sfdp`` above that; refuse the very large."""
    if engine is not None:
        return engine
    if G.number_of_nodes() > RENDER_MAX_NODES:
        raise ExportError(
            f"{G.number_of_nodes():,} roles are too many for a readable diagram: draw a part (one track or "
            "country), or export graphml/gexf for Gephi or Cytoscape")
    if G.number_of_nodes() > DOT_MAX_NODES or G.number_of_edges() > DOT_MAX_EDGES:
        return "sfdp"
    return "dot"


def render_graphviz(G: nx.DiGraph, fmt: str, *, highlight: Route | None = None, title: str | None = None,
                    engine: str | None = None, timeout: float = 60, labels: str = "full",
                    element_ids: bool = False) -> bytes:
    """DOT text, or an image rendered by Graphviz with a time limit."""
    engine = choose_engine(G, engine)
    text = to_pydot(G, highlight=highlight, title=title, engine=engine, labels=labels,
                    element_ids=element_ids).to_string()
    if fmt == "dot":
        return text.encode("utf-8")
    program = shutil.which(engine)
    if program is None:
        raise ExportError(
            f"Graphviz's '{engine}' program is not installed, so {fmt} cannot be rendered: install Graphviz "
            "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz); the dot format "
            "works without it")
    done = _run(program, engine, fmt, text, timeout)
    if done.returncode != 0 and b"init_rank" in done.stderr:
        # dot cannot always honour level columns inside clusters when moves cross tracks both
        # ways ("trouble in init_rank"): lay the graph out without them.
        text = to_pydot(G, highlight=highlight, title=title, engine=engine, labels=labels,
                        element_ids=element_ids, columns=False).to_string()
        done = _run(program, engine, fmt, text, timeout)
    if done.returncode != 0 or not done.stdout:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ExportError(f"Graphviz {engine} failed: {message[0] if message else f'exit {done.returncode}'}")
    return done.stdout


def _run(program: str, engine: str, fmt: str, text: str, timeout: float) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run([program, f"-T{fmt}"], input=text.encode("utf-8"), capture_output=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise ExportError(f"Graphviz {engine} took more than {timeout:g} s: draw a smaller part (one track or "
                          "country)") from None
