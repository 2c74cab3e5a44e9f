"""The top of a Graphviz diagram: its title, a route's totals (years as a range, steps,
qualifications) and a one-row legend with only the keys the diagram uses, as one HTML-like
label (so it takes no room in the layout); and the sizes of every text.

>>> edge_years({"years": 3, "years_min": 2, "years_max": None})
'2+'
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence
from typing import Any

import networkx as nx

from ..labels import count, evidence_grade, number, years_range_label
from ..names import role_title
from ..routes import Route
from .style import COUNTRY_LINE, HIGHLIGHT, OTHER_LINE

__all__ = ["CLUSTER_SIZE", "EDGE_SIZE", "EDGE_WRAP", "LEGEND_SIZE", "NODE_SIZE", "NODE_WRAP", "TITLE_SIZE",
           "TOTALS_SIZE", "edge_years", "heading"]

#: Font sizes in points: at 16:9 on a 1920 px slide one point is 4/3 px when the drawing is
#: 1440 pt wide, so 12 pt edge labels stay at or above 14 px down to a scale of 0.875.
NODE_WRAP = 16
#: Qualifications on a move run on over lines of this many characters: a long name ("OT degree
#: apprenticeship (level 7, integrated master's)") would otherwise widen its whole column.
EDGE_WRAP = 16
#: A title longer than this many characters runs on over lines (the slide's width is for the graph).
TITLE_WRAP = 52
NODE_SIZE, EDGE_SIZE, CLUSTER_SIZE, TITLE_SIZE, TOTALS_SIZE, LEGEND_SIZE = 14, 14, 15, 22, 16, 14


def edge_years(d: dict[str, Any]) -> str:
    """A move's years as its range ('2-4', '5+'), or the one figure when it has no range."""
    low = d.get("years_min", d.get("years", 0))
    high = d["years_max"] if "years_max" in d else d.get("years", 0)
    return years_range_label(d.get("years", 0) if low is None else low, high)


def heading(G: nx.DiGraph, title: str | None, highlight: Route | None, *, legend: bool,
            continued: Sequence[dict[str, Any]] = ()) -> str | None:
    """The graph's label: the title, a route's totals, how many moves continue on other slides,
    and a one-row legend with only the keys this diagram uses (an HTML-like table, so it takes
    no room in the layout). ``continued``: the moves drawn to other slides' stubs."""
    if not title and highlight is None and not legend and not continued:
        return None
    rows = []
    if title or highlight is not None:
        text = title or f"{role_title(G, highlight.source)} to {role_title(G, highlight.target)}"
        text = "\n".join(textwrap.wrap(text, TITLE_WRAP, break_long_words=False, break_on_hyphens=False)) or text
        lines = '<br align="left"/>'.join(html.escape(line) for line in text.splitlines())
        rows.append(f'<td align="left" balign="left"><font point-size="{TITLE_SIZE}"><b>{lines}</b>'
                    '</font></td>')
    if highlight is not None:
        low, high = highlight.total_years_range
        totals = (f"{years_range_label(low, high)} years (typical {number(highlight.total_years)}), "
                  f"{count(highlight.total_steps, 'step')}, "
                  f"{count(highlight.total_qualifications, 'qualification')}")
        rows.append(f'<td align="left"><font point-size="{TOTALS_SIZE}" color="{HIGHLIGHT}">'
                    f'Route: {_esc(totals)}</font></td>')
    if continued:
        verb = "continues" if len(continued) == 1 else "continue"
        rows.append(f'<td align="left"><font point-size="{TOTALS_SIZE}">{count(len(continued), "move")} {verb} '
                    'elsewhere (dashed boxes)</font></td>')
    if legend:
        rows.append(_legend(G, highlight, continued))
    return ('<<table border="0" cellborder="0" cellspacing="4" cellpadding="3">'
            + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>>")


def _legend(G: nx.DiGraph, highlight: Route | None, continued: Sequence[dict[str, Any]]) -> str:
    """The legend row: a key for each country's roles, education stages, sourced and estimated
    years, and the route, each only when drawn, as one line of text (a table's cells would be
    stretched to the title's width)."""
    keys = []
    for country in sorted({a.get("country") for _, a in G.nodes(data=True) if a.get("country")}):
        keys.append(_key(COUNTRY_LINE.get(country, OTHER_LINE), "&#9632;", f"{_esc(country)} role"))
    if any(a.get("kind") == "education" for _, a in G.nodes(data=True)):
        keys.append(_key("#555555", "&#9633;", "education or licensing stage"))
    grades = {evidence_grade(d) for d in [*(d for *_, d in G.edges(data=True)), *continued]}
    if "sourced" in grades:
        keys.append("&#8212;&#8212; 2-4 yr: from a source")
    if grades - {"sourced"}:
        keys.append("- - - ~3 yr: estimate")
    if highlight is not None:
        keys.append(f'<font color="{HIGHLIGHT}">&#9473;&#9473; route shown</font>')
    return f'<td align="left"><font point-size="{LEGEND_SIZE}">{"&#160;&#160;&#160; ".join(keys)}</font></td>'


def _key(colour: str, mark: str, text: str) -> str:
    return f'<font color="{colour}">{mark}</font> {text}'


def _esc(text: str) -> str:
    return html.escape(str(text)).replace("\n", "<br/>")
