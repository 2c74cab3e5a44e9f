"""The export command: diagrams, data formats and the interactive map."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from ..labels import count
from . import CommandError, data_option
from .common import by_option, career_graph, interactive, pick

if TYPE_CHECKING:
    import networkx as nx

    from ..graph import CareerGraph
    from ..routes import Route

__all__ = ["COMMANDS", "EXPORT_FORMATS", "export"]

EXPORT_FORMATS = ("dot", "svg", "png", "pdf", "graphml", "gexf", "json", "mermaid", "html")


@click.command()
@data_option
@click.option("-o", "--output", required=True, metavar="FILE", help="Where to write ('-' for stdout, text formats).")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), help="Default: from the file's ending.")
@click.option("--track", help="Only this track's roles.")
@click.option("--country", help="Only this country's roles.")
@click.option("--highlight", nargs=2, metavar="FROM TO", help="Draw the best route from FROM to TO over the rest.")
@by_option("the highlighted route")
@click.option("--have", multiple=True, metavar="QUAL",
              help="A qualification the person at FROM holds (--highlight, --timeline; repeatable): where FROM's "
                   "requirements allow alternatives, the best branch is drawn.")
@click.option("--title", help="A title for the diagram.")
@click.option("--labels", type=click.Choice(["full", "years", "none"]), default="full", show_default=True,
              help="Edge labels in diagrams: years and qualifications, years only, or none.")
@click.option("--size", type=click.Choice(["natural", "slide"]),
              help="svg/png/pdf: the layout's own size, or a 16:9 slide (1920x1080 px, text at least --min-text px; "
                   "continued on numbered slides when it does not fit). Default: natural.")
@click.option("--min-text", "min_text", type=click.FloatRange(20, 40), default=24, show_default=True, metavar="PX",
              help="--size slide: the smallest text in px on a 1920 px slide (32, about 16 pt, for a lecture hall).")
@click.option("--context", type=click.Choice(["fade", "hide"]), default="fade", show_default=True,
              help="--highlight on slides: the other roles faded, or left out.")
@click.option("--around", metavar="ROLE", help="Only ROLE and the roles within --radius moves of it, in and out.")
@click.option("--radius", type=click.IntRange(min=0), default=1, show_default=True, help="Moves around --around.")
@click.option("--timeline", nargs=2, metavar="FROM TO",
              help="Draw the best route from FROM to TO as a timeline (svg, png, pdf; needs the plot extra).")
@click.pass_context
def export(ctx: click.Context, output: str, fmt: str | None, track: str | None, country: str | None,
           highlight: tuple[str, str] | None, by: str, have: tuple[str, ...], title: str | None, labels: str,
           size: str | None, min_text: float, context: str, around: str | None, radius: int,
           timeline: tuple[str, str] | None) -> None:
    """Write the graph as a diagram (dot, svg, png, pdf, mermaid), an interactive map (html),
    data (graphml, gexf, json), or a route as a timeline (--timeline)."""
    from ..export import format_for
    from ..files import check_writable

    fmt = format_for(output, fmt)  # a bad file name fails before any work
    _check_usage(output, fmt, have=have, drawn_route=bool(highlight or timeline), timeline=bool(timeline),
                 size=size)
    if output != "-":
        check_writable(output)  # before loading and rendering, whatever the render needs
    if timeline:
        _write_timeline(ctx, output, fmt, timeline, by=by, have=have, title=title)
        return
    cg = career_graph(ctx)
    track, country = pick(cg, "track", track), pick(cg, "country", country)
    route = _route(cg, highlight, by, have) if highlight else None
    G = cg.subgraph(track=track, country=country, include=route.roles if route else ())
    options: dict = {}
    if around:
        G, title, options["focus"] = _around(cg, G, around, radius, title)
    _check_size(G, fmt)
    if size == "slide":
        from ..export import export_slides

        outside = cg.graph if (track or country) and not route else None  # a part's moves out, as stubs
        written = export_slides(G, output, fmt, title=title, highlight=route, labels=labels, min_text=min_text,
                                context=context, outside=outside, **options)
        click.echo(f"wrote {', '.join(map(str, written))} ({fmt} slide{'s' if len(written) > 1 else ''}: "
                   f"{count(G.number_of_nodes(), 'role')})", err=True)
        return
    _write_diagram(ctx, G, output, fmt, route=route, title=title, labels=labels, options=options)


def _check_usage(output: str, fmt: str, *, have: tuple[str, ...], drawn_route: bool, timeline: bool,
                 size: str | None) -> None:
    from ..export import GRAPHVIZ_FORMATS, TEXT_FORMATS

    if have and not drawn_route:
        raise click.UsageError("--have describes the person on a route: use it with --highlight or --timeline")
    if output == "-" and fmt not in TEXT_FORMATS:
        raise click.UsageError(f"{fmt} is a binary format: write it to a file with -o FILE.{fmt}")
    if timeline and fmt not in ("svg", "png", "pdf"):
        raise click.UsageError(f"--timeline draws svg, png or pdf, not {fmt}")
    if size == "slide" and fmt not in GRAPHVIZ_FORMATS:
        raise click.UsageError(f"--size slide is for dot, svg, png and pdf, not {fmt}")


def _route(cg: CareerGraph, ends: tuple[str, str], by: str, have: tuple[str, ...]) -> Route:
    from ..routes import Constraints, shortest_route

    return shortest_route(cg.graph, cg.find(ends[0]), cg.find(ends[1]), by=by, constraints=Constraints(have=have))


def _write_timeline(ctx: click.Context, output: str, fmt: str, ends: tuple[str, str], *, by: str,
                    have: tuple[str, ...], title: str | None) -> None:
    from ..export.timeline import require_matplotlib
    from ..files import write_atomic

    require_matplotlib()  # without matplotlib: exit 2 with the install command, before any work
    cg = career_graph(ctx)
    route = _route(cg, ends, by, have)
    from ..export.timeline import to_timeline

    content = to_timeline(cg.graph, route, fmt, title=title)
    write_atomic(output, lambda f: f.write(content))
    click.echo(f"wrote {output} ({fmt} timeline: {count(route.total_steps, 'step')})", err=True)


def _around(cg: CareerGraph, G: nx.DiGraph, around: str, radius: int,
            title: str | None) -> tuple[nx.DiGraph, str, str]:
    from ..export import around as neighbourhood

    focus = cg.find(around)
    G = neighbourhood(G, focus, radius)
    title = title or f"Around {G.nodes[focus].get('title', focus)}: {count(radius, 'move')} in and out"
    return G, title, focus


def _check_size(G: nx.DiGraph, fmt: str) -> None:
    if G.number_of_nodes() == 0:
        raise CommandError("no role matches these filters: nothing written", 1)
    if fmt == "html":
        from ..export.html import HTML_MAX_NODES

        if G.number_of_nodes() > HTML_MAX_NODES:
            raise click.UsageError(f"{G.number_of_nodes():,} roles are too many for the interactive map (at most "
                                   f"{HTML_MAX_NODES}): choose a part with --track or --country")


def _write_diagram(ctx: click.Context, G: nx.DiGraph, output: str, fmt: str, *, route: Route | None,
                   title: str | None, labels: str, options: dict) -> None:
    from ..export import GRAPHVIZ_FORMATS, render
    from ..files import write_atomic

    if fmt in ("dot", "svg", "png", "pdf", "html"):
        options["labels"] = labels
    if fmt not in GRAPHVIZ_FORMATS:
        options.pop("focus", None)
    if fmt == "html" and interactive(ctx):
        with click.progressbar(length=G.number_of_nodes(), label="routes", file=sys.stderr) as bar:
            def progress(done: int, total: int) -> None:
                bar.update(1)

            content = render(G, fmt, highlight=route, title=title, progress=progress, **options)
    else:
        content = render(G, fmt, highlight=route, title=title, **options)
    if output == "-":
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return
    write_atomic(output, lambda f: f.write(content))
    click.echo(f"wrote {output} ({fmt}: {count(G.number_of_nodes(), 'role')}, "
               f"{count(G.number_of_edges(), 'move')})", err=True)


COMMANDS = [export]
