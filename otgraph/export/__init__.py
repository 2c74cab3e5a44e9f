"""Write a career graph to a file: Graphviz (dot, svg, png, pdf), GraphML, GEXF, node-link
JSON, Mermaid, and an interactive HTML map.

Imported only by ``otgraph export`` and scripts that render diagrams, so route lookups never
pay for pydot. Files are written atomically: to a temporary file beside the target, then
renamed over it, so a failed render leaves any existing file as it was. Nothing here prints:
writing to standard output is the command line's job (with :func:`render`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import ExportError, InvalidOptionError
from ..files import write_atomic
from ..routes import Route

__all__ = ["FORMATS", "GRAPHVIZ_FORMATS", "TEXT_FORMATS", "ExportError", "around", "export", "export_slides",
           "format_for", "page_paths", "render"]

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
           focus: str | None = None, progress: Callable[[int, int], None] | None = None) -> bytes:
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
        text at least 14 px high (:class:`~otgraph.errors.SlideError` if it cannot be).
    focus : str, optional
        Graphviz formats: a role drawn bold, without track clusters (for :func:`around`).
    progress : callable, optional
        Called with (done, total) while the HTML map's routes are computed.

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
    if fmt in GRAPHVIZ_FORMATS:
        from .graphviz import render_graphviz

        return render_graphviz(G, fmt, highlight=highlight, title=title, engine=engine, timeout=timeout,
                               labels=labels, size=size, focus=focus)
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
    come from and where one can go), as a copy that keeps the graph's tables.

    Examples
    --------
    >>> from otgraph import load_roles
    >>> H = around(load_roles().graph, "us-mid-ot", 1)
    >>> "us-entry-ot" in H, "us-senior-ot" in H, "nhs-consultant-ot" in H
    (True, True, False)
    """
    if radius < 0:
        raise InvalidOptionError(f"radius must be 0 or more, not {radius}", argument="radius")
    from .slide import part

    return part(G, nx.ego_graph(G, role, radius=radius, undirected=True))


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
                  title: str | None = None, **options: Any) -> list[Path]:
    """Write ``G`` as slides (16:9, text at least 14 px): one file if it fits, else one numbered
    file per page of whole tracks (:func:`page_paths`). A diagram with a highlighted route is
    never split. Returns the files written.

    Raises
    ------
    ExportError
        If a part (a track, or the route's diagram) does not fit: the message says what to filter.
    """
    from .graphviz import fits_slide
    from .slide import slide_pages

    fmt = format_for(path, fmt)
    if fmt not in GRAPHVIZ_FORMATS:
        raise InvalidOptionError(f"slides are drawn by Graphviz (dot, svg, png, pdf), not {fmt}", argument="fmt")
    fit_options = {k: v for k, v in options.items() if k in ("highlight", "engine", "timeout", "labels", "focus")}
    if options.get("highlight") is not None or options.get("focus") is not None:
        pages = [(G, title)]
    else:
        pages = slide_pages(G, lambda H: fits_slide(H, title=title, **fit_options), title)
    contents = [render(part, fmt, title=heading, size="slide", **options) for part, heading in pages]
    paths = page_paths(path, len(pages))
    for target, content in zip(paths, contents, strict=True):
        write_atomic(target, lambda f, content=content: f.write(content))
    return paths
