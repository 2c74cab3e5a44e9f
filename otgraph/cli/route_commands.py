"""Route commands: the best route (path) and the k best or the trade-off (routes)."""

from __future__ import annotations

import click

from ..labels import badge, count, evidence_grade, years_label, years_text
from . import data_option
from .common import by_option, career_graph, echo_json, json_option


def totals(route) -> str:
    """'8 years, 4 steps, 1 qualification'."""
    return (f"{years_text(route.total_years)}, {count(route.total_steps, 'step')}, "
            f"{count(route.total_qualifications, 'qualification')}")


def route_options(command):
    """--by and the route constraints, shared by path and routes."""
    for option in reversed([
        by_option(),
        click.option("--track", help="Stay on this track (education stages always allowed)."),
        click.option("--country", help="Stay in this country (UK, US...)."),
        click.option("--via", multiple=True, metavar="ROLE", help="Pass through this role (repeatable, in order)."),
        click.option("--avoid", multiple=True, metavar="ROLE", help="Never pass through this role (repeatable)."),
        click.option("--max-years", type=float, help="At most this many years in all."),
        json_option,
    ]):
        command = option(command)
    return command


def constraints_from(cg, track, country, via, avoid, max_years):
    """The route constraints of the command line, checked and resolved against the graph."""
    from ..routes import Constraints

    Constraints(max_years=max_years).check()  # a bad number fails before any role is looked up
    return Constraints(track=track, country=country, via=tuple(via), avoid=frozenset(avoid),
                       max_years=max_years).resolve(cg.graph)


@click.command()
@data_option
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@route_options
@click.pass_context
def path(ctx: click.Context, source: str, target: str, by: str, track, country, via, avoid, max_years,
         as_json: bool) -> None:
    """The best route from one role to another, step by step, with totals."""
    from ..routes import shortest_route

    cg = career_graph(ctx)
    constraints = constraints_from(cg, track, country, via, avoid, max_years)
    route = shortest_route(cg.graph, cg.find(source), cg.find(target), by=by, constraints=constraints)
    if as_json:
        echo_json(route.to_dict())
        return
    click.echo(format_route(cg, route))


@click.command()
@data_option
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option("-k", "k", type=int, default=3, show_default=True, help="How many routes.")
@click.option("--pareto", is_flag=True, help="Every route no other beats on both years and qualifications.")
@route_options
@click.pass_context
def routes(ctx: click.Context, source: str, target: str, k: int, pareto: bool, by: str, track, country, via,
           avoid, max_years, as_json: bool) -> None:
    """The k best loop-free routes, or the years/qualifications trade-off (--pareto)."""
    from ..routes import k_shortest_routes, pareto_routes

    cg = career_graph(ctx)
    constraints = constraints_from(cg, track, country, via, avoid, max_years)
    a, b = cg.find(source), cg.find(target)
    if pareto:
        found = pareto_routes(cg.graph, a, b, constraints=constraints)
    else:
        found = k_shortest_routes(cg.graph, a, b, k, by=by, constraints=constraints)
    if as_json:
        echo_json([r.to_dict() for r in found])
        return
    for i, route in enumerate(found, 1):
        click.echo(f"{i}. {totals(route)}")
        click.echo("   " + " -> ".join(route.titles))


def format_route(cg, route) -> str:
    """A route as the text ``otgraph path`` prints."""
    G = cg.graph
    width = max(len(t) for t in route.titles)
    lines = [f"{route.titles[0]} -> {route.titles[-1]} (best by {route.by})", ""]
    for i, (node, title) in enumerate(zip(route.roles, route.titles, strict=True)):
        years = ""
        if i:
            step = route.steps[i - 1]
            years = years_label(step.years, evidence_grade({"years_basis": step.years_basis}))
        lines.append(f"  {i + 1:>2}. {title:<{width}}  {years:>8}   {badge(G.nodes[node])}".rstrip())
        if i and route.steps[i - 1].qualifications:
            quals = ", ".join(route.qualification_titles[q] for q in route.steps[i - 1].qualifications)
            lines.append(f"        + {quals}")
    lines += ["", f"Total: {totals(route)}"]
    if route.estimated_steps:
        lines.append(f"~ marks an estimate where no source gives the time ({route.estimated_steps} of "
                     f"{route.total_steps} steps); 'otgraph show ROLE' lists the sources.")
    return "\n".join(lines)


COMMANDS = [path, routes]
