"""A route as a timeline: years on the x axis, one bar per role held (for the move's typical
years), the range of each move as a whisker (an open maximum such as "5+" drawn as an arrow
running off to the right), and qualifications marked where they are gained.

Drawn with matplotlib, an optional extra (``pip install "otgraph[plot]"``), imported only here
and only when a timeline is drawn, with the Agg backend (no display needed).
"""

from __future__ import annotations

import io
import textwrap
from typing import Any

import networkx as nx

from ..errors import InvalidOptionError, MissingDependencyError
from ..labels import count, number, rank_label, role_caption, years_range_label
from ..names import role_title
from ..routes import Route
from .style import COUNTRY_FILL, COUNTRY_LINE, HIGHLIGHT, OTHER_FILL, OTHER_LINE

__all__ = ["INSTALL", "STYLE", "TIMELINE_FORMATS", "require_matplotlib", "timeline_rows", "to_timeline"]

TIMELINE_FORMATS = ("svg", "png", "pdf")
INSTALL = 'pip install "otgraph[plot]"'
#: How far past its minimum an open-ended whisker is drawn (in years), before its arrow head.
OPEN_TAIL = 2.0
#: Text as text in the SVG, named with a list of sans-serif fonts that Linux (DejaVu, Liberation),
#: macOS (Helvetica) and Windows (Arial) viewers have, ending in the generic sans-serif; the PDF
#: embeds TrueType subsets (Type 42), not Type 3 bitmaps-in-outlines.
STYLE = {"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"],
         "svg.fonttype": "none", "pdf.fonttype": 42, "svg.hashsalt": "otgraph", "font.size": 14}


def timeline_rows(G: nx.DiGraph, route: Route) -> list[dict[str, Any]]:
    """One row per role held: when it starts (the sum of the earlier moves' typical years), how
    long it is held (the next move's typical years; the goal: none), the next move's range
    (``high`` None when open) and the qualifications that move gains.

    Examples
    --------
    >>> from otgraph import load_roles, shortest_route
    >>> G = load_roles().graph
    >>> [(r["role"], r["start"], r["years"]) for r in timeline_rows(G, shortest_route(G, "us-entry-ot", "us-mid-ot"))]
    [('us-entry-ot', 0, 3), ('us-mid-ot', 3, 0)]
    """
    rows, start = [], 0
    for i, role in enumerate(route.roles):
        step = route.steps[i] if i < len(route.steps) else None
        row = {"role": role, "title": role_title(G, role), "rank": rank_label(G.nodes[role]),
               "country": G.nodes[role].get("country"), "start": start, "years": 0, "low": None, "high": None,
               "awards": [], "grade": None}
        if step is not None:
            low = step.years if step.years_min is None else step.years_min
            row.update(years=step.years, low=low, high=step.years_max, grade=step.grade,
                       awards=[G.graph.get("qualifications", {}).get(q, {}).get("title", q) for q in step.awards])
            start += step.years
        rows.append(row)
    return rows


def _axes(ax: Any, rows: list[dict[str, Any]], labels: list[str], end: float) -> None:
    """The role names down the side, years along the bottom, a light grid and no frame."""
    from matplotlib.ticker import MaxNLocator

    ax.set_yticks(range(len(rows)), labels, fontsize=14)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(len(rows) - 0.4, -0.6)
    ax.set_xlim(0, end * 1.12 + 0.5)
    ax.set_xlabel("years from the start (typical time in each role; whiskers: the range of the move out)",
                  fontsize=15)
    ax.tick_params(axis="x", labelsize=14)
    ax.grid(axis="x", color="#e3e6ea")
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)


def require_matplotlib() -> Any:
    """matplotlib's pyplot, drawing to files; :class:`~otgraph.errors.MissingDependencyError` naming
    what to install if matplotlib is missing (checked before any work)."""
    try:
        import matplotlib
    except ImportError:
        raise MissingDependencyError("a timeline needs matplotlib, which is not installed", INSTALL) from None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def to_timeline(G: nx.DiGraph, route: Route, fmt: str = "svg", *, title: str | None = None) -> bytes:
    """The route's timeline as svg, png (1920x1080 px) or pdf bytes.

    Each bar is a role, from when it is reached to when the next move is typically made; the
    whisker on its right spans the move's range (from the minimum to the maximum of years in
    that role); an open maximum ends in an arrow with "+". Diamonds mark qualifications gained
    by the move out of the role.
    """
    if fmt not in TIMELINE_FORMATS:
        raise InvalidOptionError(f"a timeline is svg, png or pdf, not {fmt}", argument="fmt")
    plt = require_matplotlib()

    rows = timeline_rows(G, route)
    low, high = route.total_years_range
    plt.rcParams.update(STYLE)
    fig, ax = plt.subplots(figsize=(16, 9), dpi=120)  # 1920 x 1080 px
    end = max([r["start"] + (r["years"] or 0) for r in rows]
              + [r["start"] + (r["high"] if r["high"] is not None else (r["low"] or 0) + OPEN_TAIL)
                 for r in rows if r["low"] is not None] + [1])
    labels = []
    for y, row in enumerate(rows):
        fill = COUNTRY_FILL.get(row["country"], OTHER_FILL)
        line = COUNTRY_LINE.get(row["country"], OTHER_LINE)
        width = row["years"] if row["years"] else end * 0.03  # the goal: a short stub
        ax.barh(y, width, left=row["start"], height=0.5, color=fill, edgecolor=line, linewidth=1.5, gid=f"bar-{y}")
        name, rank = role_caption(row["title"], G.nodes[row["role"]])  # as the Graphviz boxes say it
        labels.append(textwrap.fill(name, 30) + (f"\n{rank}" if rank else ""))
        if row["low"] is None:
            continue
        x0 = row["start"] + row["low"]
        if row["high"] is None:  # open maximum: an arrow running on, marked "+"
            x1 = x0 + OPEN_TAIL
            ax.plot([x0, x1], [y, y], color="#333333", lw=2, marker=">", markevery=[1], markersize=12,
                    gid=f"whisker-open-{y}")
            ax.plot([x0, x0], [y - 0.16, y + 0.16], color="#333333", lw=2)
        else:
            x1 = row["start"] + row["high"]
            ax.errorbar([(x0 + x1) / 2], [y], xerr=[[(x1 - x0) / 2]], fmt="none", ecolor="#333333", elinewidth=2,
                        capsize=8, capthick=2, gid=f"whisker-{y}")
        ax.text(x1 + end * 0.01, y, f"{years_range_label(row['low'], row['high'])} yr", va="center", fontsize=14,
                color="#333333")
        if row["awards"]:
            at = row["start"] + row["years"]
            ax.plot([at], [y + 0.5], marker="D", markersize=11, color=HIGHLIGHT, gid=f"award-{y}", clip_on=False)
            ax.text(at + end * 0.012, y + 0.5, "; ".join(row["awards"]), va="center", fontsize=14, color=HIGHLIGHT)
    _axes(ax, rows, labels, end)
    totals = (f"{years_range_label(low, high)} years (typical {number(route.total_years)}), "
              f"{count(route.total_steps, 'step')}, {count(route.total_qualifications, 'qualification')}")
    heading = title or f"{role_title(G, route.source)} to {role_title(G, route.target)}"
    fig.suptitle(heading, x=0.01, ha="left", fontsize=22, fontweight="bold")
    ax.set_title(totals, loc="left", fontsize=16, color=HIGHLIGHT)
    fig.subplots_adjust(left=0.22, right=0.98, top=0.86, bottom=0.1)
    out = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else ({"CreationDate": None} if fmt == "pdf" else {})
    fig.savefig(out, format=fmt, metadata=metadata)
    plt.close(fig)
    return out.getvalue()
