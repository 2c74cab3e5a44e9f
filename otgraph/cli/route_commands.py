"""Route commands: the best route (path), the k best or the trade-off (routes), and the
qualifications that open or gate them."""

from __future__ import annotations

import click

from ..labels import badge, count, number, years_label, years_range_label, years_text
from . import NothingMatched, data_option
from .common import by_option, career_graph, echo_json, json_option

__all__ = ["COMMANDS", "constraints_from", "format_route", "gap_lines", "gap_summary", "have_option", "pay_summary",
           "route_options", "totals"]

have_option = click.option("--have", multiple=True, metavar="QUAL",
                           help="A qualification you already hold (id, title or alias; repeatable).")


def totals(route) -> str:
    """'9 years (8-12), 4 steps, 1 qualification'; an open maximum prints as '8+'."""
    low, high = route.total_years_range
    spread = years_range_label(low, high)
    years = years_text(route.total_years) + (f" ({spread})" if spread != number(route.total_years) else "")
    return f"{years}, {count(route.total_steps, 'step')}, {count(route.total_qualifications, 'qualification')}"


def route_options(command):
    """--by, --have and the route constraints, shared by path and routes."""
    for option in reversed([
        by_option(),
        have_option,
        click.option("--track", help="Stay on this track (education stages always allowed)."),
        click.option("--country", help="Stay in this country (UK, US...)."),
        click.option("--via", multiple=True, metavar="ROLE", help="Pass through this role (repeatable, in order)."),
        click.option("--avoid", multiple=True, metavar="ROLE", help="Never pass through this role (repeatable)."),
        click.option("--max-years", type=float, help="At most this many (typical) years in all."),
        json_option,
    ]):
        command = option(command)
    return command


def constraints_from(cg, track, country, via, avoid, max_years, have=()):
    """The route constraints of the command line, checked and resolved against the graph."""
    from ..routes import Constraints

    Constraints(max_years=max_years).check()  # a bad number fails before any role is looked up
    return Constraints(track=track, country=country, via=tuple(via), avoid=frozenset(avoid),
                       max_years=max_years, have=tuple(have)).resolve(cg.graph)


@click.command()
@data_option
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@route_options
@click.option("--skills", "show_skills", is_flag=True,
              help="Under each step, the skills and responsibilities the new role adds over all held so far.")
@click.option("--pay", "show_pay", is_flag=True,
              help="Each role's pay and the change from start to end (in each role's own currency; never converted).")
@click.pass_context
def path(ctx: click.Context, source: str, target: str, by: str, have, track, country, via, avoid, max_years,
         as_json: bool, show_skills: bool, show_pay: bool) -> None:
    """The best route from one role to another that meets every entry requirement, step by
    step, with totals. Years are each move's typical figure; the total's range adds the
    moves' ranges bound by bound."""
    from ..routes import shortest_route

    cg = career_graph(ctx)
    constraints = constraints_from(cg, track, country, via, avoid, max_years, have)
    route = shortest_route(cg.graph, cg.find(source), cg.find(target), by=by, constraints=constraints)
    gap = route.skill_gap(cg.graph) if show_skills else None
    pay = route.pay(cg.graph) if show_pay else None
    if as_json:
        echo_json(route.to_dict(gap=gap, pay=pay))
        return
    click.echo(format_route(cg, route, gap=gap, pay=pay))


@click.command()
@data_option
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option("-k", "k", type=int, default=None, help="How many routes (default 3; with --pareto: at most k points).")
@click.option("--pareto", is_flag=True, help="Every route no other beats on both years and qualifications.")
@route_options
@click.pass_context
def routes(ctx: click.Context, source: str, target: str, k: int | None, pareto: bool, by: str, have, track, country,
           via, avoid, max_years, as_json: bool) -> None:
    """The k best loop-free routes that meet every entry requirement, or the
    years/qualifications trade-off (--pareto). An alternative that only adds roles at no
    cost in years or qualifications to a route already listed is left out."""
    from ..routes import k_shortest_routes, pareto_routes

    cg = career_graph(ctx)
    constraints = constraints_from(cg, track, country, via, avoid, max_years, have)
    a, b = cg.find(source), cg.find(target)
    if pareto:
        found = pareto_routes(cg.graph, a, b, constraints=constraints, k=k)
    else:
        found = k_shortest_routes(cg.graph, a, b, 3 if k is None else k, by=by, constraints=constraints)
    if as_json:
        echo_json([r.to_dict() for r in found])
        return
    for i, route in enumerate(found, 1):
        click.echo(f"{i}. {totals(route)}")
        click.echo("   " + " -> ".join(route.titles))


def format_route(cg, route, gap=None, pay=None) -> str:
    """A route as the text ``otgraph path`` prints; with ``gap`` (:meth:`Route.skill_gap`) the
    items each step adds, with ``pay`` (:meth:`Route.pay`) each role's pay and the change."""
    from ..skills import pay_text

    G = cg.graph
    width = max(len(t) for t in route.titles)
    ranges = ["" if i == 0 else route.steps[i - 1].range_label for i in range(len(route.roles))]
    lines = [f"{route.titles[0]} -> {route.titles[-1]} (best by {route.by})", ""]
    for i, (node, title) in enumerate(zip(route.roles, route.titles, strict=True)):
        years = spread = ""
        if i:
            step = route.steps[i - 1]
            years = years_label(step.years, step.grade)
            spread = f"({ranges[i]})" if ranges[i] != number(step.years) else ""
        lines.append(f"  {i + 1:>2}. {title:<{width}}  {years:>9} {spread:<11} {badge(G.nodes[node])}".rstrip())
        if i and route.steps[i - 1].awards:
            step = route.steps[i - 1]
            needed = dict(step.needed_for)
            quals = ", ".join(route.qualification_titles[q] + (f" (needed for {cg.title(needed[q])})"
                                                               if q in needed and needed[q] != node else "")
                              for q in step.awards)
            lines.append(f"        + {quals}")
        if pay is not None and (pay.figures[node] or G.nodes[node].get("kind") != "education"):
            lines += [f"        pay: {pay_text(f)}" for f in pay.figures[node]] or \
                ["        pay: no figure in the data"]
        if gap is not None:
            lines += gap_lines(gap.held if i == 0 else gap.steps[i - 1], held=i == 0)
    lines += ["", f"Total: {totals(route)}"]
    if gap is not None:
        lines.append(f"Gained on the way: {gap_summary(gap.total)}")
    if pay is not None:
        lines.append(pay_summary(cg, pay))
    if route.estimated_steps:
        grades = sorted({s.grade for s in route.steps if s.grade != "sourced"})
        lines.append(f"~ marks years no source states ({', '.join(grades)}: {route.estimated_steps} of "
                     f"{count(route.total_steps, 'step')}); 'otgraph show ROLE' lists each figure's source.")
    if any(s.years_kind == "experience" for s in route.steps):
        lines.append("Ladder ranges are the sources' preferred experience, not requirements.")
    return "\n".join(lines)


def gap_summary(items) -> str:
    """'14 items: 8 responsibilities, 4 hard skills, 2 soft skills'."""
    if not items:
        return "nothing new"
    kinds = {}
    for item in items:
        kinds[item["kind"]] = kinds.get(item["kind"], 0) + 1
    names = {"responsibility": "responsibility", "hard": "hard skill", "soft": "soft skill", "skill": "skill",
             "training": "training item"}
    parts = [count(n, names.get(k, k)).replace("responsibilitys", "responsibilities") for k, n in kinds.items()]
    return f"{count(len(items), 'item')}: " + ", ".join(parts)


def gap_lines(items, held: bool = False, indent: str = "        ") -> list[str]:
    """The lines under a step: what the role adds (or, at the start, holds already)."""
    if held:
        return [f"{indent}holds already: {gap_summary(items)}"] if items else []
    if not items:
        return [f"{indent}adds: nothing new (or the data lists no skills for this role)"]
    return [f"{indent}adds: {gap_summary(items)}"] + [f"{indent}  - {i['label']} ({i['kind']})" for i in items]


def pay_summary(cg, pay) -> str:
    """The route's pay change, or why there is none."""
    if pay.change is None:
        return f"Pay change: not given: {pay.note}." if pay.note else "Pay change: not given."
    c = pay.change
    years = f"{c.source_year}" if c.source_year == c.target_year else f"{c.source_year} -> {c.target_year}"
    text = f"Pay change: {c.text}, {cg.title(c.source)} -> {cg.title(c.target)} ({years})"
    return text + (f"; {pay.note}." if pay.note else ".")


@click.command()
@data_option
@click.option("--country", help="Only this country's qualifications.")
@json_option
@click.pass_context
def qualifications(ctx: click.Context, country: str | None, as_json: bool) -> None:
    """Qualifications: id, title, country, the moves that award each, and the roles that require it."""
    from ..gates import normalize_groups
    from .common import pick

    cg = career_graph(ctx)
    G = cg.graph
    country = pick(cg, "country", country)
    rows = []
    for q, attrs in G.graph.get("qualifications", {}).items():
        if country is not None and attrs.get("country") != country:
            continue
        awarded = [{"from": u, "to": v} for u, v, d in G.edges(data=True) if q in (d.get("awards") or ())]
        required = [n for n, a in G.nodes(data=True) if any(q in g for g in normalize_groups(a.get("requires")))]
        rows.append({"id": q, "title": attrs.get("title", q), "country": attrs.get("country"),
                     "awarded_by": awarded, "required_by": required})
    if as_json:
        echo_json(rows)
    elif rows:
        for r in rows:
            click.echo(f"{r['id']}  {r['title']}  ({r['country'] or '-'})")
            if r["awarded_by"]:
                shown = "; ".join(f"{cg.title(m['from'])} -> {cg.title(m['to'])}" for m in r["awarded_by"][:4])
                more = len(r["awarded_by"]) - 4
                click.echo(f"    awarded by: {shown}" + (f" and {more} more" if more > 0 else ""))
            else:
                click.echo("    awarded by: nothing in this data")
            if r["required_by"]:
                click.echo("    required by: " + "; ".join(cg.title(n) for n in r["required_by"][:6])
                           + (f" and {len(r['required_by']) - 6} more" if len(r["required_by"]) > 6 else ""))
    if not rows:  # an empty list: exit 1, as grep, nothing on stderr
        raise NothingMatched()


COMMANDS = [path, routes, qualifications]
