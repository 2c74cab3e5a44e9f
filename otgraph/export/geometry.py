"""A geometry check of Graphviz SVGs, read from the file itself (as committed, or as just made):
text over text, text or a box on a cluster's frame, overlapping frames, an edge line through a
label drawn without an opaque background, text off the page, and the smallest text in px.

Text widths come from a bundled table of Liberation Sans advance widths (``font_metrics.json``,
made by ``scripts/font_metrics.py``): the font Graphviz draws "Helvetica" with on Linux, metric
compatible with the Helvetica and Arial of other viewers. A text's box spans 0.75 of its size
above the baseline and 0.22 below (cap height and descenders).

>>> svg = '''<svg viewBox="0 0 100 50" xmlns="http://www.w3.org/2000/svg">
... <g class="graph" transform="scale(1 1) rotate(0) translate(0 50)">
... <text text-anchor="start" x="5" y="-30" font-size="10">one</text>
... <text text-anchor="start" x="8" y="-28" font-size="10">two</text></g></svg>'''
>>> check_svg(svg)
["text 'one' is on text 'two'"]
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations
from pathlib import Path

__all__ = ["Box", "Drawing", "Label", "check_svg", "fallback_of", "read_svg", "smallest_text_px", "text_width"]

_SVG = "{http://www.w3.org/2000/svg}"
_ASCENT, _DESCENT = 0.75, 0.22
#: Overlaps smaller than this (in the drawing's units, points at scale 1) are rounding.
TOLERANCE = 0.75
#: A box closer than this to a frame line is on it.
FRAME_GAP = 2.0
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


@cache
def _metrics() -> dict:
    return json.loads((Path(__file__).with_name("font_metrics.json")).read_text(encoding="utf-8"))


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` at ``size`` in Liberation Sans (unknown characters as an 'M').

    >>> round(text_width("Band 5", 10), 1)
    31.7
    """
    table = _metrics()
    widths = table["bold" if bold else "regular"]
    wide = widths["M"]
    return sum(widths.get(c, wide) for c in text) * size / table["units_per_em"]


@dataclass(frozen=True)
class Box:
    """A rectangle in the drawing's units (SVG y grows downwards)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, tolerance: float = TOLERANCE) -> bool:
        """Whether the two boxes share more than ``tolerance`` in both directions."""
        return (min(self.x1, other.x1) - max(self.x0, other.x0) > tolerance
                and min(self.y1, other.y1) - max(self.y0, other.y0) > tolerance)

    def inside(self, other: Box, gap: float = 0.0) -> bool:
        """Whether this box lies within ``other`` shrunk by ``gap``."""
        return (other.x0 + gap <= self.x0 and self.x1 <= other.x1 - gap
                and other.y0 + gap <= self.y0 and self.y1 <= other.y1 - gap)

    def hit_by(self, a: tuple[float, float], b: tuple[float, float]) -> bool:
        """Whether the segment from ``a`` to ``b`` crosses the box (Liang-Barsky clipping)."""
        (ax, ay), (bx, by) = a, b
        low, high = 0.0, 1.0
        for p, q in ((ax - bx, ax - self.x0), (bx - ax, self.x1 - ax), (ay - by, ay - self.y0),
                     (by - ay, self.y1 - ay)):
            if p == 0:
                if q < 0:
                    return False
                continue
            t = q / p
            if p < 0:
                low = max(low, t)
            else:
                high = min(high, t)
            if low > high:
                return False
        return True


@dataclass
class Label:
    """One line of text: what it says, its box, its font size, the element it belongs to
    (``node``, ``edge``, ``cluster`` or ``graph``) and whether an opaque shape lies under it."""

    text: str
    box: Box
    size: float
    owner: str
    element: str
    opaque: bool = False


@dataclass
class Drawing:
    """What a Graphviz SVG draws, in its own units: the page, the root transform, every text,
    node box, cluster frame and edge line (a polyline through its Bezier curve)."""

    width: float
    height: float
    scale: float
    translate: tuple[float, float]
    labels: list[Label] = field(default_factory=list)
    nodes: dict[str, Box] = field(default_factory=dict)
    clusters: dict[str, Box] = field(default_factory=dict)
    edges: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    bare_route_moves: list[str] = field(default_factory=list)
    fallback: str = ""

    def to_page(self, box: Box) -> Box:
        """A box in page units (the viewBox's)."""
        s, (tx, ty) = self.scale, self.translate
        return Box(s * (box.x0 + tx), s * (box.y0 + ty), s * (box.x1 + tx), s * (box.y1 + ty))


def _numbers(text: str) -> list[float]:
    return [float(x) for x in _NUMBER.findall(text or "")]


def _bounds(shape: ET.Element) -> Box | None:
    if shape.tag == f"{_SVG}ellipse":
        cx, cy, rx, ry = (float(shape.get(k, 0)) for k in ("cx", "cy", "rx", "ry"))
        return Box(cx - rx, cy - ry, cx + rx, cy + ry)
    nums = _numbers(shape.get("d") or shape.get("points") or "")
    if len(nums) < 4:
        return None
    return Box(min(nums[0::2]), min(nums[1::2]), max(nums[0::2]), max(nums[1::2]))


def _curve(d: str) -> list[tuple[float, float]]:
    """Points along an SVG path of one move and cubic Bezier segments (Graphviz's edges)."""
    nums = _numbers(d)
    points = list(zip(nums[0::2], nums[1::2], strict=False))
    if not points:
        return []
    out = [points[0]]
    for i in range(1, len(points) - 2, 3):
        p0, p1, p2, p3 = out[-1], points[i], points[i + 1], points[i + 2]
        for k in range(1, 9):
            t = k / 8
            u = 1 - t
            out.append((u ** 3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t ** 3 * p3[0],
                        u ** 3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t ** 3 * p3[1]))
    return out


def _label(text: ET.Element, owner: str, element: str, under: list[tuple[Box, bool]]) -> Label:
    size = float(text.get("font-size", 14))
    bold = text.get("font-weight") == "bold"
    words = text.text.strip()
    width = text_width(text.text, size, bold)
    x, y = float(text.get("x", 0)), float(text.get("y", 0))
    x0 = {"middle": x - width / 2, "end": x - width}.get(text.get("text-anchor", "start"), x)
    box = Box(x0, y - _ASCENT * size, x0 + width, y + _DESCENT * size)
    # Only a node's fill hides lines: Graphviz routes edges around nodes, but over a cluster's
    # fill (drawn first) and over the heading's cells.
    opaque = owner == "node" and any(fill and box.inside(shape, -TOLERANCE) for shape, fill in under)
    return Label(words, box, size, owner, element, opaque)


def _filled(shape: ET.Element) -> bool:
    return shape.get("fill", "none") not in ("none", "transparent")


def _read_group(g: ET.Element, owner: str, drawing: Drawing) -> None:
    element = (g.findtext(f"{_SVG}title") or g.get("id", "")).strip()
    shapes = [(s, _bounds(s)) for s in g.iter() if s.tag in (f"{_SVG}polygon", f"{_SVG}path", f"{_SVG}ellipse")]
    under = [(box, _filled(s)) for s, box in shapes if box is not None]
    if owner == "node" and under:
        drawing.nodes[element] = under[0][0]
    elif owner == "cluster" and under:
        drawing.clusters[element] = under[0][0]
    elif owner == "edge":
        lines = [s for s, _ in shapes if s.tag == f"{_SVG}path"]
        if lines:
            drawing.edges[g.get("id") or element] = _curve(lines[0].get("d", ""))
        texts = " ".join(t.text or "" for t in g.iter(f"{_SVG}text")).strip()
        if "labelled" in (g.get("class") or "").split() and not texts:
            drawing.bare_route_moves.append(element)
    for text in g.iter(f"{_SVG}text"):
        if (text.text or "").strip():
            drawing.labels.append(_label(text, owner, element, under))


def read_svg(svg: bytes | str | Path) -> Drawing:
    """Read a Graphviz SVG: page, root transform, texts, node boxes, cluster frames, edge lines."""
    if isinstance(svg, Path):
        svg = svg.read_bytes()
    data = svg.encode("utf-8") if isinstance(svg, str) else svg
    root = ET.fromstring(data)
    box = _numbers(root.get("viewBox", "0 0 0 0"))
    graph = root.find(f"{_SVG}g")
    transform = graph.get("transform", "") if graph is not None else ""
    scale = re.search(r"scale\(([-\d.]+)", transform)
    shift = re.search(r"translate\(([-\d.]+)[ ,]+([-\d.]+)", transform)
    drawing = Drawing(box[2], box[3], float(scale.group(1)) if scale else 1.0,
                      (float(shift.group(1)), float(shift.group(2))) if shift else (0.0, 0.0),
                      fallback=fallback_of(data))
    if graph is None:
        return drawing
    loose = [t for t in graph.findall(f"{_SVG}text") if (t.text or "").strip()]
    graph_shapes = [(b, _filled(s)) for s in graph.findall(f"{_SVG}polygon")[1:] if (b := _bounds(s))]
    drawing.labels += [_label(t, "graph", "graph", graph_shapes) for t in loose]
    for g in graph.findall(f"{_SVG}g"):
        owner = (g.get("class") or "").split(" ")[0]
        if owner in ("node", "edge", "cluster"):
            _read_group(g, owner, drawing)
    return drawing


def fallback_of(svg: bytes | str) -> str:
    """The layout fallback a diagram records in its SVG (``<!-- layout: ... -->``), or ''."""
    text = svg.decode("utf-8", "replace") if isinstance(svg, bytes) else svg
    found = re.search(r"<!-- layout: ([^>]*?) -->", text)
    return found.group(1) if found else ""


def smallest_text_px(drawing: Drawing, width_px: float = 1920) -> float:
    """The smallest text's height in px when the page is ``width_px`` wide (0 without text)."""
    if not drawing.labels or not drawing.width:
        return 0.0
    return min(lab.size for lab in drawing.labels) * drawing.scale * width_px / drawing.width


def _text_on_text(drawing: Drawing) -> list[str]:
    return [f"text {a.text!r} is on text {b.text!r}" for a, b in combinations(drawing.labels, 2)
            if a.box.overlaps(b.box)]


def _on_frames(drawing: Drawing) -> list[str]:
    out = []
    things = [(f"box {name!r}", box) for name, box in drawing.nodes.items()]
    things += [(f"text {lab.text!r}", lab.box) for lab in drawing.labels if lab.owner in ("edge", "graph")]
    for what, box in things:
        for name, frame in drawing.clusters.items():
            if box.overlaps(Box(frame.x0 - FRAME_GAP, frame.y0 - FRAME_GAP, frame.x1 + FRAME_GAP,
                                frame.y1 + FRAME_GAP), 0) and not box.inside(frame, FRAME_GAP):
                out.append(f"{what} is on the frame of {name!r}")
    for (a, box_a), (b, box_b) in combinations(drawing.clusters.items(), 2):
        if box_a.overlaps(box_b) and not (box_a.inside(box_b) or box_b.inside(box_a)):
            out.append(f"frames {a!r} and {b!r} overlap")
    return out


def _lines_through_labels(drawing: Drawing) -> list[str]:
    out = []
    bare = [lab for lab in drawing.labels if not lab.opaque]
    for edge, points in drawing.edges.items():
        for lab in bare:
            inner = Box(lab.box.x0 + 1, lab.box.y0 + 1, lab.box.x1 - 1, lab.box.y1 - 1)
            if any(inner.hit_by(a, b) for a, b in zip(points, points[1:], strict=False)):
                out.append(f"edge {edge} runs through text {lab.text!r}")
    return out


def _off_page(drawing: Drawing) -> list[str]:
    page = Box(0, 0, drawing.width, drawing.height)
    return [f"text {lab.text!r} is off the page" for lab in drawing.labels
            if not drawing.to_page(lab.box).inside(page, -TOLERANCE)]


def check_svg(svg: bytes | str | Path, min_px: float | None = None) -> list[str]:
    """What is wrong with a Graphviz SVG's geometry (an empty list when nothing is).

    Parameters
    ----------
    svg : bytes, str or pathlib.Path
        The SVG, or its file.
    min_px : float, optional
        The text floor: report the smallest text when it is under this many px at 1920 px wide.

    Returns
    -------
    list of str
        One line per problem.
    """
    drawing = read_svg(svg)
    problems = _text_on_text(drawing) + _on_frames(drawing) + _lines_through_labels(drawing)
    problems += _off_page(drawing) + [f"route move {e} has lost its label" for e in drawing.bare_route_moves]
    if min_px is not None and smallest_text_px(drawing) < min_px - 0.05:
        problems.append(f"the smallest text is {smallest_text_px(drawing):.1f} px (at least {min_px:g} needed)")
    return problems
