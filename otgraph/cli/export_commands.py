"""The export command: diagrams, data formats and the interactive map."""

from __future__ import annotations

import sys

import click

from ..labels import count
from . import NothingMatched, data_option
from .common import by_option, career_graph, interactive, pick

EXPORT_FORMATS = ("dot", "svg", "png", "pdf", "graphml", "gexf", "json", "mermaid", "html")


@click.command()
@data_option
@click.option("-o", "--output", required=True, metavar="FILE", help="Where to write ('-' for stdout, text formats).")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), help="Default: from the file's ending.")
@click.option("--track", help="Only this track's roles.")
@click.option("--country", help="Only this country's roles.")
@click.option("--highlight", nargs=2, metavar="FROM TO", help="Draw the best route from FROM to TO over the rest.")
@by_option("the highlighted route")
@click.option("--title", help="A title for the diagram.")
@click.option("--labels", type=click.Choice(["full", "years", "none"]), default="full", show_default=True,
              help="Edge labels in diagrams: years and qualifications, years only, or none.")
@click.pass_context
def export(ctx: click.Context, output: str, fmt: str | None, track: str | None, country: str | None,
           highlight: tuple[str, str] | None, by: str, title: str | None, labels: str) -> None:
    """Write the graph as a diagram (dot, svg, png, pdf, mermaid), an interactive map (html)
    or data (graphml, gexf, json)."""
    from ..export import TEXT_FORMATS, format_for, render
    from ..files import write_atomic
    from ..routes import shortest_route

    fmt = format_for(output, fmt)  # a bad file name fails before any work
    if output == "-" and fmt not in TEXT_FORMATS:
        raise click.UsageError(f"{fmt} is a binary format: write it to a file with -o FILE.{fmt}")
    if output != "-":
        check_writable(output)  # before loading and rendering, whatever the render needs
    cg = career_graph(ctx)
    track, country = pick(cg, "track", track), pick(cg, "country", country)
    route = None
    if highlight:
        route = shortest_route(cg.graph, cg.find(highlight[0]), cg.find(highlight[1]), by=by)
    G = cg.subgraph(track=track, country=country, include=route.roles if route else ())
    if G.number_of_nodes() == 0:
        raise NothingMatched("no role matches these filters: nothing written")
    options = {"labels": labels} if fmt in ("dot", "svg", "png", "pdf", "html") else {}
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
               f"{count(G.number_of_edges(), 'transition')})", err=True)


def check_writable(output: str) -> None:
    """Fail early, as the atomic write would fail late: a directory, or a file in no directory."""
    from pathlib import Path

    from ..errors import ExportError

    path = Path(output)
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ExportError(f"{path}: is a directory")
    if not directory.is_dir():
        raise ExportError(f"{path}: no such directory '{directory}'")


COMMANDS = [export]
