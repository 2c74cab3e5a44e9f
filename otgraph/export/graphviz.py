"""Graphviz diagrams: roles in clusters by track, columns by level, colours by country.

Built with pydot; rendered by Graphviz's own ``dot`` (or ``sfdp`` for big graphs) in a
subprocess with a time limit.
"""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from typing import Any

import networkx as nx
import pydot

from ..errors import ExportError, Hint, MissingDependencyError, SlideError
from ..labels import evidence_grade, rank_label, track_name
from ..names import role_title
from ..routes import Route
from .heading import CLUSTER_SIZE, EDGE_SIZE, NODE_SIZE, NODE_WRAP, TITLE_SIZE, edge_years, heading
from .slide import (
    DPI,
    MIN_TEXT_PX,
    PAGE_PT,
    SMALLER_PART,
    SlideFacts,
    cluster_overlaps,
    slide_viewport,
    svg_facts,
    text_px,
)
from .style import COUNTRY_FILL, COUNTRY_LINE, FADED, FONT, HIGHLIGHT, OTHER_FILL, OTHER_LINE

__all__ = ["DOT_MAX_EDGES", "DOT_MAX_NODES", "RENDER_MAX_NODES", "choose_engine", "fits_slide",
           "natural_layout", "quote", "render_graphviz", "to_pydot", "wrap"]

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
             columns: bool = True, focus: str | None = None) -> pydot.Dot:
    """The diagram as a pydot graph. ``labels``: edge labels with years and qualifications
    (``full``), years only (``years``) or none (``none``). ``element_ids`` gives the i-th role
    the SVG id ``n<i>`` and the j-th move ``e<j>`` (in graph order), for the HTML map.
    ``columns`` puts the roles of one level in one column within each track. ``focus``: a role
    drawn bold, in a diagram without track clusters (a neighbourhood: where one comes from, where
    one can go)."""
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
        dot.set("nodesep", "0.3")
        dot.set("ranksep", "0.3")
        dot.set("forcelabels", "true")
    else:
        dot.set("overlap", "prism")
        dot.set("outputorder", "edgesfirst")
    label = heading(G, title, highlight, legend=layered)
    if label:
        dot.set("label", label)
        dot.set("labelloc", "t")
        dot.set("labeljust", "l")
        dot.set("fontsize", str(TITLE_SIZE))
    dot.set_node_defaults(fontname=FONT, fontsize=str(NODE_SIZE), shape="box", style='"rounded,filled"',
                          penwidth="1.2", margin='"0.12,0.06"')
    dot.set_edge_defaults(fontname=FONT, fontsize=str(EDGE_SIZE), color="#777777", fontcolor="#333333",
                          arrowsize="0.7")

    def node_attrs(n: str, attrs: dict[str, Any]) -> dict[str, str]:
        country = attrs.get("country")
        fill, line = COUNTRY_FILL.get(country, OTHER_FILL), COUNTRY_LINE.get(country, OTHER_LINE)
        label = wrap(role_title(G, n), NODE_WRAP)
        rank = rank_label(attrs)
        if rank and rank.lower() not in role_title(G, n).lower():
            label += "\n" + rank
        out = {"label": quote(label), "fillcolor": quote(fill), "color": quote(line),
               "tooltip": quote(f"{role_title(G, n)} ({n})")}
        if attrs.get("kind") == "education":
            out.update(shape="note", style="filled", fillcolor=quote("#ffffff"))
        if n == focus:
            out.update(penwidth="3.5", fontname=quote(f"{FONT} Bold"))
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
        if layered and track and focus is None:
            if track == "education" and attrs.get("country"):
                # Education stages of each country beside that country's ladders.
                track = f"{track} ({attrs['country']})"
            if track not in clusters:
                name = track_name(attrs.get("track"))
                if track != attrs.get("track"):
                    name += f" ({attrs['country']})"
                cluster = pydot.Cluster(f"track{len(clusters)}", label=quote(name),
                                        style="rounded", color=quote("#bbbbbb"), fontsize=str(CLUSTER_SIZE),
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
        label = ("" if grade == "sourced" else "~") + f"{edge_years(d)} yr"
        names = [quals.get(q, {}).get("title", q) for q in d.get("awards", [])]
        if names and layered and labels == "full":
            label += "\n" + "\n".join(wrap(q, 22) for q in names)
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

    return dot


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
                    element_ids: bool = False, size: str = "natural", focus: str | None = None) -> bytes:
    """DOT text, or an image rendered by Graphviz with a time limit. ``size="slide"``: a 16:9
    page (PNG 1920x1080 px) with every text at least 14 px high, else :class:`SlideError`."""
    engine = choose_engine(G, engine)
    options = {"highlight": highlight, "title": title, "engine": engine, "labels": labels,
               "element_ids": element_ids, "focus": focus}
    graph = to_pydot(G, **options)
    if fmt == "dot" and size == "natural":
        if shutil.which(engine):  # the text dot can lay out (without columns if it cannot rank them)
            graph = natural_layout(G, shutil.which(engine), timeout, **options)[0]
        return graph.to_string().encode("utf-8")
    program = _program(engine, fmt)
    if size == "slide":
        graph, facts = natural_layout(G, program, timeout, **options)
        viewport = slide_viewport(facts)
        if viewport is None:
            raise SlideError([
                f"this diagram's text would be {text_px(facts, 1920 * facts.width / _page_w(facts)):.1f} px on a "
                f"slide (at least {MIN_TEXT_PX:g} px needed): draw a part (", Hint("track", "TRACK", True), ", or ",
                *SMALLER_PART, "), use ", Hint("labels", "years"), ", or ", Hint("size", "natural")])
        graph.set("viewport", quote(viewport))
        graph.set("margin", "0")
        if fmt == "png":
            graph.set("dpi", str(DPI))
        if fmt == "dot":
            return graph.to_string().encode("utf-8")
    done = _run(program, engine, fmt, graph.to_string(), timeout)
    if done.returncode != 0 and b"init_rank" in done.stderr:
        # dot cannot always honour level columns inside clusters when moves cross tracks both
        # ways ("trouble in init_rank"): lay the graph out without them.
        done = _run(program, engine, fmt, to_pydot(G, **options, columns=False).to_string(), timeout)
    if done.returncode != 0 or not done.stdout:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ExportError(f"Graphviz {engine} failed: {message[0] if message else f'exit {done.returncode}'}")
    return done.stdout


def _page_w(facts: SlideFacts) -> float:
    return max(facts.width, facts.height * PAGE_PT[0] / PAGE_PT[1])


def natural_layout(G: nx.DiGraph, program: str, timeout: float, **options: Any) -> tuple[pydot.Dot, SlideFacts]:
    """The diagram laid out at its natural size, and what its SVG says: with level columns,
    unless dot cannot rank them or they make clusters overlap."""
    engine = options["engine"]
    for columns in (True, False):
        graph = to_pydot(G, **options, columns=columns)
        done = _run(program, engine, "svg", graph.to_string(), timeout)
        if done.returncode != 0 and columns and b"init_rank" not in done.stderr:
            break
        if done.returncode == 0 and done.stdout:
            facts = svg_facts(done.stdout)
            if not columns or not cluster_overlaps(facts):
                return graph, facts
    message = done.stderr.decode("utf-8", "replace").strip().splitlines()
    raise ExportError(f"Graphviz {engine} failed: {message[0] if message else f'exit {done.returncode}'}")


def fits_slide(G: nx.DiGraph, **options: Any) -> bool:
    """Whether ``G`` fits on a slide with readable text (options as :func:`render_graphviz`)."""
    engine = choose_engine(G, options.pop("engine", None))
    facts = natural_layout(G, _program(engine, "svg"), options.pop("timeout", 60), engine=engine, **options)[1]
    return slide_viewport(facts) is not None


def _program(engine: str, fmt: str) -> str:
    program = shutil.which(engine)
    if program is None:
        raise MissingDependencyError(
            f"Graphviz's '{engine}' program is not installed, so {fmt} cannot be rendered (the dot format works "
            "without it); install Graphviz", "apt-get install graphviz (macOS: brew install graphviz)")
    return program


def _run(program: str, engine: str, fmt: str, text: str, timeout: float) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run([program, f"-T{fmt}"], input=text.encode("utf-8"), capture_output=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise ExportError(f"Graphviz {engine} took more than {timeout:g} s: draw a smaller part (one track or "
                          "country)") from None
