"""Write a career graph to a file: Graphviz (dot, svg, png, pdf), GraphML, GEXF, node-link
JSON, Mermaid, and an interactive HTML map.

Imported only by ``otgraph export`` and scripts that render diagrams, so route lookups never
pay for pydot. Files are written atomically: to a temporary file beside the target, then
renamed over it, so a failed render leaves any existing file as it was. Nothing here prints:
writing to standard output is the command line's job (with :func:`render`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from ..errors import ExportError, InvalidOptionError
from ..files import write_atomic
from ..routes import Route

if TYPE_CHECKING:
    from .pages import Stub

__all__ = ["FORMATS", "GRAPHVIZ_FORMATS", "TEXT_FORMATS", "ExportError", "around", "default_title", "export",
           "export_slides", "format_for", "page_paths", "render"]

GRAPHVIZ_FORMATS = ("dot", "svg", "png", "pdf")
TEXT_FORMATS = ("dot", "svg", "graphml", "gexf", "json", "mermaid", "html")
FORMATS = (*GRAPHVIZ_FORMATS, "graphml", "gexf", "json", "mermaid", "html")
_SUFFIXES = {".gv": "dot", ".dot": "dot", ".svg": "svg", ".png": "png", ".pdf": "pdf", ".graphml": "graphml",
             ".gexf": "gexf", ".json": "json", ".mmd": "mermaid", ".mermaid": "mermaid", ".md": "mermaid",
             ".html": "html", ".htm": "html"}

def format_for(path: str | os.PathLike[str] | None, fmt: str | None = None) -> str:
    """The export format: ``fmt`` if given, else the one the file name's ending implies.

    Parameters
    ----------
    path : str, os.PathLike or None
        The file to write (``None`` or ``"-"``: standard output).
    fmt : str, optional
        One of :data:`FORMATS`.

    Returns
    -------
    str
        The format.

    Raises
    ------
    InvalidOptionError
        If ``fmt`` is not a format, or is needed (standard output, an unknown file ending).

    Examples
    --------
    >>> format_for("map.svg"), format_for("x", "graphml")
    ('svg', 'graphml')
    """
    if fmt is not None:
        if fmt not in FORMATS:
            raise InvalidOptionError(f"fmt must be one of {', '.join(FORMATS)}, not {fmt!r}", argument="fmt")
        return fmt
    if path is None or str(path) == "-":
        raise InvalidOptionError("fmt is needed when writing to standard output", argument="fmt")
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise InvalidOptionError(f"fmt is needed: cannot tell the format from '{path}' (use one of "
                                 f"{', '.join(FORMATS)})", argument="fmt")
    return _SUFFIXES[suffix]


def render(G: nx.DiGraph, fmt: str, *, highlight: Route | None = None, title: str | None = None,
           engine: str | None = None, timeout: float = 60, labels: str = "full", size: str = "natural",
           focus: str | None = None, progress: Callable[[int, int], None] | None = None,
           stubs: Sequence[Stub] = (), min_text: float | None = None, last_resort: bool = False) -> bytes:
    """The exported graph as bytes in ``fmt``.

    Parameters
    ----------
    G : networkx.DiGraph
        A career graph (or a part of one, such as ``CareerGraph.subgraph``).
    fmt : str
        One of :data:`FORMATS`.
    highlight : Route, optional
        A route to draw in red.
    title : str, optional
        A title for the diagram (Graphviz and HTML).
    engine : str, optional
        The Graphviz layout program (default ``dot``).
    timeout : float, optional
        Seconds Graphviz may take.
    labels : {"full", "years", "none"}, optional
        Edge labels in Graphviz formats: years and qualifications, years only, or none.
    size : {"natural", "slide"}, optional
        Graphviz formats: the layout's own size, or a 16:9 slide (PNG 1920x1080 px) with every
        text at least ``min_text`` px high (:class:`~otgraph.errors.SlideError` if it
        cannot be; :func:`export_slides` splits a diagram into slides that can).
    focus : str, optional
        Graphviz formats: a role drawn bold, without track clusters (for :func:`around`).
    progress : callable, optional
        Called with (done, total) while the HTML map's routes are computed.
    stubs : sequence of Stub, optional
        Graphviz formats: moves that continue on other slides (:mod:`otgraph.export.pages`).
    min_text : float, optional
        ``size="slide"``: the smallest text in px on a 1920 px slide (default 24).
    last_resort : bool, optional
        ``size="slide"``: if no layout fits, label moves with their years only.

    Returns
    -------
    bytes
        The file's content (text formats as UTF-8).

    Raises
    ------
    ExportError
        If the graph cannot be rendered (Graphviz missing or too slow, too many roles...).

    Examples
    --------
    >>> from otgraph import load_roles
    >>> render(load_roles().subgraph(track="nhs"), "mermaid")[:12]
    b'flowchart LR'
    """
    if fmt in GRAPHVIZ_FORMATS and size == "slide":
        from .slide import MIN_TEXT_PX
        from .slide_layout import render_slide_graph

        return render_slide_graph(G, fmt, highlight=highlight, title=title, engine=engine, timeout=timeout,
                                  labels=labels, focus=focus, stubs=stubs, last_resort=last_resort,
                                  min_text=MIN_TEXT_PX if min_text is None else min_text)
    if fmt in GRAPHVIZ_FORMATS:
        from .graphviz import render_graphviz

        return render_graphviz(G, fmt, highlight=highlight, title=title, engine=engine, timeout=timeout,
                               labels=labels, focus=focus, stubs=stubs)
    if fmt == "html":
        from .html import to_html

        return to_html(G, title=title, highlight=highlight, timeout=timeout, labels=labels,
                       progress=progress).encode("utf-8")
    if fmt == "mermaid":
        from .mermaid import to_mermaid

        return to_mermaid(G, highlight=highlight).encode("utf-8")
    from .networkx_formats import write_data

    return write_data(G, fmt)


def export(G: nx.DiGraph, path: str | os.PathLike[str], fmt: str | None = None, **options: Any) -> str:
    """Write ``G`` to the file ``path`` atomically; return the format written.

    Parameters
    ----------
    G : networkx.DiGraph
        A career graph.
    path : str or os.PathLike
        The file to write; any existing file is replaced only once the new one is complete.
    fmt : str, optional
        One of :data:`FORMATS`; default: the one the file name's ending implies.
    **options
        Passed to :func:`render` (``highlight``, ``title``, ``engine``, ``timeout``, ``labels``, ``size``).

    Returns
    -------
    str
        The format written.

    Raises
    ------
    InvalidOptionError
        If the format is unknown or cannot be told from the file name.
    ExportError
        If the file cannot be rendered or written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from otgraph import load_roles
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "nhs.mmd"
    >>> export(load_roles().subgraph(track="nhs"), out)
    'mermaid'
    """
    fmt = format_for(path, fmt)
    content = render(G, fmt, **options)
    write_atomic(Path(path), lambda f: f.write(content))
    return fmt


def around(G: nx.DiGraph, role: str, radius: int = 1) -> nx.DiGraph:
    """``role`` and every role within ``radius`` moves of it, in either direction (where one can
    come from and where one can go), as a copy that keeps the graph's tables. Only moves that
    lead one move nearer to or further from ``role`` are kept: at radius 1, the moves into and
    out of it, not those between its neighbours.

    Examples
    --------
    >>> from otgraph import load_roles
    >>> H = around(load_roles().graph, "us-mid-ot", 1)
    >>> "us-entry-ot" in H, "us-senior-ot" in H, "nhs-consultant-ot" in H
    (True, True, False)
    >>> all("us-mid-ot" in move for move in H.edges())
    True
    """
    if radius < 0:
        raise InvalidOptionError(f"radius must be 0 or more, not {radius}", argument="radius")
    from .slide import part

    distance = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), role, cutoff=radius)
    H = part(G, distance)
    H.remove_edges_from([(u, v) for u, v in H.edges() if distance[u] == distance[v]])
    return H


def page_paths(path: str | os.PathLike[str], pages: int) -> list[Path]:
    """The files of a diagram split over ``pages`` slides: ``map.png`` itself for one page, else
    ``map-1.png``, ``map-2.png``...

    >>> [p.name for p in page_paths("map.png", 2)]
    ['map-1.png', 'map-2.png']
    """
    path = Path(path)
    if pages == 1:
        return [path]
    return [path.with_name(f"{path.stem}-{k}{path.suffix}") for k in range(1, pages + 1)]


def export_slides(G: nx.DiGraph, path: str | os.PathLike[str], fmt: str | None = None, *,
                  title: str | None = None, min_text: float | None = None, context: str = "fade",
                  outside: nx.DiGraph | None = None, **options: Any) -> list[Path]:
    """Write ``G`` as slides: one file if it fits, else numbered files (:func:`page_paths`).

    Each slide is 16:9 (PNG and SVG 1920x1080 px) with every text at least ``min_text`` px high
    and no text on text. A diagram that does not fit continues on numbered slides: whole tracks
    grouped with the fewest moves between slides (a track too big for one slide, a route or a
    neighbourhood split by level range), each move that leaves a slide drawn to a dashed box
    naming the slide it continues on (:mod:`otgraph.export.pages`). Nothing is refused for size.

    Parameters
    ----------
    G : networkx.DiGraph
        The roles and moves to draw.
    path : str or os.PathLike
        The file (``map.svg``; its pages ``map-1.svg``, ``map-2.svg``...).
    fmt : str, optional
        dot, svg, png or pdf; default: from the file's ending.
    title : str, optional
        The title; default: the names of the tracks drawn.
    min_text : float, optional
        The smallest text in px on a 1920 px wide slide, from 20 to 40 (default 24; 32 for a
        lecture hall).
    context : {"fade", "hide"}, optional
        With a highlighted route: the other roles faded, or left out.
    outside : networkx.DiGraph, optional
        The graph ``G`` was cut from (a track's diagram): its moves to roles not drawn are
        stubs to a box naming their track, so the track's every move shows.
    **options
        Passed to :func:`render` (``highlight``, ``engine``, ``timeout``, ``labels``, ``focus``).

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    InvalidOptionError
        If the format is not a Graphviz one, ``min_text`` is out of range or ``context`` unknown.
    ExportError
        If Graphviz is missing or fails.
    """
    from .slide import MIN_TEXT_PX, MIN_TEXT_RANGE, part

    fmt = format_for(path, fmt)
    if fmt not in GRAPHVIZ_FORMATS:
        raise InvalidOptionError(f"slides are drawn by Graphviz (dot, svg, png, pdf), not {fmt}", argument="fmt")
    min_text = MIN_TEXT_PX if min_text is None else float(min_text)
    if not MIN_TEXT_RANGE[0] <= min_text <= MIN_TEXT_RANGE[1]:
        raise InvalidOptionError(f"min_text must be from {MIN_TEXT_RANGE[0]:g} to {MIN_TEXT_RANGE[1]:g} px, not "
                                 f"{min_text:g}", argument="min_text")
    if context not in ("fade", "hide"):
        raise InvalidOptionError(f"context must be fade or hide, not {context!r}", argument="context")
    highlight = options.get("highlight")
    if highlight is not None and context == "hide":
        G = part(G, highlight.roles)
    title = title or default_title(G)
    by_track = highlight is None and options.get("focus") is None
    fits = _SlideFit(G, title, min_text, by_track, options)
    fits.outside = outside if by_track else None
    pages, contents = _render_pages(G, fmt, title, fits, by_track, options)
    paths = page_paths(path, len(pages))
    for target, content in zip(paths, contents, strict=True):
        write_atomic(target, lambda f, content=content: f.write(content))
    return paths


def _render_pages(G: nx.DiGraph, fmt: str, title: str, fits: _SlideFit, by_track: bool,
                  options: dict[str, Any]) -> tuple[list[list[str]], list[bytes]]:
    """Plan the slides and draw them; a slide whose final drawing (with its real stubs and
    heading) misses the floor is marked as not fitting and the slides are planned again."""
    from .graphviz import SlideError
    from .pages import page_stubs, plan_pages
    from .slide import part

    while True:
        pages = plan_pages(G, fits, by_track=by_track, focus=options.get("focus"))
        contents = []
        for k, nodes in enumerate(pages):
            heading = _page_heading(G, title, nodes, k, len(pages), by_track)
            stubs = page_stubs(G, pages, k, by_track, options.get("focus"), fits.outside)
            try:
                contents.append(_render_page(part(G, nodes), fmt, heading, fits.min_text, stubs, options))
            except SlideError:
                if len(nodes) == 1:
                    raise
                fits.refuse(nodes)
                break
        else:
            return pages, contents


def _render_page(G: nx.DiGraph, fmt: str, heading: str, min_text: float, stubs: list[Any],
                 options: dict[str, Any]) -> bytes:
    """One slide. A slide of one role cannot be split further: if it does not fit, its moves are
    labelled with years only (``last_resort``), then its stubs drawn with one box per other track
    naming all that track's slides (a role with many moves from many slides, such as a licence)."""
    from .graphviz import SlideError
    from .pages import one_box_per_track

    try:
        return render(G, fmt, title=heading, size="slide", min_text=min_text, stubs=stubs,
                      last_resort=len(G) == 1, **options)
    except SlideError:
        fewer = one_box_per_track(stubs)
        if len(G) != 1 or len({(s.place, s.slide) for s in fewer}) == len({(s.place, s.slide) for s in stubs}):
            raise
        return render(G, fmt, title=heading, size="slide", min_text=min_text, stubs=fewer, last_resort=True,
                      **options)


class _SlideFit:
    """Whether a list of roles fits on one slide, drawn with the stubs it will likely have
    (memoised; :meth:`refuse` records a list found not to fit when drawn for real)."""

    def __init__(self, G: nx.DiGraph, title: str, min_text: float, by_track: bool, options: dict[str, Any]):
        from .graphviz import _program, choose_engine

        self.G, self.title, self.min_text, self.by_track = G, title, min_text, by_track
        self.options = {k: v for k, v in options.items() if k in ("highlight", "labels", "focus")}
        self.engine = choose_engine(G, options.get("engine"))
        self.program = _program(self.engine, "svg")
        self.timeout = options.get("timeout", 60)
        self.seen: dict[frozenset[str], bool] = {}
        self.outside: nx.DiGraph | None = None

    def refuse(self, nodes: list[str]) -> None:
        """Record that ``nodes`` do not fit on one slide."""
        self.seen[frozenset(nodes)] = False

    def __call__(self, nodes: list[str]) -> bool:
        from .pages import page_stubs, unit_name
        from .slide import part
        from .slide_layout import slide_layout

        key = frozenset(nodes)
        if key not in self.seen:
            G = self.G
            pages = _other_pages(G, nodes, self.by_track)
            whole = len(key) == G.number_of_nodes()
            heading = self.title if whole else f"{self.title}: {unit_name(G, nodes, self.by_track)} (88 of 88)"
            stubs = page_stubs(G, pages, 0, self.by_track, self.options.get("focus"), self.outside)
            layout = slide_layout(part(G, nodes), self.program, self.timeout, self.min_text, engine=self.engine,
                                  title=heading, stubs=stubs, **self.options)
            self.seen[key] = layout is not None
        return self.seen[key]


def _other_pages(G: nx.DiGraph, nodes: list[str], by_track: bool) -> list[list[str]]:
    """``nodes`` as page 1 and the other roles as they will likely be paged (by track, or
    before and after): the stubs a page of ``nodes`` will draw."""
    mine = set(nodes)
    groups: dict[Any, list[str]] = {}
    low = min((G.nodes[n].get("level") or 0 for n in nodes), default=0)
    for n, attrs in G.nodes(data=True):
        if n not in mine:
            # by track and level: as many stub boxes as the slides of level ranges can need
            key = (attrs.get("track") or "", attrs.get("level")) if by_track else (attrs.get("level") or 0) > low
            groups.setdefault(key, []).append(n)
    return [list(nodes), *groups.values()]


def _page_heading(G: nx.DiGraph, title: str, nodes: list[str], k: int, pages: int, by_track: bool) -> str:
    if pages == 1:
        return title
    if not by_track:
        return f"{title} ({k + 1}\u00a0of\u00a0{pages})"  # never broken over lines
    from .pages import unit_name

    return f"{title}: {unit_name(G, nodes, by_track)} ({k + 1}\u00a0of\u00a0{pages})"


def default_title(G: nx.DiGraph) -> str:
    """A diagram's title when none is given: the names of the tracks it draws.

    >>> from otgraph import load_roles
    >>> default_title(load_roles().subgraph(track="us-clinical"))
    'US clinical ladder'
    """
    from ..labels import track_name

    tracks = dict.fromkeys(a.get("track") for _, a in G.nodes(data=True) if a.get("track"))
    return "; ".join(track_name(t) for t in tracks) or "Occupational therapy careers"


from .._callable import make_callable  # noqa: E402 (after the function it calls)

make_callable(__name__, "export")
