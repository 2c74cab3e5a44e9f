"""A diagram laid out for a slide: the first of a few layouts (level columns in track frames,
no columns, no frames, top to bottom) whose smallest text reaches the floor once zoomed onto the
16:9 page and that passes the geometry check (:mod:`otgraph.export.geometry`); the SVG records
which one it used (``<!-- layout: ... -->``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pydot

from ..errors import Hint
from .graphviz import SlideError, _output, _program, _run, choose_engine, quote, to_pydot
from .slide import DPI, MIN_TEXT_PX, SMALLER_PART, slide_viewport, svg_facts, svg_in_px

__all__ = ["LAST_RESORT", "VARIANTS", "SlideLayout", "render_slide", "render_slide_graph", "slide_layout"]


def render_slide_graph(G: nx.DiGraph, fmt: str, *, min_text: float = MIN_TEXT_PX, last_resort: bool = False,
                       engine: str | None = None, timeout: float = 60, **options: Any) -> bytes:
    """``G`` as one slide in ``fmt`` (dot, svg, png or pdf): a 16:9 page (PNG and SVG 1920x1080
    px) with every text at least ``min_text`` px high and a clean layout (:func:`slide_layout`;
    with ``last_resort`` also :data:`LAST_RESORT`), else :class:`~otgraph.errors.SlideError`.
    ``options``: ``highlight``, ``title``, ``labels``, ``focus``, ``stubs`` as for
    :func:`~otgraph.export.graphviz.to_pydot`."""
    engine = choose_engine(G, engine)
    variants = VARIANTS + LAST_RESORT if last_resort else VARIANTS
    return render_slide(G, fmt, _program(engine, fmt), timeout, min_text,
                        {**options, "engine": engine, "element_ids": False, "variants": variants})


def render_slide(G: nx.DiGraph, fmt: str, program: str, timeout: float, min_text: float,
                  options: dict[str, Any]) -> bytes:
    layout = slide_layout(G, program, timeout, min_text, **options)
    if layout is None:
        raise SlideError([f"this diagram cannot be drawn on a slide with text at least {min_text:g} px and no "
                          "text on text: ", *_untried(G, min_text, options)])
    graph = layout.graph
    graph.set("viewport", quote(layout.viewport))
    graph.set("pad", "0")
    graph.set("comment", quote(f"layout: {layout.variant}"))
    if fmt == "png":
        graph.set("dpi", str(DPI))
    if fmt == "dot":
        return graph.to_string().encode("utf-8")
    out = _output(_run(program, options["engine"], fmt, graph.to_string(), timeout), options["engine"])
    return svg_in_px(out) if fmt == "svg" else out


def _untried(G: nx.DiGraph, min_text: float, options: dict[str, Any]) -> list[str | Hint]:
    """What to try when a slide cannot be drawn, leaving out what this diagram already does
    (a message's parts, the suggestions as :class:`~otgraph.errors.Hint` s).

    >>> "".join(h if isinstance(h, str) else h.keyword() for h in _untried(nx.DiGraph(), 20, {"focus": "x",
    ...                                                                                     "labels": "years"}))
    'use size="natural"'
    """
    hints: list[list[str | Hint]] = []
    if len({a.get("track") for _, a in G.nodes(data=True)}) > 1:
        hints.append(["draw one track (", Hint("track", "TRACK", placeholder=True), ")"])
    if options.get("focus") is None:
        hints.append(["draw a role's neighbourhood (", *SMALLER_PART, ")"])
    if options.get("labels", "full") == "full":
        hints.append(["use ", Hint("labels", "years")])
    if min_text > 20:
        hints.append(["a lower floor (", Hint("min_text", 20), ")"])
    parts: list[str | Hint] = []
    for hint in hints:
        parts += [*hint, ", "]
    return [*parts, *(["or "] if hints else []), "use ", Hint("size", "natural")]


#: The layouts a slide tries in turn until one has no text on text, no box on a frame and no
#: line through a label: level columns in track frames, no columns, no frames, top to bottom.
#: None drops a label; a page that fits in none is split further.
VARIANTS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("columns", {"columns": True}),
    ("no columns", {"columns": False}),
    ("no clusters", {"columns": False, "clusters": False}),
    ("top to bottom", {"columns": False, "clusters": False, "rankdir": "TB"}),
)
#: For a slide of one role that fits in none of :data:`VARIANTS` (a role with many moves in and
#: out, at a high floor): its moves labelled with their years only (qualifications left out).
LAST_RESORT: tuple[tuple[str, dict[str, Any]], ...] = (
    ("years only", {"columns": False, "clusters": False, "labels": "years"}),
    ("years only, top to bottom", {"columns": False, "clusters": False, "labels": "years", "rankdir": "TB"}),
)


@dataclass
class SlideLayout:
    """A slide's drawing: the graph, Graphviz's viewport for the page, and the variant used."""

    graph: pydot.Dot
    viewport: str
    variant: str


def slide_layout(G: nx.DiGraph, program: str, timeout: float, min_text: float = MIN_TEXT_PX,
                 variants: Sequence[tuple[str, dict[str, Any]]] = VARIANTS, **options: Any) -> SlideLayout | None:
    """The first of ``variants`` whose natural layout has its smallest text at least
    ``min_text`` px on the slide and passes the geometry check (:func:`~otgraph.export.geometry.check_svg`),
    or None when none does. A variant Graphviz fails on ("trouble in init_rank", "triangulation
    failed") is passed over; :class:`ExportError` if it fails on every one."""
    from .geometry import check_svg

    engine, failures = options["engine"], []
    tried = variants if engine == "dot" else variants[:1]
    for name, variant in tried:
        graph = to_pydot(G, **{**options, **variant})
        done = _run(program, engine, "svg", graph.to_string(), timeout)
        if done.returncode != 0 or not done.stdout:
            failures.append(done)
            if len(failures) == len(tried):
                _output(done, engine)
            continue
        viewport = slide_viewport(svg_facts(done.stdout), min_text)
        if viewport is not None and not check_svg(done.stdout):
            return SlideLayout(graph, viewport, name)
    return None


