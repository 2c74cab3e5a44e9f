"""Slide-sized diagrams: a 16:9 page (a PNG of exactly 1920x1080 px) on which every text, node
and edge labels alike, is at least 24 px high (or the floor asked for).

Graphviz lays the graph out at its natural size first; :func:`svg_facts` reads that SVG back
(page, scale, font sizes, cluster boxes) and :func:`slide_viewport` works out the zoom that puts
the drawing on a 1440x810 pt page (1920x1080 px at 96 dpi). If that zoom would take the smallest
text under the floor, the diagram does not fit: :mod:`otgraph.export.pages` then splits it onto
numbered slides. Text is never shrunk below the floor.

>>> page_size_px()
(1920, 1080)
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import networkx as nx

from ..errors import Hint

__all__ = ["LECTURE_HALL_PX", "MAX_TEXT_PX", "MIN_TEXT_PX", "MIN_TEXT_RANGE", "PAGE_PT", "SMALLER_PART", "SlideFacts",
           "cluster_overlaps", "page_size_px", "part", "slide_viewport", "svg_facts", "svg_in_px", "text_px"]

#: The page in points (20 x 11.25 inches); at 96 dpi, 1920 x 1080 px.
PAGE_PT = (1440.0, 810.0)
DPI = 96
#: The smallest text on a slide by default, in px of the 1920 px wide page (about 12 pt on a
#: 13.33 in slide); the range ``--min-text`` may ask for (32 px, about 16 pt, for a lecture hall);
#: and the most a sparse diagram is enlarged to fill the slide (its smallest text at most this).
MIN_TEXT_PX = 24.0
MIN_TEXT_RANGE = (20.0, 40.0)
LECTURE_HALL_PX = 32.0
MAX_TEXT_PX = 40.0

#: What a refusal suggests to draw instead of too big a graph: one role's neighbourhood.
SMALLER_PART = (Hint("around", "ROLE", placeholder=True), " with ", Hint("radius", 1))
_SVG = "{http://www.w3.org/2000/svg}"


def page_size_px() -> tuple[int, int]:
    """The slide in pixels."""
    return round(PAGE_PT[0] * DPI / 72), round(PAGE_PT[1] * DPI / 72)


@dataclass
class SlideFacts:
    """What a Graphviz SVG says about itself: its page (viewBox, in points), the scale of its
    drawing, every text's font size, and each cluster's box (in the drawing's units)."""

    width: float
    height: float
    scale: float
    fonts: list[float] = field(default_factory=list)
    clusters: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)


def svg_facts(svg: bytes | str) -> SlideFacts:
    """Read a Graphviz SVG back: page size, scale transform, font sizes and cluster boxes."""
    root = ET.fromstring(svg if isinstance(svg, bytes) else svg.encode("utf-8"))
    box = [float(x) for x in root.get("viewBox", "0 0 0 0").replace(",", " ").split()]
    graph = root.find(f"{_SVG}g")
    found = re.search(r"scale\(([\d.]+)", graph.get("transform", "") if graph is not None else "")
    facts = SlideFacts(box[2], box[3], float(found.group(1)) if found else 1.0)
    for text in root.iter(f"{_SVG}text"):
        size = text.get("font-size")
        if size and (text.text or "").strip():
            facts.fonts.append(float(size))
    for g in root.iter(f"{_SVG}g"):
        if g.get("class") != "cluster":
            continue
        outline = g.find(f"{_SVG}path")
        if outline is None:
            outline = g.find(f"{_SVG}polygon")
        if outline is None:
            continue
        numbers = [float(x) for x in re.findall(r"-?[\d.]+", outline.get("d") or outline.get("points") or "")]
        xs, ys = numbers[0::2], numbers[1::2]
        name = (g.findtext(f"{_SVG}title") or g.get("id", "")).strip()
        facts.clusters[name] = (min(xs), min(ys), max(xs), max(ys))
    return facts


def text_px(facts: SlideFacts, width_px: float = 1920) -> float:
    """The smallest text's height in px when the page is ``width_px`` wide (0 without text)."""
    return min(facts.fonts, default=0.0) * facts.scale * width_px / facts.width if facts.width else 0.0


def cluster_overlaps(facts: SlideFacts) -> list[tuple[str, str]]:
    """Pairs of clusters whose boxes overlap (a cluster inside another is not an overlap)."""
    out = []
    items = sorted(facts.clusters.items())
    for i, (a, (ax0, ay0, ax1, ay1)) in enumerate(items):
        for b, (bx0, by0, bx1, by1) in items[i + 1:]:
            inside = (ax0 <= bx0 and bx1 <= ax1 and ay0 <= by0 and by1 <= ay1) or \
                     (bx0 <= ax0 and ax1 <= bx1 and by0 <= ay0 and ay1 <= by1)
            if not inside and ax0 < bx1 - 0.5 and bx0 < ax1 - 0.5 and ay0 < by1 - 0.5 and by0 < ay1 - 0.5:
                out.append((a, b))
    return out


def slide_viewport(natural: SlideFacts, min_text: float = MIN_TEXT_PX) -> str | None:
    """Graphviz's ``viewport`` putting a naturally sized drawing on the 16:9 page, centred and
    as large as fits (its smallest text at most :data:`MAX_TEXT_PX`), or None when its smallest
    text would be under ``min_text`` px."""
    width, height = natural.width, natural.height
    page_w = max(width, height * PAGE_PT[0] / PAGE_PT[1])
    smallest = min(natural.fonts, default=min_text) * natural.scale
    zoom = PAGE_PT[0] / page_w
    zoom = min(zoom, MAX_TEXT_PX / (smallest * DPI / 72))
    zoom = math.floor(zoom * 100) / 100  # as Graphviz writes it in the SVG's scale()
    if smallest * zoom * DPI / 72 < min_text - 1e-9:
        return None
    # The centre in graph coordinates (the natural SVG has a 4 pt pad on every side).
    return f"{PAGE_PT[0]:g},{PAGE_PT[1]:g},{zoom:g},{(width - 8) / 2:.2f},{(height - 8) / 2:.2f}"


def svg_in_px(svg: bytes) -> bytes:
    """A slide SVG's root sized in px (1920x1080) instead of points; the viewBox is kept.

    >>> svg_in_px(b'<svg width="1440pt" height="810pt" viewBox="0 0 1440 810">')
    b'<svg width="1920px" height="1080px" viewBox="0 0 1440 810">'
    """
    width, height = page_size_px()
    return re.sub(rb'<svg width="[\d.]+pt" height="[\d.]+pt"', f'<svg width="{width}px" height="{height}px"'.encode(),
                  svg, count=1)


def part(G: nx.DiGraph, keep) -> nx.DiGraph:
    """The roles in ``keep`` and the moves among them, in ``G``'s order (a view of a subgraph
    iterates in set order, and exports must come out the same on every run)."""
    keep = set(keep)
    H = nx.DiGraph(**G.graph)
    H.add_nodes_from((n, a) for n, a in G.nodes(data=True) if n in keep)
    H.add_edges_from((u, v, d) for u, v, d in G.edges(data=True) if u in keep and v in keep)
    return H


