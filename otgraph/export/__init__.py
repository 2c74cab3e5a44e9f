"""Write a career graph to a file: Graphviz (dot, svg, png, pdf), GraphML, GEXF, node-link
JSON, Mermaid, and an interactive HTML map.

Imported only by ``otgraph export`` and scripts that render diagrams, so route lookups never
pay for pydot. Files are written atomically: to a temporary file beside the target, then
renamed over it, so a failed render leaves any existing file as it was.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import InvalidOptionError, OtgraphError
from ..routes import Route

GRAPHVIZ_FORMATS = ("dot", "svg", "png", "pdf")
TEXT_FORMATS = ("dot", "svg", "graphml", "gexf", "json", "mermaid", "html")
FORMATS = (*GRAPHVIZ_FORMATS, "graphml", "gexf", "json", "mermaid", "html")
_SUFFIXES = {".gv": "dot", ".dot": "dot", ".svg": "svg", ".png": "png", ".pdf": "pdf", ".graphml": "graphml",
             ".gexf": "gexf", ".json": "json", ".mmd": "mermaid", ".mermaid": "mermaid", ".md": "mermaid",
             ".html": "html", ".htm": "html"}

#: How diagrams name the packaged data's tracks (other tracks are shown as they are).
TRACK_NAMES = {
    "nhs": "UK NHS (Agenda for Change bands)",
    "social-services": "UK local-authority social services",
    "us-clinical": "US clinical ladder",
    "us-assistant": "US OT assistant / technician",
    "education": "Education and licensing",
    "practice-settings": "US practice settings and non-traditional roles",
}


class ExportError(OtgraphError):
    """An export could not be written (unknown format, missing Graphviz, failed render...)."""


def format_for(path: str | os.PathLike[str] | None, fmt: str | None = None) -> str:
    """The export format: ``fmt`` if given, else the one the file name's ending implies."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise InvalidOptionError(f"unknown format '{fmt}': use one of {', '.join(FORMATS)}")
        return fmt
    if path is None or str(path) == "-":
        raise InvalidOptionError("give --format when writing to standard output")
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise InvalidOptionError(f"cannot tell the format from '{path}': give --format ({', '.join(FORMATS)})")
    return _SUFFIXES[suffix]


def render(G: nx.DiGraph, fmt: str, *, highlight: Route | None = None, title: str | None = None,
           engine: str | None = None, timeout: float = 60, labels: str = "full") -> bytes:
    """The exported graph as bytes in ``fmt``. ``labels`` (Graphviz formats): edge labels with
    years and qualifications (``full``), years only (``years``) or none (``none``)."""
    if fmt in GRAPHVIZ_FORMATS:
        from .graphviz import render_graphviz

        return render_graphviz(G, fmt, highlight=highlight, title=title, engine=engine, timeout=timeout,
                               labels=labels)
    if fmt == "html":
        from .html import to_html

        return to_html(G, title=title, highlight=highlight, timeout=timeout, labels=labels).encode("utf-8")
    if fmt == "mermaid":
        from .mermaid import to_mermaid

        return to_mermaid(G, highlight=highlight).encode("utf-8")
    from .data import write_data

    return write_data(G, fmt)


def export(G: nx.DiGraph, path: str | os.PathLike[str], fmt: str | None = None, **options: Any) -> str:
    """Write ``G`` to ``path`` (``-`` for standard output, text formats only); return the format."""
    fmt = format_for(path, fmt)
    if str(path) == "-" and fmt not in TEXT_FORMATS:
        raise InvalidOptionError(f"{fmt} is a binary format: write it to a file with -o FILE.{fmt}")
    content = render(G, fmt, **options)
    if str(path) == "-":
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    else:
        write_atomic(Path(path), lambda f: f.write(content))
    return fmt


def write_atomic(path: Path, write: Callable[[Any], object]) -> None:
    """Write a file all at once: a temporary file beside it, renamed over it when complete."""
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ExportError(f"{path}: is a directory")
    if not directory.is_dir():
        raise ExportError(f"{path}: no such directory '{directory}'")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        os.unlink(tmp)
        raise ExportError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
