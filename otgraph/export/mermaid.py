"""Mermaid flowcharts (for Markdown READMEs and slide tools that render Mermaid).

>>> import networkx as nx
>>> G = nx.DiGraph()
>>> G.add_edge("a", "b", years=2)
>>> print(to_mermaid(G), end="")
flowchart LR
    n0("a")
    n1("b")
    n0 -->|"2 yr"| n1
    classDef uk fill:#dbe8f7,stroke:#2f5f98
    classDef us fill:#fde3cc,stroke:#b45309
"""

from __future__ import annotations

import re

import networkx as nx

from ..labels import evidence_grade, number, rank_label, track_name
from ..names import role_title
from ..routes import Route
from .style import COUNTRY_FILL, COUNTRY_LINE

__all__ = ["mermaid_text", "to_mermaid"]

# Inside a quoted label only these need entity codes; brackets and parentheses are safe.
_ENTITIES = {"&": "#amp;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "#": "#35;", "`": "#96;", "|": "#124;"}
_SPECIAL = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")


def mermaid_text(text: str) -> str:
    """Text safe inside a quoted Mermaid label: markup characters as entity codes, line breaks as <br>.

    Parameters
    ----------
    text : str
        Any text (a title, a track name).

    Returns
    -------
    str
        The text to put between a label's quotes.

    Examples
    --------
    >>> mermaid_text('A "B" & C')
    'A #quot;B#quot; #amp; C'
    """
    s = _SPECIAL.sub(lambda m: _ENTITIES[m.group(0)], str(text))
    return re.sub(r"\r\n|\r|\n", "<br>", s)


def to_mermaid(G: nx.DiGraph, *, highlight: Route | None = None) -> str:
    """A ``flowchart LR``: a subgraph per track, one node per role, edges labelled with years.

    Nodes are coloured by country; education stages are parallelograms; moves whose years are
    not sourced are dotted and marked ``~``.

    Parameters
    ----------
    G : networkx.DiGraph
        A career graph (or part of one).
    highlight : Route, optional
        A route whose moves are drawn thick and red.

    Returns
    -------
    str
        The Mermaid text, ending with a newline.

    Examples
    --------
    >>> from otgraph import load_roles
    >>> to_mermaid(load_roles().subgraph(track="us-clinical")).splitlines()[0]
    'flowchart LR'
    """
    ids = {n: f"n{i}" for i, n in enumerate(G)}
    lines = ["flowchart LR"]
    tracks: dict[str, list[str]] = {}
    for n, attrs in G.nodes(data=True):
        tracks.setdefault(attrs.get("track") or "", []).append(n)
    for t, (track, members) in enumerate(tracks.items()):
        indent = "    "
        if track:
            lines.append(f'    subgraph t{t}["{mermaid_text(track_name(track))}"]')
            indent = "        "
        for n in members:
            attrs = G.nodes[n]
            label = mermaid_text(role_title(G, n))
            if attrs.get("band"):
                label += f"<br>{mermaid_text(rank_label(attrs))}"
            shape = ('[/"', '"/]') if attrs.get("kind") == "education" else ('("', '")')
            lines.append(f"{indent}{ids[n]}{shape[0]}{label}{shape[1]}")
        if track:
            lines.append("    end")
    route_edges = {(s.source, s.target) for s in highlight.steps} if highlight else set()
    highlighted = []
    for i, (u, v, d) in enumerate(G.edges(data=True)):
        sourced = evidence_grade(d) == "sourced"
        years = ("" if sourced else "~") + f"{number(d.get('years', 0))} yr"
        arrow = "-->" if sourced else "-.->"
        lines.append(f'    {ids[u]} {arrow}|"{mermaid_text(years)}"| {ids[v]}')
        if (u, v) in route_edges:
            highlighted.append(str(i))
    for country in ("UK", "US"):
        lines.append(f"    classDef {country.lower()} fill:{COUNTRY_FILL[country]},stroke:{COUNTRY_LINE[country]}")
    for country, cls in (("UK", "uk"), ("US", "us")):
        members = [ids[n] for n, a in G.nodes(data=True) if a.get("country") == country]
        if members:
            lines.append(f"    class {','.join(members)} {cls}")
    if highlighted:
        lines.append(f"    linkStyle {','.join(highlighted)} stroke:#c0161d,stroke-width:3px")
    return "\n".join(lines) + "\n"
