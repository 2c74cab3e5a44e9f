"""Graphviz diagrams: roles in clusters by track, columns by level, colours by country.

Built with pydot; rendered by Graphviz's own ``dot`` (or ``sfdp`` for big graphs) in a
subprocess with a time limit.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
from collections.abc import Sequence
from typing import Any

import networkx as nx
import pydot

from ..errors import ExportError, MissingDependencyError, SlideError
from ..labels import evidence_grade, role_caption, track_name
from ..names import role_title
from ..routes import Route
from .heading import CLUSTER_SIZE, EDGE_SIZE, EDGE_WRAP, NODE_SIZE, NODE_WRAP, TITLE_SIZE, edge_years, heading
from .pages import Stub, moves_label, slides_label, zero_kind
from .slide import SlideFacts, cluster_overlaps, svg_facts
from .style import (
    COUNTRY_FILL,
    COUNTRY_LINE,
    EDGE_LINE,
    FADED_LINE,
    FADED_TEXT,
    FONT,
    HIGHLIGHT,
    OTHER_FILL,
    OTHER_LINE,
)

__all__ = ["DOT_MAX_EDGES", "DOT_MAX_NODES", "RENDER_MAX_NODES", "SlideError", "Stub", "choose_engine", "edge_label",
           "natural_layout", "node_label", "quote", "render_graphviz", "to_pydot", "wrap"]

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


def _graph_attrs(dot: pydot.Dot, layered: bool, rankdir: str) -> None:
    dot.set("rankdir", rankdir)
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
    dot.set_node_defaults(fontname=FONT, fontsize=str(NODE_SIZE), shape="box", style='"rounded,filled"',
                          penwidth="1.2", margin='"0.12,0.06"')
    dot.set_edge_defaults(fontname=FONT, fontsize=str(EDGE_SIZE), color=quote(EDGE_LINE), fontcolor="#333333",
                          arrowsize="0.7")


#: Words a box's text is never broken between.
NO_BREAK = re.compile(r"\b(Band|Job Zone|A) (?=\w)")


def node_label(G: nx.DiGraph, n: str) -> str:
    """A role's box text: its title wrapped (never inside "Band 6", "Job Zone 5" or "A levels"),
    and the band, Job Zone or stage on a line of its own (:func:`~otgraph.labels.role_caption`).

    >>> from otgraph import load_roles
    >>> [line.replace(chr(160), "_") for line in node_label(load_roles().graph, "nhs-ot-assistant").splitlines()]
    ['Occupational', 'Therapy', 'Assistant', 'Band_3']
    """
    title, rank = role_caption(role_title(G, n), G.nodes[n])
    label = wrap(NO_BREAK.sub(lambda m: m.group(0).replace(" ", "\u00a0"), title), NODE_WRAP)
    return label + ("\n" + rank.replace(" ", "\u00a0") if rank else "")


def _node_attrs(G: nx.DiGraph, n: str, highlight: Route | None, focus: str | None) -> dict[str, str]:
    attrs = G.nodes[n]
    country = attrs.get("country")
    fill, line = COUNTRY_FILL.get(country, OTHER_FILL), COUNTRY_LINE.get(country, OTHER_LINE)
    out = {"label": quote(node_label(G, n)), "fillcolor": quote(fill), "color": quote(line),
           "tooltip": quote(f"{role_title(G, n)} ({n})")}
    if attrs.get("kind") == "education":
        out.update(shape="note", style="filled", fillcolor=quote("#ffffff"))
    if n == focus:
        out.update(penwidth="3.5", fontname=quote(f"{FONT} Bold"))
    if highlight is not None:
        if n in highlight.roles:
            out.update(penwidth="2.5", color=quote(HIGHLIGHT))
        else:
            out.update(color=quote(FADED_LINE), fontcolor=quote(FADED_TEXT), fillcolor=quote("#ffffff"))
    return out


def edge_label(G: nx.DiGraph, d: dict[str, Any], labels: str = "full", layered: bool = True,
               kind: str = "") -> str:
    """A move's label (``d``: its attributes): its years (marked ``~`` unless from a source), and
    with ``labels="full"`` the qualifications it awards (named from ``G``'s table). A move of no
    time says what it is: "on registration" when it awards a registration or licence, "lateral
    move" between roles of one level (``kind="lateral"``), nothing from an education stage
    (``kind="entry"``; see :func:`~otgraph.export.pages.zero_kind`).

    >>> edge_label(nx.DiGraph(), {"years": 2, "years_min": 1, "years_max": 3})
    '1-3 yr'
    >>> edge_label(nx.DiGraph(), {"years": 0, "years_basis": "estimate"}, kind="lateral")
    'lateral move'
    """
    if labels == "none" or not layered:
        return ""
    names = [G.graph.get("qualifications", {}).get(q, {}).get("title", q) for q in d.get("awards", [])]
    label = ("" if evidence_grade(d) == "sourced" else "~") + f"{edge_years(d)} yr"
    if edge_years(d) == "0":
        registers = any(word in name.lower() for name in names for word in ("registration", "licens"))
        label = "on registration" if registers else {"lateral": "lateral move", "entry": ""}.get(kind, label)
    if names and labels == "full":
        label = "\n".join([label] * bool(label) + [wrap(q, EDGE_WRAP) for q in names])
    return label


def _edge_attrs(G: nx.DiGraph, move: tuple[str, str, dict[str, Any]], tooltip: str,
                options: dict[str, Any], kind: str = "") -> dict[str, str]:
    highlight = options.get("highlight")
    u, v, d = move
    labels = options.get("labels", "full")
    on_route = highlight is not None and (u, v) in {(s.source, s.target) for s in highlight.steps}
    kind = "" if on_route and kind == "entry" else kind  # a route's every move says its years
    attrs = {"label": quote(edge_label(G, d, labels, options["layered"], kind)),
             "tooltip": quote(tooltip), "class": "move"}
    if evidence_grade(d) != "sourced":
        attrs["style"] = "dashed"
    if highlight is not None:
        if on_route:
            # "labelled": the geometry check makes sure no layout lost the move's label.
            attrs.update(color=quote(HIGHLIGHT), fontcolor=quote(HIGHLIGHT), penwidth="3",
                         fontname=quote(f"{FONT} Bold"),
                         **{"class": "move route" + (" labelled" if labels != "none" else "")})
        else:
            attrs.update(color=quote(FADED_LINE), fontcolor=quote(FADED_TEXT))
    return attrs


def _add_moves(dot: pydot.Dot, G: nx.DiGraph, options: dict[str, Any], element_ids: bool) -> None:
    """Each move as an edge; a two-way pair of moves with the same label (and neither on the
    route) as one edge with an arrow at each end."""
    highlight = options.get("highlight")
    on_route = {(s.source, s.target) for s in highlight.steps} if highlight else set()
    paired: set[tuple[str, str]] = set()
    for j, (u, v, d) in enumerate(G.edges(data=True)):
        if (u, v) in paired:
            continue
        attrs = _edge_attrs(G, (u, v, d), f"{role_title(G, u)} -> {role_title(G, v)}", options, zero_kind(G, u, v))
        attrs["id"] = quote(f"e{j}" if element_ids else f"move:{u}->{v}")
        back = G.edges[v, u] if G.has_edge(v, u) else None
        if (not element_ids and back is not None and not {(u, v), (v, u)} & on_route
                and _edge_attrs(G, (v, u, back), "", options, zero_kind(G, v, u))["label"] == attrs["label"]
                and evidence_grade(back) == evidence_grade(d)):
            paired.add((v, u))
            attrs.update(dir="both", id=quote(f"move:{u}->{v}+{v}->{u}"),
                         tooltip=quote(f"{role_title(G, u)} <-> {role_title(G, v)}"))
        if element_ids:
            attrs.pop("class")
        dot.add_edge(pydot.Edge(quote(u), quote(v), **attrs))


def _add_clusters(dot: pydot.Dot, G: nx.DiGraph, nodes: dict[str, pydot.Node], columns: bool) -> None:
    clusters: dict[str, pydot.Cluster] = {}
    members: dict[str, list[str]] = {}
    for n, node in nodes.items():
        attrs = G.nodes[n]
        track = attrs.get("track")
        if not track:
            dot.add_node(node)
            continue
        key = track
        if track == "education" and attrs.get("country"):
            key = f"{track} ({attrs['country']})"  # each country's education beside its ladders
        if key not in clusters:
            name = track_name(track) + (f" ({attrs['country']})" if key != track else "")
            clusters[key] = pydot.Cluster(f"track{len(clusters)}", label=quote(name), style="rounded",
                                          color=quote("#bbbbbb"), fontsize=str(CLUSTER_SIZE),
                                          fontcolor=quote("#333333"), labeljust="l", margin="12")
            dot.add_subgraph(clusters[key])
        clusters[key].add_node(node)
        members.setdefault(key, []).append(n)
    if columns:
        # One column per level inside each track, so each ladder reads left to right.
        for key, cluster in clusters.items():
            levels: dict[float, list[str]] = {}
            for n in members[key]:
                level = G.nodes[n].get("level")
                if isinstance(level, (int, float)):
                    levels.setdefault(level, []).append(n)
            for names in levels.values():
                if len(names) > 1:
                    column = pydot.Subgraph(rank="same")
                    for n in names:
                        column.add_node(pydot.Node(quote(n)))
                    cluster.add_subgraph(column)


def _add_stubs(dot: pydot.Dot, G: nx.DiGraph, stubs: Sequence[Stub], options: dict[str, Any]) -> None:
    """Each move leaving the slide as an edge to a dashed box naming the slide it continues on;
    several between one role and one box (none on the route) as one edge, "3 moves, 1-4 yr"."""
    highlight = options.get("highlight")
    on_route = {(s.source, s.target) for s in highlight.steps} if highlight else set()
    boxes: dict[tuple[str, int], str] = {}
    groups: dict[tuple[Any, ...], list[Stub]] = {}
    for stub in stubs:
        key = (stub.place, stub.slide)
        if key not in boxes:
            boxes[key] = f"stub{len(boxes)}"
            label = f"{wrap(stub.place, NODE_WRAP)}\n{slides_label(stub)}"
            dot.add_node(pydot.Node(quote(boxes[key]), label=quote(label), shape="box", style='"rounded,dashed"',
                                    fillcolor="white", color=quote(EDGE_LINE), fontcolor="#333333",
                                    fontsize=str(EDGE_SIZE), **{"class": "stub"}))
        move, end = (stub.source, stub.target), stub.source if stub.outgoing else stub.target
        groups.setdefault(move if move in on_route else (stub.outgoing, key, end), []).append(stub)
    for group in groups.values():
        first = group[0]
        attrs = _edge_attrs(G, (first.source, first.target, first.move), first.tooltip, options, first.kind)
        attrs["id"] = quote("move:" + "+".join(f"{s.source}->{s.target}" for s in group))
        if len(group) > 1:
            label = moves_label(group) if options.get("labels") != "none" and options["layered"] else ""
            attrs.update(tooltip=quote("; ".join(s.tooltip for s in group)), label=quote(label))
        box = boxes[(first.place, first.slide)]
        dot.add_edge(pydot.Edge(*map(quote, (first.source, box) if first.outgoing else (box, first.target)), **attrs))


def to_pydot(G: nx.DiGraph, *, highlight: Route | None = None, title: str | None = None,
             engine: str = "dot", labels: str = "full", element_ids: bool = False,
             columns: bool = True, focus: str | None = None, clusters: bool = True, rankdir: str = "LR",
             stubs: Sequence[Stub] = ()) -> pydot.Dot:
    """The diagram as a pydot graph.

    Parameters
    ----------
    G : networkx.DiGraph
        The roles and moves to draw.
    highlight : Route, optional
        A route drawn in red over the rest (faded).
    title : str, optional
        The diagram's title.
    engine : str, optional
        The Graphviz program (``dot`` draws clusters, columns and edge labels).
    labels : {"full", "years", "none"}, optional
        Edge labels: years and qualifications, years only, or none.
    element_ids : bool, optional
        Give the i-th role the SVG id ``n<i>`` and the j-th move ``e<j>`` (for the HTML map);
        otherwise each move's id is ``move:SOURCE->TARGET``.
    columns : bool, optional
        Put the roles of one level in one column within each track.
    focus : str, optional
        A role drawn bold, in a diagram without track clusters.
    clusters : bool, optional
        Frame each track's roles.
    rankdir : {"LR", "TB"}, optional
        The direction moves run in.
    stubs : sequence of Stub, optional
        Moves that continue on other slides.

    Returns
    -------
    pydot.Dot
        The graph.
    """
    layered = engine == "dot"
    dot = pydot.Dot(graph_type="digraph", strict=False)
    _graph_attrs(dot, layered, rankdir)
    label = heading(G, title, highlight, legend=layered, continued=[stub.move for stub in stubs])
    if label:
        dot.set("label", label)
        dot.set("labelloc", "t")
        dot.set("labeljust", "l")
        dot.set("fontsize", str(TITLE_SIZE))
    nodes = {n: pydot.Node(quote(n), **_node_attrs(G, n, highlight, focus),
                           **({"id": quote(f"n{i}")} if element_ids else {})) for i, n in enumerate(G)}
    if layered and clusters and focus is None:
        _add_clusters(dot, G, nodes, columns)
    else:
        for node in nodes.values():
            dot.add_node(node)
    options = {"highlight": highlight, "labels": labels, "layered": layered}
    _add_moves(dot, G, options, element_ids)
    _add_stubs(dot, G, stubs, options)
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
                    element_ids: bool = False, focus: str | None = None, stubs: Sequence[Stub] = ()) -> bytes:
    """DOT text, or an image rendered by Graphviz with a time limit, at the layout's natural
    size (slides: :func:`otgraph.export.slide_layout.render_slide_graph`)."""
    engine = choose_engine(G, engine)
    options = {"highlight": highlight, "title": title, "engine": engine, "labels": labels,
               "element_ids": element_ids, "focus": focus, "stubs": stubs}
    graph = to_pydot(G, **options)
    if fmt == "dot":
        if shutil.which(engine):  # the text dot can lay out (without columns if it cannot rank them)
            graph = natural_layout(G, shutil.which(engine), timeout, **options)[0]
        return graph.to_string().encode("utf-8")
    program = _program(engine, fmt)
    done = _run(program, engine, fmt, graph.to_string(), timeout)
    if done.returncode != 0 and b"init_rank" in done.stderr:
        # dot cannot always honour level columns inside clusters when moves cross tracks both
        # ways ("trouble in init_rank"): lay the graph out without them.
        done = _run(program, engine, fmt, to_pydot(G, **options, columns=False).to_string(), timeout)
    return _output(done, engine)


def _output(done: subprocess.CompletedProcess[bytes], engine: str) -> bytes:
    if done.returncode != 0 or not done.stdout:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ExportError(f"Graphviz {engine} failed: {message[0] if message else f'exit {done.returncode}'}")
    return done.stdout




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
