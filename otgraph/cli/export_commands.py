"""The export command: diagrams, data formats and the interactive map."""

from __future__ import annotations

import sys

import click

from ..labels import count
from . import data_option
from .common import by_option, career_graph, pick

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
    cg = career_graph(ctx)
    track, country = pick(cg, "track", track), pick(cg, "country", country)
    route = None
    if highlight:
        route = shortest_route(cg.graph, cg.find(highlight[0]), cg.find(highlight[1]), by=by)
    G = cg.subgraph(track=track, country=country, include=route.roles if route else ())
    if G.number_of_nodes() == 0:
        raise_nothing_matched(ctx, "no role matches these filters: nothing written")
    options = {"labels": labels} if fmt in ("dot", "svg", "png", "pdf", "html") else {}
    content = render(G, fmt, highlight=route, title=title, **options)
    if output == "-":
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return
    write_atomic(output, lambda f: f.write(content))
    click.echo(f"wrote {output} ({fmt}: {count(G.number_of_nodes(), 'role')}, "
               f"{count(G.number_of_edges(), 'transition')})", err=True)


def raise_nothing_matched(ctx: click.Context, message: str) -> None:
    """Exit 1 (nothing matched, as grep) with one line on stderr."""
    click.echo(f"otgraph: {message}", err=True)
    ctx.exit(1)


COMMANDS = [export]
